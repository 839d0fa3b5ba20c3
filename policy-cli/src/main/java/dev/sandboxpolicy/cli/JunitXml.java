package dev.sandboxpolicy.cli;

import dev.sandboxpolicy.model.Problem;
import java.io.StringWriter;
import java.util.List;
import java.util.Locale;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * The results of {@code policyctl test} as JUnit XML, the report format CI systems (Jenkins, GitLab, GitHub test
 * reporters, Azure Pipelines) display: one {@code <testsuite>} per test file, one {@code <testcase>} per case with a
 * {@code <failure>} when it failed, and with coverage a {@code coverage} suite whose {@code system-out} lists the items
 * no case exercised (and whose one testcase fails below {@code --min-coverage}).
 *
 * <p>The layout follows the de facto schema that JUnit's own legacy reporter and Jenkins read (the Ant
 * {@code junit-4.xsd}): element order {@code properties}, {@code testcase}, {@code system-out}; {@code name} and
 * {@code tests} on every suite; times in seconds. A test validates the output against that schema.
 */
final class JunitXml {

  /** The name of the root element's run and the {@code type} of a failure. */
  static final String SUITES_NAME = "policyctl test";

  static final String FAILURE_TYPE = "test_failed";

  /** The suite that reports coverage. */
  static final String COVERAGE_SUITE = "coverage";

  private JunitXml() {}

  /** The whole report. */
  static String write(TestCommand.Report report) {
    return document(w -> {
      long cases = report.outcomes().size() + (report.minimum() != null ? 1 : 0);
      long failures = report.failed() + (report.coverageMet() ? 0 : 1);
      w.writeStartElement("testsuites");
      w.writeAttribute("name", SUITES_NAME);
      w.writeAttribute("tests", Long.toString(cases));
      w.writeAttribute("failures", Long.toString(failures));
      w.writeAttribute("errors", "0");
      w.writeAttribute("time", seconds(report.outcomes().stream().mapToLong(PolicyTestRun.Outcome::nanos).sum()));
      for (TestCommand.Loaded l : report.files()) {
        List<PolicyTestRun.Outcome> outcomes = report.outcomesOf(l.file());
        w.writeStartElement("testsuite");
        w.writeAttribute("name", l.file().name());
        w.writeAttribute("tests", Integer.toString(outcomes.size()));
        w.writeAttribute("failures", Long.toString(outcomes.stream().filter(o -> !o.passed()).count()));
        w.writeAttribute("errors", "0");
        w.writeAttribute("skipped", "0");
        w.writeAttribute("time", seconds(outcomes.stream().mapToLong(PolicyTestRun.Outcome::nanos).sum()));
        w.writeStartElement("properties");
        property(w, "policy", l.policy().description());
        w.writeEndElement();
        for (PolicyTestRun.Outcome o : outcomes) {
          w.writeStartElement("testcase");
          w.writeAttribute("name", o.testCase().name());
          w.writeAttribute("classname", l.file().name());
          w.writeAttribute("time", seconds(o.nanos()));
          if (!o.passed()) {
            w.writeStartElement("failure");
            w.writeAttribute("message", String.join("; ", o.mismatches()));
            w.writeAttribute("type", FAILURE_TYPE);
            w.writeCharacters(details(o));
            w.writeEndElement();
          }
          w.writeEndElement();
        }
        w.writeEndElement();
      }
      if (report.coverage() != null) {
        coverage(w, report);
      }
      w.writeEndElement();
    });
  }

