package dev.sandboxpolicy.cli;

import dev.sandboxpolicy.matcher.MatchTrace;
import dev.sandboxpolicy.model.Problem;
import dev.sandboxpolicy.model.ProblemCode;
import dev.sandboxpolicy.model.SourceLocation;
import dev.sandboxpolicy.model.SourceMap;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** {@code policyctl test}: runs policy test files, with rule coverage. */
@Command(
    name = "test",
    header = "run policy test files: cases of requests and the decision each must get, with rule coverage",
    description = {
      "Each FILE is a policy test file (docs/testing-policies.md): the policy under test ('policy:', a path"
          + " relative to the test file, and/or 'presets:' merged on top as 'policyctl merge' merges them) and its"
          + " cases, each a decide request of the stdio protocol with the decision it must get (allow, deny or"
          + " error), optionally the entry that must decide and a text the reason must contain:",
      "  policy: sandbox.yaml",
      "  cases:",
      "    - name: gh reads the API",
      "      request: {host: api.github.com, port: 443, binary: /usr/bin/gh, method: GET, target: /repos/a/b}",
      "      expect: allow",
      "      entry: github",
      "",
      "Every case is decided as 'policyctl check' decides it. A failing case is printed with its FILE:LINE:COLUMN,"
          + " the decision's entry, rule (with its file position) and reason; then a summary per file.",
      "",
      "--coverage also reports which entries, endpoints, binaries, allow rules and deny rules some case"
          + " exercised (matched, not only decided: see the document), the items no case exercised with"
          + " FILE:LINE:COLUMN, and a percentage. --min-coverage PCT fails the run below PCT percent.",
      "",
      "--format json (or --json) prints {\"passed\", \"failed\", \"cases\": [{\"file\", \"name\", \"line\","
          + " \"column\", \"request\", \"result\", \"expected\", \"got\", \"entry\", \"reason_contains\", \"decision\","
          + " \"mismatches\"}], \"coverage\"?: {\"percent\", \"covered\", \"total\", \"by_kind\", \"uncovered\"}}."
          + " --format junit prints JUnit XML (one testsuite per file, one testcase per case) for CI systems;"
          + " --format sarif prints a SARIF 2.1.0 log of the failures (and, with --coverage, the unexercised items);"
          + " --format github prints the same as GitHub Actions annotations (::error/::warning lines), then the text"
          + " report.",
      "",
      "A test file, policy or preset that does not load is reported with its problems (FILE:LINE:COLUMN) and"
          + " nothing is run."
    },
    exitCodeList = {
      "0:every case passed (and the coverage is at least --min-coverage)",
      "1:a case failed, or the coverage is below --min-coverage",
      "2:usage error, or a test file, policy or preset that does not load"
    })
final class TestCommand extends Subcommand {

  @Parameters(paramLabel = "FILE", arity = "1..*", description = "a policy test file (- is standard input)")
  List<String> files = new ArrayList<>();

  @Option(names = "--coverage", description = "report which entries, endpoints, binaries and rules no case exercised")
  boolean coverage;

  @Option(
      names = "--min-coverage",
      paramLabel = "PCT",
      description = "fail (exit 1) when fewer than PCT percent of the items were exercised (implies --coverage)")
  String minCoverage;

  @Option(
      names = "--format",
      paramLabel = "FORMAT",
      completionCandidates = ReportFormat.AllLabels.class,
      description = "text (default), json, junit (JUnit XML), sarif (SARIF 2.1.0) or github (GitHub Actions annotations)")
  String format;

  @Option(names = "--json", description = "the same as --format json")
  boolean json;

