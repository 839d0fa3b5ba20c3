package dev.sandboxpolicy.matcher;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.sandboxpolicy.model.Policy;
import dev.sandboxpolicy.testkit.Generator;
import dev.sandboxpolicy.testkit.PolicyGenerator;
import dev.sandboxpolicy.testkit.PropertyCheck;
import dev.sandboxpolicy.testkit.ReferenceDecision;
import dev.sandboxpolicy.testkit.ReferenceMatcher;
import dev.sandboxpolicy.testkit.ReferenceOutcome;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

/**
 * Arbitrary strings — NUL and other controls, lone surrogates, non-BMP characters, glob metacharacters, very long
 * values, non-canonical paths — straight into the compiled matcher's decisions (no canonicalization in between):
 * it never throws, and it decides exactly what the reference decides, evaluation errors included (a NUL that any
 * glob would read fails closed whatever matched first: {@link NulInBinaryPathTest}).
 */
class ArbitraryInputsTest {

  static final String[] ALPHABET = {
    "a", "b", ".", "/", "*", "?", "[", "]", "{", "}", ",", "\\", "-", "%", "2e", "2F", ";", "=", "&", "+", " ",
    "\u0000", "\t", "\r\n", "\u007f", "\u00e9", "\uD800", "\uDFFF", "\uD83D\uDE00", "\u0130", "\u212A", "A", "API", "..",
    "example", "com", "v1", "files", "GET", "**"
  };

  static String arbitrary(RandomGenerator random, int size) {
    StringBuilder b = new StringBuilder();
    int n = random.nextInt(size * 3 + 1);
    for (int i = 0; i < n; i++) {
      b.append(ALPHABET[random.nextInt(ALPHABET.length)]);
    }
    if (random.nextInt(50) == 0) {
      b.append("x".repeat(10_000));
    }
    return b.toString();
  }

  /** Whether the reference models the request (not a GraphQL/JSON-RPC/MCP body). */
  static boolean comparable(ReferenceDecision d) {
    for (ReferenceOutcome o : new ReferenceOutcome[] {d.outcome(), d.outcomeIfErrorsSkipped()}) {
      if (o == ReferenceOutcome.UNSUPPORTED) {
        return false;
      }
    }
    return true;
  }

  /** Printable ASCII as is, everything else as a Java escape, so failure messages survive any console. */
  static String escape(String s) {
    StringBuilder b = new StringBuilder();
    for (char c : s.toCharArray()) {
      if (c >= 0x20 && c < 0x7f) {
        b.append(c);
      } else {
        b.append(String.format("\\u%04x", (int) c));
      }
    }
    return b.toString();
  }

  /** A request whose every string is arbitrary, sometimes anchored on a real host of the policy. */
  static Generator<L7Request> requests(Policy policy) {
    List<String> hosts = new ArrayList<>();
    policy.networkPolicies().values().forEach(e -> e.endpoints().forEach(ep -> hosts.add(ep.host().replace("*", "x"))));
    return (random, size) -> {
      String host = !hosts.isEmpty() && random.nextBoolean() ? hosts.get(random.nextInt(hosts.size())) : arbitrary(random, size);
      if (random.nextInt(4) == 0) {
        host = host + arbitrary(random, 2);
      }
      int port = random.nextInt(3) == 0 ? random.nextInt() : List.of(443, 80, 8080, 8443, 5432).get(random.nextInt(5));
      String binary = random.nextBoolean() ? "/usr/bin/" + arbitrary(random, 1) : arbitrary(random, size);
      List<String> ancestors = random.nextBoolean() ? List.of("/usr/bin/curl") : List.of(arbitrary(random, 2));
      Map<String, List<String>> query = new LinkedHashMap<>();
      int keys = random.nextInt(3);
      for (int i = 0; i < keys; i++) {
        query.put(random.nextBoolean() ? "tag" : arbitrary(random, 2), List.of(arbitrary(random, 2), arbitrary(random, 1)));
      }
      String method = random.nextBoolean() ? List.of("GET", "POST", "HEAD", "*", "get").get(random.nextInt(5)) : arbitrary(random, 1);
      String path = (random.nextBoolean() ? "/" : "") + arbitrary(random, size);
      return L7Request.of(NetworkRequest.of(host, port, binary).withAncestors(ancestors), method, path).withQuery(query);
    };
  }

  static final java.util.Map<String, Integer> COUNTS = new java.util.TreeMap<>();

  @org.junit.jupiter.api.AfterAll
  static void print() {
    System.out.println("[robustness] arbitrary inputs | " + COUNTS);
  }

  @Test
  void arbitraryStringsNeverBreakTheMatcherAndAgreeWithTheReference() throws PolicyCompileException {
    for (long seed = 1; seed <= 12; seed++) {
      Policy policy = PolicyGenerator.builder().wildcardHostShare(0.5).binaryGlobShare(0.5).build()
          .policy(new SplittableRandom(seed), 6);
      CompiledPolicy compiled = CompiledPolicy.compile(policy);
      ReferenceMatcher reference = ReferenceMatcher.of(policy);
      PropertyCheck.forAll(requests(policy))
          .seed(seed)
          .count(1_000)
          .maxSize(8)
          .describedBy(r -> escape(r.toString()))
          .check(r -> {
            ReferenceDecision l4 = reference.decideNetwork(r.connection());
            Decision n = compiled.decideNetwork(r.connection());
            COUNTS.merge("l4 " + l4.outcome() + (ReferenceOutcome.of(n) == l4.outcome() ? "" : " (compiled " + ReferenceOutcome.of(n) + ")"), 1, Integer::sum);
            assertEquals(l4.outcome(), ReferenceOutcome.of(n), escape(l4.reason() + " / " + n) + "\n" + dev.sandboxpolicy.io.PolicyWriter.toYaml(policy));
            ReferenceDecision l7 = reference.decideRequest(r);
            Decision actual = compiled.decideRequest(r);
            if (!comparable(l7)) {
              COUNTS.merge("l7 not modelled", 1, Integer::sum);
            } else {
              COUNTS.merge("l7 " + l7.outcome() + (ReferenceOutcome.of(actual) == l7.outcome() ? "" : " (compiled " + ReferenceOutcome.of(actual) + ")"), 1, Integer::sum);
              assertEquals(l7.outcome(), ReferenceOutcome.of(actual), escape(l7 + " / " + actual));
            }
          });
    }
  }
}
