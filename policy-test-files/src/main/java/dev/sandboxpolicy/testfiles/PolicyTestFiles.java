package dev.sandboxpolicy.testfiles;

import dev.sandboxpolicy.cli.ExitCode;
import dev.sandboxpolicy.cli.Policyctl;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.opentest4j.AssertionFailedError;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Policy test files (docs/testing-policies.md) as JUnit 5 dynamic tests: one container per file, one test per case,
 * each with its file and line as the test source, so IDEs jump to the case and CI reports name it. The cases run
 * exactly as {@code policyctl test} runs them (this runs {@code policyctl test --json} in-process), so a case fails
 * here exactly when it fails there, with the same message: what was expected, the decision's verdict, entry, rule
 * and reason.
 *
 * <pre>{@code
 * @TestFactory
 * Stream<DynamicNode> sandboxPolicy() {
 *   return PolicyTestFiles.of(Path.of("src/test/policies")).minCoverage(90).dynamicTests();
 * }
 * }</pre>
 *
 * <p>A directory stands for every {@code *.test.yaml} and {@code *.test.yml} file under it, in name order. With
 * {@link #minCoverage}, one more test checks that the cases exercise at least that percentage of the entries,
 * endpoints, binaries and rules of the policies under test, and lists the unexercised ones when they do not. A test
 * file, policy or preset that does not load gives one failing test that lists its problems.
 */
public final class PolicyTestFiles {

  /** The suffixes of test files found in a directory. */
  public static final List<String> SUFFIXES = List.of(".test.yaml", ".test.yml");

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final List<Path> paths;
  private final BigDecimal minCoverage;

  private PolicyTestFiles(List<Path> paths, BigDecimal minCoverage) {
    this.paths = List.copyOf(paths);
    this.minCoverage = minCoverage;
  }

  /** The test files {@code paths} name: files, or directories searched for {@link #SUFFIXES}. */
  public static PolicyTestFiles of(Path... paths) {
    if (paths.length == 0) {
      throw new IllegalArgumentException("name at least one test file or directory");
    }
    return new PolicyTestFiles(List.of(paths), null);
  }

  /**
   * These files, plus a test that the cases exercise at least {@code percent} percent of the policies' items.
   *
   * @param percent from 0 to 100
   * @return a new instance
   */
  public PolicyTestFiles minCoverage(double percent) {
    if (!(percent >= 0 && percent <= 100)) {
      throw new IllegalArgumentException("a coverage percentage is from 0 to 100, not " + percent);
    }
    return new PolicyTestFiles(paths, BigDecimal.valueOf(percent).stripTrailingZeros());
  }

  /** The dynamic tests: a container per file with a test per case, then the coverage test when asked for. */
  public Stream<DynamicNode> dynamicTests() {
    List<Path> files = files();
    List<String> args = new ArrayList<>(List.of("test", "--json"));
    if (minCoverage != null) {
      args.add("--min-coverage");
      args.add(minCoverage.toPlainString());
    }
    files.forEach(f -> args.add(f.toString()));
    Outcome outcome = run(args);
    JsonNode doc;
    try {
      doc = JSON.readTree(outcome.out());
    } catch (RuntimeException e) {
      return Stream.of(failing("policyctl test", outcome.err().isEmpty() ? outcome.out() : outcome.err()));
    }
    if (outcome.status() == ExitCode.USAGE || doc.has("error")) {
      return Stream.of(badInput(doc, outcome));
    }
    Map<String, List<DynamicNode>> byFile = new LinkedHashMap<>();
    files.forEach(f -> byFile.put(f.toString(), new ArrayList<>()));
    for (JsonNode c : doc.get("cases")) {
      String file = c.get("file").stringValue();
      byFile.computeIfAbsent(file, k -> new ArrayList<>()).add(caseTest(c));
    }
    List<DynamicNode> out = new ArrayList<>();
    byFile.forEach((file, tests) -> out.add(DynamicContainer.dynamicContainer(file, fileUri(file), tests.stream())));
    if (minCoverage != null && doc.has("coverage")) {
      out.add(coverageTest(doc.get("coverage")));
    }
    return out.stream();
  }

  /** The files, with directories expanded (sorted, so the order is stable). */
  List<Path> files() {
    List<Path> out = new ArrayList<>();
    for (Path p : paths) {
      if (!Files.isDirectory(p)) {
        out.add(p);
        continue;
      }
      try (Stream<Path> walk = Files.walk(p)) {
        walk.filter(Files::isRegularFile)
            .filter(f -> SUFFIXES.stream().anyMatch(s -> f.getFileName().toString().endsWith(s)))
            .sorted()
            .forEach(out::add);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot list " + p, e);
      }
    }
    if (out.isEmpty()) {
      throw new IllegalArgumentException("no policy test files (" + String.join(", ", SUFFIXES) + ") in " + paths);
    }
    return out;
  }

  private record Outcome(int status, String out, String err) {}

  private static Outcome run(List<String> args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status = Policyctl.run(
        args.toArray(new String[0]),
        new ByteArrayInputStream(new byte[0]),
        new PrintStream(out, false, StandardCharsets.UTF_8),
        new PrintStream(err, false, StandardCharsets.UTF_8),
        Map.of(),
        Path.of("").toAbsolutePath());
    return new Outcome(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  private static DynamicTest caseTest(JsonNode c) {
    String file = c.get("file").stringValue();
    URI source = sourceUri(file, c.get("line"), c.get("column"));
    boolean passed = c.get("result").stringValue().equals("pass");
    String name = c.get("name").stringValue();
    return DynamicTest.dynamicTest(name, source, () -> {
      if (!passed) {
        throw new AssertionFailedError(failure(c), c.get("expected").stringValue(), c.get("got").stringValue());
      }
    });
  }

  /** The failure message: where, what differs, the request and the decision's entry, rule and reason. */
  static String failure(JsonNode c) {
    StringBuilder b = new StringBuilder();
    b.append(c.get("file").stringValue());
    if (c.get("line").isNumber()) {
      b.append(':').append(c.get("line").intValue()).append(':').append(c.get("column").intValue());
    }
    b.append(": ").append(c.get("name").stringValue()).append('\n');
    c.get("mismatches").forEach(m -> b.append("  ").append(m.stringValue()).append('\n'));
    JsonNode d = c.get("decision");
    b.append("  request:  ").append(c.get("request").stringValue()).append('\n');
    b.append("  decision: ").append(d.get("decision").stringValue()).append('\n');
    b.append("  entry:    ").append(text(d.get("matched_policy"), "none")).append('\n');
    JsonNode rule = d.get("rule");
    b.append("  rule:     ");
    if (rule == null || rule.isNull()) {
      b.append("none");
    } else {
      b.append(rule.get("pointer").stringValue()).append(" (").append(rule.get("file").stringValue());
      if (rule.get("line").isNumber()) {
        b.append(':').append(rule.get("line").intValue()).append(':').append(rule.get("column").intValue());
      }
      b.append(')');
    }
    b.append('\n').append("  reason:   ").append(text(d.get("reason"), "(none)"));
    return b.toString();
  }

  private DynamicTest coverageTest(JsonNode coverage) {
    String name = "the cases exercise at least " + minCoverage.toPlainString() + "% of the policy items";
    boolean met = coverage.get("meets_minimum").booleanValue();
    StringBuilder b = new StringBuilder("coverage ").append(coverage.get("percent").decimalValue().toPlainString())
        .append("% (").append(coverage.get("covered").longValue()).append(" of ")
        .append(coverage.get("total").longValue()).append(" items) is below the minimum ")
        .append(minCoverage.toPlainString()).append("%; not exercised:");
    for (JsonNode u : coverage.get("uncovered")) {
      b.append("\n  ").append(u.get("file").stringValue());
      if (u.get("line").isNumber()) {
        b.append(':').append(u.get("line").intValue()).append(':').append(u.get("column").intValue());
      }
      b.append(": ").append(u.get("kind").stringValue()).append(' ').append(u.get("pointer").stringValue());
    }
    return DynamicTest.dynamicTest(name, () -> {
      if (!met) {
        throw new AssertionFailedError(b.toString());
      }
    });
  }

  private static DynamicTest badInput(JsonNode doc, Outcome outcome) {
    StringBuilder b = new StringBuilder("policy test files that do not load; nothing was run");
    JsonNode error = doc.get("error");
    if (error != null && error.has("files")) {
      for (JsonNode f : error.get("files")) {
        String file = f.get("file").stringValue();
        if (f.has("error")) {
          b.append("\n").append(file).append(": ").append(f.get("error").get("message").stringValue());
        }
        for (JsonNode p : f.get("problems")) {
          b.append("\n").append(file);
          if (p.get("line").isNumber()) {
            b.append(':').append(p.get("line").intValue()).append(':').append(p.get("column").intValue());
          }
          b.append(": ").append(p.get("severity").stringValue()).append(' ').append(p.get("code").stringValue())
              .append(' ').append(p.get("message").stringValue());
        }
      }
    } else if (error != null) {
      b.append("\n").append(error.get("message").stringValue());
    }
    if (!outcome.err().isBlank()) {
      b.append("\n").append(outcome.err().strip());
    }
    return failing("load the policy test files", b.toString());
  }

  private static DynamicTest failing(String name, String message) {
    return DynamicTest.dynamicTest(name, () -> {
      throw new AssertionFailedError(message);
    });
  }

  private static String text(JsonNode n, String absent) {
    return n == null || n.isNull() ? absent : n.stringValue();
  }

  private static URI fileUri(String file) {
    return Path.of(file).toAbsolutePath().normalize().toUri();
  }

  /** A file URI with JUnit's {@code ?line=L&column=C} position query (see FileSource). */
  private static URI sourceUri(String file, JsonNode line, JsonNode column) {
    URI uri = fileUri(file);
    if (line == null || !line.isNumber()) {
      return uri;
    }
    return URI.create(uri + "?line=" + line.intValue() + (column != null && column.isNumber()
        ? "&column=" + column.intValue() : ""));
  }

  @Override
  public String toString() {
    return "PolicyTestFiles" + paths + (minCoverage == null ? "" : " (min coverage " + minCoverage + "%)");
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PolicyTestFiles other && paths.equals(other.paths)
        && Objects.equals(minCoverage, other.minCoverage);
  }

  @Override
  public int hashCode() {
    return Objects.hash(paths, minCoverage);
  }
}