  @Override
  int run(Terminal terminal) throws CommandFailure {
    ReportFormat chosen = format();
    BigDecimal minimum = minimum();
    boolean withCoverage = coverage || minimum != null;
    if (files.stream().filter(f -> f.equals("-")).count() > 1) {
      throw CommandFailure.usage("standard input (-) can be read once " + helpHint());
    }

    // Read every file and load every policy first: a bad input runs nothing.
    List<FileReport> bad = new ArrayList<>();
    List<Loaded> loaded = new ArrayList<>();
    Map<String, PolicyUnderTest> policies = new HashMap<>();
    for (String arg : files) {
      InputDocument document;
      try {
        document = InputDocument.read(arg, terminal);
      } catch (CommandFailure failure) {
        bad.add(FileReport.unreadable(arg.equals("-") ? InputDocument.STDIN_NAME : arg, failure));
        continue;
      }
      PolicyTestFile.Read read = PolicyTestFile.read(document);
      if (read.file().isEmpty()) {
        bad.add(FileReport.of(document.name(), read.problems()));
        continue;
      }
      PolicyUnderTest.Loaded policy = PolicyUnderTest.load(read.file().get(), arg, terminal);
      if (policy.policy().isEmpty()) {
        bad.addAll(policy.reports());
        continue;
      }
      PolicyUnderTest shared = policies.computeIfAbsent(policy.policy().get().identity(), k -> policy.policy().get());
      loaded.add(new Loaded(read.file().get(), shared));
    }
    if (!bad.isEmpty()) {
      return badInput(bad, chosen, terminal);
    }

    RuleCoverage ruleCoverage = new RuleCoverage();
    List<PolicyTestRun.Outcome> outcomes = new ArrayList<>();
    for (Loaded l : loaded) {
      ruleCoverage.register(l.policy());
      for (PolicyTestCase c : l.file().cases()) {
        outcomes.add(PolicyTestRun.run(l.file(), c, l.policy(), ruleCoverage));
      }
    }
    Report report = new Report(loaded, outcomes, withCoverage ? ruleCoverage : null, minimum);
    switch (chosen) {
      case TEXT -> text(report, terminal.out());
      case JSON -> terminal.out().println(Json.write(report.toJson()));
      case JUNIT -> terminal.out().print(JunitXml.write(report));
      case SARIF -> terminal.out().println(Json.write(Sarif.log(report.problemReports(), terminal)));
      case GITHUB -> {
        report.problemReports().forEach(r -> GithubAnnotations.printProblems(r, terminal.out()));
        text(report, terminal.out());
      }
    }
    return report.passed() ? ExitCode.OK : ExitCode.FAILED;
  }

  private ReportFormat format() throws CommandFailure {
    return ReportFormat.choose(format, json, EnumSet.allOf(ReportFormat.class));
  }

