package dev.sandboxpolicy.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sandboxpolicy.model.Problem;
import dev.sandboxpolicy.model.ProblemCode;
import dev.sandboxpolicy.model.WireNamed;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * {@link ProblemCode#isUnreadableText()} is exactly what the reader reports about text it cannot read as one
 * document: every error of the plain-tree read (which binds nothing) is such a code, every such code is reported by
 * one of these texts, and a document that was read but is wrong reports none. Callers that sort read failures (the
 * preset layer's {@code live_policy_not_yaml}) rely on this instead of a list of their own, which is how
 * {@code line_too_long} once went missing from theirs.
 */
class UnreadableTextTest {

  private static final PolicyReader READER = PolicyReader.of(ReadMode.STRICT);

  /** A reader whose limits are small enough to reach with a few bytes each. */
  private static PolicyReader limited(ReadLimits limits) {
    return PolicyReader.builder().mode(ReadMode.STRICT).limits(limits).build();
  }

  /** One text per way of being unreadable, read as a plain tree (or as bytes, for the encoding). */
  private static Map<String, List<Problem>> unreadableTexts() {
    ReadLimits defaults = ReadLimits.defaults();
    Map<String, List<Problem>> out = new LinkedHashMap<>();
    out.put("yaml syntax", READER.readTree("a: [1, 2\n", DocumentFormat.YAML).problems());
    out.put("json syntax", READER.readTree("{\"a\": ", DocumentFormat.JSON).problems());
    out.put("empty", READER.readTree("# nothing\n", DocumentFormat.YAML).problems());
    out.put("two documents", READER.readTree("a: 1\n---\nb: 2\n", DocumentFormat.YAML).problems());
    out.put("duplicate key", READER.readTree("a: 1\na: 2\n", DocumentFormat.YAML).problems());
    out.put("unknown alias", READER.readTree("a: *nowhere\n", DocumentFormat.YAML).problems());
    out.put("unsupported tag", READER.readTree("a: !custom 1\n", DocumentFormat.YAML).problems());
    out.put("too deep", limited(defaults.withMaxDepth(2)).readTree("a: {b: {c: 1}}\n", DocumentFormat.YAML)
        .problems());
    out.put("too many nodes", limited(defaults.withMaxNodes(3)).readTree("a: [1, 2, 3, 4]\n", DocumentFormat.YAML)
        .problems());
    out.put("collection too large", limited(defaults.withMaxCollectionSize(2))
        .readTree("a: [1, 2, 3]\n", DocumentFormat.YAML).problems());
    out.put("scalar too long", limited(defaults.withMaxScalarLength(4))
        .readTree("a: |\n  long\n  value\n", DocumentFormat.YAML).problems());
    out.put("line too long", limited(defaults.withMaxLineLength(16))
        .readTree("a: a-value-on-a-long-line\n", DocumentFormat.YAML).problems());
    out.put("document too large", limited(defaults.withMaxDocumentBytes(8))
        .readTree("a: 123456789\n", DocumentFormat.YAML).problems());
    byte[] bytes = "version: 1\n".getBytes(StandardCharsets.UTF_8);
    bytes[9] = (byte) 0xC3; // a lead byte followed by a newline: not UTF-8
    out.put("invalid encoding", READER.readPolicy(bytes, DocumentFormat.YAML).problems());
    return out;
  }

  private static ProblemCode code(Problem p) {
    return WireNamed.fromWireName(ProblemCode.class, p.code())
        .orElseThrow(() -> new AssertionError("not a ProblemCode: " + p));
  }

  @Test
  void everyUnreadableTextIsReportedWithAnUnreadableTextCodeAndEverySuchCodeIsReported() {
    Set<ProblemCode> seen = EnumSet.noneOf(ProblemCode.class);
    for (Map.Entry<String, List<Problem>> e : unreadableTexts().entrySet()) {
      List<Problem> errors = e.getValue().stream().filter(Problem::isError).toList();
      assertFalse(errors.isEmpty(), e.getKey() + ": no error");
      for (Problem p : errors) {
        assertTrue(code(p).isUnreadableText(), e.getKey() + ": " + p + " is not classified as unreadable text");
        seen.add(code(p));
      }
    }
    Set<ProblemCode> flagged = EnumSet.noneOf(ProblemCode.class);
    for (ProblemCode c : ProblemCode.values()) {
      if (c.isUnreadableText()) {
        flagged.add(c);
      }
    }
    assertEquals(flagged, seen, "codes classified as unreadable text that no unreadable text produced, or the reverse");
  }

  @Test
  void aDocumentThatWasReadButIsWrongReportsNoUnreadableTextCode() {
    List<Problem> problems = new ArrayList<>();
    problems.addAll(READER.readPolicy("version: 1\nnetwork_policy: {}\n").problems()); // unknown key
    problems.addAll(READER.readPolicy("version: one\n").problems()); // wrong type
    problems.addAll(READER.readPolicy("network_policies: {}\n").problems()); // no version
    problems.addAll(READER.readPolicy("version: 1\nnetwork_policies:\n  a:\n    endpoints:\n      - port: '443'\n")
        .problems());
    assertFalse(problems.isEmpty());
    for (Problem p : problems) {
      assertFalse(code(p).isUnreadableText(), p::toString);
    }
  }
}
