package dev.sandboxpolicy.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sandboxpolicy.model.Policy;
import java.util.EnumMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class RequestGeneratorTest {

  private static final PolicyGenerator POLICIES = PolicyGenerator.defaults();

  @Test
  void allowedAndDeniedGeneratorsAgreeWithTheReference() {
    for (long seed = 1; seed <= 30; seed++) {
      Policy policy = POLICIES.policy(new SplittableRandom(seed), 5);
      ReferenceMatcher ref = ReferenceMatcher.of(policy);
      RequestGenerator gen = RequestGenerator.forPolicy(policy);
      SplittableRandom random = new SplittableRandom(seed);
      for (int i = 0; i < 20; i++) {
        assertTrue(ref.decideNetwork(gen.allowedConnections().generate(random, 5)).allowed());
        assertNotEquals(ReferenceOutcome.ALLOW, ref.decideNetwork(gen.deniedConnections().generate(random, 5)).outcome());
      }
    }
  }

  @Test
  void requestsCoverEveryOutcome() {
    Map<ReferenceOutcome, Integer> seen = new EnumMap<>(ReferenceOutcome.class);
    for (long seed = 1; seed <= 40; seed++) {
      Policy policy = POLICIES.policy(new SplittableRandom(seed), 8);
      ReferenceMatcher ref = ReferenceMatcher.of(policy);
      RequestGenerator gen = RequestGenerator.forPolicy(policy);
      SplittableRandom random = new SplittableRandom(seed);
      for (int i = 0; i < 50; i++) {
        seen.merge(ref.decideRequest(gen.requests().generate(random, 5)).outcome(), 1, Integer::sum);
      }
    }
    assertTrue(seen.getOrDefault(ReferenceOutcome.ALLOW, 0) > 200, seen.toString());
    assertTrue(seen.getOrDefault(ReferenceOutcome.DENY, 0) > 100, seen.toString());
    assertTrue(seen.getOrDefault(ReferenceOutcome.AUDIT, 0) > 50, seen.toString());
  }

  @Test
  void sameSeedSameRequests() {
    Policy policy = POLICIES.policy(new SplittableRandom(3), 6);
    RequestGenerator gen = RequestGenerator.forPolicy(policy);
    for (int i = 0; i < 20; i++) {
      assertEquals(gen.requests().generate(new SplittableRandom(i), 4), gen.requests().generate(new SplittableRandom(i), 4));
    }
  }
}
