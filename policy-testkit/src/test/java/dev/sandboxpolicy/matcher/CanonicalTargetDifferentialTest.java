package dev.sandboxpolicy.matcher;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.sandboxpolicy.testkit.PropertyCheck;
import dev.sandboxpolicy.testkit.ReferenceRequestTarget;
import dev.sandboxpolicy.testkit.RequestGenerator;
import dev.sandboxpolicy.testkit.StringShrinker;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The matcher's {@link CanonicalTarget} against the testkit's step-by-step §3.6 reference on generated hostile raw
 * targets: the same rejection code, or the same canonical path and query.
 */
class CanonicalTargetDifferentialTest {

  static String compiled(String target, boolean allowSlash) {
    try {
      CanonicalTarget t = CanonicalTarget.parse(target, allowSlash);
      return t.path() + " " + new TreeMap<>(t.query());
    } catch (RequestTargetException e) {
      return "rejected " + e.code();
    }
  }

  static String reference(String target, boolean allowSlash) {
    ReferenceRequestTarget t = ReferenceRequestTarget.parse(target, allowSlash);
    return t.isRejected() ? "rejected " + t.rejection().get() : t.path() + " " + new TreeMap<>(t.query());
  }

  @Test
  void canonicalizationAgreesWithTheReference() {
    Map<String, Integer> outcomes = new TreeMap<>();
    PropertyCheck.forAll(RequestGenerator.rawTargets())
        .seed(0x7A59E7L)
        .count(20_000)
        .maxSize(6)
        .shrinker(StringShrinker.strings())
        .describedBy(t -> "\"" + t.replace("\u0000", "\\u0000") + "\"")
        .check(target -> {
          for (boolean allowSlash : new boolean[] {false, true}) {
            String expected = reference(target, allowSlash);
            assertEquals(expected, compiled(target, allowSlash), "allow_encoded_slash=" + allowSlash);
            outcomes.merge(expected.startsWith("rejected") ? expected : "accepted", 1, Integer::sum);
          }
        });
    System.out.println("[robustness] canonical-target differential | 20000 targets x 2 | " + outcomes);
  }
}
