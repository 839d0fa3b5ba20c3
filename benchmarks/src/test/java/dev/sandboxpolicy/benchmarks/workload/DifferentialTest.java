package dev.sandboxpolicy.benchmarks.workload;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.sandboxpolicy.model.Policy;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The compiled matcher and the naive baseline agree, case by case, on the benchmark request mixes: same verdict
 * (allow, deny, error) and, for allowed connections, the same matched network-policy key. Otherwise the benchmarks
 * would compare two programs that compute different things.
 */
class DifferentialTest {

  @Test
  void realisticMixesAgree() {
    PreparedWorkload w = PreparedWorkload.of(RealisticPolicy.withEveryPreset());
    assertFullMix(w);
    List<String> disagreements = w.disagreements();
    assertEquals(List.of(), disagreements, () -> disagreements.size() + " disagreements");
  }

  @ParameterizedTest(name = "{0} entries")
  @ValueSource(ints = {10, 100})
  void scaleSeriesMixesAgree(int entries) {
    Policy policy = ScalePolicy.withEntries(entries);
    assertEquals(entries, policy.networkPolicies().size());
    PreparedWorkload w = PreparedWorkload.of(policy);
    assertFullMix(w);
    List<String> disagreements = w.disagreements();
    assertEquals(List.of(), disagreements, () -> disagreements.size() + " disagreements");
  }

  private static void assertFullMix(PreparedWorkload w) {
    RequestMix mix = w.mix();
    assertEquals(RequestMix.SIZE, mix.allowedConnections().size(), mix::toString);
    assertEquals(RequestMix.SIZE, mix.deniedConnections().size(), mix::toString);
    assertEquals(RequestMix.SIZE, mix.allowedRequests().size(), mix::toString);
    assertEquals(RequestMix.SIZE, mix.deniedRequests().size(), mix::toString);
  }
}
