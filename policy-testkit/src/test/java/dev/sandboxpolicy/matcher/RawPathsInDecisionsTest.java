package dev.sandboxpolicy.matcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sandboxpolicy.model.Policy;
import dev.sandboxpolicy.testkit.Generator;
import dev.sandboxpolicy.testkit.PolicyGenerator;
import dev.sandboxpolicy.testkit.PropertyCheck;
import dev.sandboxpolicy.testkit.ReferenceMatcher;
import dev.sandboxpolicy.testkit.ReferenceOutcome;
import dev.sandboxpolicy.testkit.ReferenceRequestTarget;
import dev.sandboxpolicy.testkit.RequestGenerator;
import dev.sandboxpolicy.testkit.StringShrinker;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Raw paths (issue 19 item 2): a request decision on a non-canonical spelling of a path equals the decision on the
 * canonical path, for generated policies and requests; and a raw path is rejected with the code the §3.6 reference
 * gives it.
 */
class RawPathsInDecisionsTest {

  record Case(Policy policy, List<L7Request> requests, List<String> rawPaths) {}

  /** A non-canonical spelling of canonical {@code path} with the same canonical form. */
  static String respell(RandomGenerator random, String path) {
    List<String> segments = new ArrayList<>(List.of(path.substring(1).split("/", -1)));
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < segments.size(); i++) {
      String segment = segments.get(i);
      boolean last = i == segments.size() - 1;
      switch (random.nextInt(7)) {
        case 0 -> out.append("/.");                              // "/./"
        case 1 -> out.append('/');                               // "//"
        case 2 -> out.append("/zz/..");                          // "x/../"
        case 3 -> segment = segment.isEmpty() ? segment : segment + ";p=1"; // ;params
        case 4 -> segment = segment.replace("a", "%61");         // an unreserved byte percent-encoded
        case 5 -> segment = segment.replace("%2F", "%2f");       // lower-case escape
        default -> { }
      }
      out.append('/').append(segment);
      if (last && segment.isEmpty() && random.nextBoolean()) {
        out.append("./"); // a trailing "/./" keeps the trailing slash
      }
    }
    return out.toString();
  }

  static Generator<Case> cases() {
    return (random, size) -> {
      Policy policy = PolicyGenerator.defaults().policy(random, 1 + random.nextInt(1 + Math.min(size, 4)));
      RequestGenerator requests = RequestGenerator.forPolicy(policy);
      List<L7Request> http = new ArrayList<>();
      List<String> raw = new ArrayList<>();
      for (int i = 0; i < 20; i++) {
        L7Request r;
        try {
          r = (random.nextBoolean() ? requests.allowedRequests() : requests.requests()).generate(random, size);
        } catch (IllegalStateException noAllowedRequest) { // a policy that allows no request at all
          r = requests.requests().generate(random, size);
        }
        String base;
        try { // generated requests may carry non-canonical paths of their own: start from the canonical form
          base = CanonicalTarget.canonicalPath(r.path(), true);
        } catch (RequestTargetException e) {
          continue;
        }
        http.add(r.withPath(base));
        raw.add(respell(random, base));
      }
      return new Case(policy, http, raw);
    };
  }

  @Test
  void aRawSpellingIsDecidedAsItsCanonicalPath() {
    Map<String, Integer> seen = new TreeMap<>();
    PropertyCheck.forAll(cases()).seed(0x19_02L).count(60).maxSize(6).check(c -> {
      CompiledPolicy compiled;
      try {
        compiled = CompiledPolicy.compile(c.policy(), MatcherOptions.defaults().withValidation(false));
      } catch (PolicyCompileException e) {
        throw new AssertionError(e);
      }
      ReferenceMatcher reference = ReferenceMatcher.of(c.policy(), true);
      for (int i = 0; i < c.requests().size(); i++) {
        L7Request canonical = c.requests().get(i);
        String raw = c.rawPaths().get(i);
        L7Request respelled = canonical.withPath(raw);
        Decision expected = compiled.decideRequest(canonical);
        Decision actual = compiled.decideRequest(respelled);
        assertEquals(canonical.path(), respelled.path(), raw);
        assertEquals(expected.verdict(), actual.verdict(), () -> raw + " vs " + canonical.path());
        assertEquals(expected.matchedPolicy(), actual.matchedPolicy(), raw);
        assertEquals(expected.rulePointer(), actual.rulePointer(), raw);
        ReferenceOutcome ref = reference.decideRequest(respelled).outcome();
        if (ref != ReferenceOutcome.UNSUPPORTED) {
          assertEquals(ref, ReferenceOutcome.of(actual), () -> "reference on " + raw);
        }
        seen.merge(expected.verdict() + (raw.equals(canonical.path()) ? " (same)" : ""), 1, Integer::sum);
      }
    });
    System.out.println("[robustness] raw paths decided as canonical | 60 policies x 20 requests | " + seen);
    assertTrue(seen.getOrDefault("ALLOW", 0) > 50 && seen.getOrDefault("DENY", 0) > 50, seen.toString());
  }

  /** Every hostile raw path (the path part of the generator's raw targets) is refused with the reference's code. */
  @Test
  void rawPathsAreRefusedWithTheReferenceCode() {
    Map<String, Integer> outcomes = new TreeMap<>();
    NetworkRequest conn = NetworkRequest.of("api.example.com", 443, "/usr/bin/curl");
    PropertyCheck.forAll(RequestGenerator.rawTargets()).seed(0x19_03L).count(5_000).maxSize(6)
        .shrinker(StringShrinker.strings())
        .check(target -> {
          String path = target.startsWith("/") ? target : "/" + target;
          L7Request r = L7Request.of(conn, "GET", path);
          ReferenceRequestTarget ref = ReferenceRequestTarget.parse(path.replace("?", "%3F"), true);
          String expected = ref.isRejected() ? "rejected " + ref.rejection().get() : ref.path();
          String actual = r.pathRejection().map(e -> "rejected " + e.code()).orElse(r.path());
          assertEquals(expected, actual, path);
          outcomes.merge(ref.isRejected() ? expected : "accepted", 1, Integer::sum);
        });
    System.out.println("[robustness] raw L7Request paths vs reference | 5000 | " + outcomes);
  }
}