  private static void coverage(XMLStreamWriter w, TestCommand.Report report) throws XMLStreamException {
    RuleCoverage c = report.coverage();
    w.writeStartElement("testsuite");
    w.writeAttribute("name", COVERAGE_SUITE);
    w.writeAttribute("tests", report.minimum() != null ? "1" : "0");
    w.writeAttribute("failures", report.coverageMet() ? "0" : "1");
    w.writeAttribute("errors", "0");
    w.writeAttribute("skipped", "0");
    w.writeStartElement("properties");
    property(w, "coverage.percent", c.percent(2).toPlainString());
    property(w, "coverage.covered", Long.toString(c.covered()));
    property(w, "coverage.total", Long.toString(c.total()));
    w.writeEndElement();
    if (report.minimum() != null) {
      w.writeStartElement("testcase");
      w.writeAttribute("name", "at least " + report.minimum().toPlainString() + "% of the policy items exercised");
      w.writeAttribute("classname", COVERAGE_SUITE);
      report.coverageFailure().ifPresent(message -> {
        try {
          w.writeStartElement("failure");
          w.writeAttribute("message", message);
          w.writeAttribute("type", "coverage_below_minimum");
          w.writeCharacters(String.join("\n", c.lines()));
          w.writeEndElement();
        } catch (XMLStreamException e) {
          throw new IllegalStateException(e);
        }
      });
      w.writeEndElement();
    }
    w.writeStartElement("system-out");
    w.writeCharacters(String.join("\n", c.lines()) + "\n");
    w.writeEndElement();
    w.writeEndElement();
  }

  /** A report for inputs that do not load: one suite per input, one erroring testcase with its problems. */
  static String writeBadInput(List<FileReport> bad) {
    return document(w -> {
      w.writeStartElement("testsuites");
      w.writeAttribute("name", SUITES_NAME);
      w.writeAttribute("tests", Integer.toString(bad.size()));
      w.writeAttribute("failures", "0");
      w.writeAttribute("errors", Integer.toString(bad.size()));
      for (FileReport r : bad) {
        w.writeStartElement("testsuite");
        w.writeAttribute("name", r.file());
        w.writeAttribute("tests", "1");
        w.writeAttribute("failures", "0");
        w.writeAttribute("errors", "1");
        w.writeStartElement("testcase");
        w.writeAttribute("name", "load " + r.file());
        w.writeAttribute("classname", r.file());
        w.writeStartElement("error");
        if (r.unreadable().isPresent()) {
          w.writeAttribute("message", r.unreadable().get().getMessage());
          w.writeAttribute("type", r.unreadable().get().code());
        } else {
          w.writeAttribute("message", r.file() + " does not load (" + ProblemText.counts(r.problems()) + ")");
          w.writeAttribute("type", "invalid_input");
          StringBuilder b = new StringBuilder();
          for (Problem p : r.problems()) {
            b.append(ProblemText.format(r.file(), p)).append('\n');
          }
          w.writeCharacters(b.toString());
        }
        w.writeEndElement();
        w.writeEndElement();
        w.writeEndElement();
      }
      w.writeEndElement();
    });
  }

  /** The failure's text: where the case is, what was expected and what the decision was. */
  private static String details(PolicyTestRun.Outcome o) {
    StringBuilder b = new StringBuilder();
    b.append(o.where()).append(": ").append(o.testCase().name()).append('\n');
    o.mismatches().forEach(m -> b.append(m).append('\n'));
    b.append("request:  ").append(o.testCase().request().describe()).append('\n');
    b.append("decision: ").append(o.got())
        .append(o.result().decision().matchedPolicy().map(k -> " (entry " + k + ")").orElse(" (no entry)")).append('\n');
    o.rule().ifPresent(rule -> b.append("rule:     ").append(rule).append('\n'));
    b.append("reason:   ").append(o.result().reason()).append('\n');
    return b.toString();
  }

  private static void property(XMLStreamWriter w, String name, String value) throws XMLStreamException {
    w.writeEmptyElement("property");
    w.writeAttribute("name", name);
    w.writeAttribute("value", value);
  }

  /** Seconds with millisecond precision, as JUnit writes them ({@code 0.004}). */
  static String seconds(long nanos) {
    return String.format(Locale.ROOT, "%.3f", nanos / 1e9);
  }

  /** Writes one XML document (UTF-8 declaration, a line break at the end). */
  private static String document(Body body) {
    StringWriter out = new StringWriter();
    try {
      XMLStreamWriter w = XMLOutputFactory.newFactory().createXMLStreamWriter(out);
      w.writeStartDocument("UTF-8", "1.0");
      out.write('\n');
      body.write(w);
      w.writeEndDocument();
      w.close();
    } catch (XMLStreamException e) {
      throw new IllegalStateException("cannot write JUnit XML: " + e.getMessage(), e);
    }
    return out + "\n";
  }

  @FunctionalInterface
  private interface Body {
    void write(XMLStreamWriter w) throws XMLStreamException;
  }
}