  private BigDecimal minimum() throws CommandFailure {
    if (minCoverage == null) {
      return null;
    }
    String written = minCoverage.endsWith("%") ? minCoverage.substring(0, minCoverage.length() - 1) : minCoverage;
    try {
      BigDecimal value = new BigDecimal(written);
      if (value.signum() >= 0 && value.compareTo(RuleCoverage.HUNDRED) <= 0) {
        return value;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw CommandFailure.usage("--min-coverage must be a percentage from 0 to 100, not '" + minCoverage + "'");
  }

  /** A test file with the policy it tests. */
  record Loaded(PolicyTestFile file, PolicyUnderTest policy) {}

  /** Everything a format prints. */
  record Report(
      List<Loaded> files, List<PolicyTestRun.Outcome> outcomes, RuleCoverage coverage, BigDecimal minimum) {

    long failed() {
      return outcomes.stream().filter(o -> !o.passed()).count();
    }

    long passedCount() {
      return outcomes.size() - failed();
    }

    /** Every case passed, and the coverage meets the minimum. */
    boolean passed() {
      return failed() == 0 && coverageMet();
    }

    boolean coverageMet() {
      return coverage == null || minimum == null || coverage.meets(minimum);
    }

    List<PolicyTestRun.Outcome> outcomesOf(PolicyTestFile file) {
      return outcomes.stream().filter(o -> o.file() == file).toList();
    }

    /** The sentence that says why the coverage fails, when it does. */
    Optional<String> coverageFailure() {
      if (coverageMet()) {
        return Optional.empty();
      }
      return Optional.of("coverage " + coverage.percent(1).toPlainString() + "% (" + coverage.covered() + " of "
          + coverage.total() + " items) is below the minimum " + minimum.toPlainString() + "%");
    }

    ObjectNode toJson() {
      ObjectNode o = Json.object();
      o.put("passed", passedCount());
      o.put("failed", failed());
      ArrayNode cases = o.putArray("cases");
      for (PolicyTestRun.Outcome r : outcomes) {
        ObjectNode c = cases.addObject();
        c.put("file", r.file().name());
        c.put("name", r.testCase().name());
        Json.position(c, r.testCase().at().line(), r.testCase().at().column());
        c.put("request", r.testCase().request().describe());
        c.put("result", r.passed() ? "pass" : "fail");
        c.put("expected", DecisionJson.verdict(r.testCase().expect()));
        c.put("got", r.got());
        c.put("entry", r.testCase().entry().orElse(null));
        c.put("reason_contains", r.testCase().reasonContains().orElse(null));
        ObjectNode decision = r.result().toJson(SourceMap.empty()); // rules carry their own positions
        if (decision.get("rule") instanceof ObjectNode rule) {
          rule.put("file", r.policy().fileOf(rule.get("pointer").stringValue()));
        }
        c.set("decision", decision);
        ArrayNode mismatches = c.putArray("mismatches");
        r.mismatches().forEach(mismatches::add);
      }
      if (coverage != null) {
        o.set("coverage", coverage.toJson(minimum));
      }
      return o;
    }

    /** Failures (at the cases) and, with coverage, unexercised items (at the items) as problems per file. */
    List<FileReport> problemReports() {
      Map<String, List<Problem>> byFile = new LinkedHashMap<>();
      for (Loaded l : files) {
        byFile.computeIfAbsent(l.file().name(), k -> new ArrayList<>());
      }
      for (PolicyTestRun.Outcome r : outcomes) {
        if (!r.passed()) {
          byFile.get(r.file().name()).add(Problem.error(ProblemCode.TEST_FAILED, r.testCase().at(),
              "case '" + r.testCase().name() + "': " + String.join("; ", r.mismatches())
                  + r.rule().map(rule -> "; rule " + rule).orElse("") + "; reason: " + r.result().reason()));
        }
      }
      if (coverage != null) {
        for (RuleCoverage.PolicyCoverage p : coverage.policies()) {
          for (MatchTrace.Item i : p.unexercised()) {
            SourceLocation at = p.policy().position(i.pointer(), i.location());
            byFile.computeIfAbsent(p.policy().fileOf(i.pointer()), k -> new ArrayList<>()).add(Problem.warning(
                ProblemCode.NOT_EXERCISED, new SourceLocation(i.pointer(), at.line(), at.column()),
                "no case exercised this " + i.kind().wireName().replace('_', ' ')));
          }
        }
        coverageFailure().ifPresent(message -> {
          String first = files.get(0).file().name();
          byFile.get(first).add(Problem.error(ProblemCode.COVERAGE_BELOW_MINIMUM, SourceLocation.NONE, message));
        });
      }
      List<FileReport> out = new ArrayList<>();
      byFile.forEach((file, problems) -> out.add(FileReport.of(file, problems)));
      return out;
    }
  }

  private static void text(Report report, PrintStream out) {
    for (Loaded l : report.files()) {
      List<PolicyTestRun.Outcome> outcomes = report.outcomesOf(l.file());
      for (PolicyTestRun.Outcome r : outcomes) {
        if (r.passed()) {
          continue;
        }
        out.println(r.where() + ": FAIL " + r.testCase().name());
        r.mismatches().forEach(m -> out.println("    " + m));
        out.println("    request:  " + r.testCase().request().describe());
        out.println("    decision: " + r.got()
            + r.result().decision().matchedPolicy().map(k -> " (entry " + k + ")").orElse(" (no entry)"));
        r.rule().ifPresent(rule -> out.println("    rule:     " + rule));
        out.println("    reason:   " + r.result().reason());
      }
      long failed = outcomes.stream().filter(o -> !o.passed()).count();
      out.println(l.file().name() + ": " + (outcomes.size() - failed) + " passed, " + failed + " failed ("
          + l.policy().description() + ")");
    }
    if (report.coverage() != null) {
      report.coverage().lines().forEach(out::println);
    }
    int n = report.outcomes().size();
    out.println(n + (n == 1 ? " case: " : " cases: ") + report.passedCount() + " passed, " + report.failed()
        + " failed");
    report.coverageFailure().ifPresent(out::println);
  }

  /** Bad input: its problems in the chosen format, nothing run, exit 2. */
  private static int badInput(List<FileReport> bad, ReportFormat format, Terminal terminal) {
    switch (format) {
      case TEXT -> {
        for (FileReport r : bad) {
          if (r.unreadable().isPresent()) {
            terminal.err().println("policyctl: " + r.unreadable().get().getMessage());
          } else {
            ProblemText.print(terminal.err(), r.file(), r.problems());
          }
        }
        terminal.err().println("policyctl: nothing was run: " + bad.size() + " input"
            + (bad.size() == 1 ? " does" : "s do") + " not load");
      }
      case JSON -> {
        ObjectNode document = Json.object().put("ok", false);
        ObjectNode error = document.putObject("error");
        error.put("code", "invalid_input");
        error.put("message", "nothing was run: a test file, policy or preset does not load");
        error.set("files", ProblemReport.json(bad).get("files"));
        terminal.out().println(Json.write(document));
      }
      case JUNIT -> terminal.out().print(JunitXml.writeBadInput(bad));
      case SARIF -> terminal.out().println(Json.write(Sarif.log(bad, terminal)));
      case GITHUB -> {
        GithubAnnotations.print(bad, terminal.out());
        terminal.err().println("policyctl: nothing was run: " + bad.size() + " input"
            + (bad.size() == 1 ? " does" : "s do") + " not load");
      }
    }
    return ExitCode.USAGE;
  }
}
