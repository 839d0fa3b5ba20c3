package dev.sandboxpolicy.merge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sandboxpolicy.model.Landlock;
import dev.sandboxpolicy.model.Policy;
import dev.sandboxpolicy.model.ProcessPolicy;
import dev.sandboxpolicy.model.Problem;
import java.util.List;
import org.junit.jupiter.api.Test;

class SandboxPolicyStateTest {

  private final Policy baseline = Fixtures.policy(Fixtures.BASELINE);
  private final Policy global = Fixtures.policy("version: 1\nnetwork_policies: {}\n");

  @Test
  void aPresetMergeIsADynamicUpdate() throws Exception {
    SandboxPolicyState s = SandboxPolicyState.of(baseline);
    Policy merged = PresetMerger.merge(baseline, PresetCatalog.builtIn().require("npm")).policy();
    SandboxPolicyState next = s.updateSandboxPolicy(merged);
    assertEquals(merged, next.effective());
    assertEquals(2, next.sandboxRevision());
    assertSame(next, next.updateSandboxPolicy(merged), "an unchanged policy is not a new revision");
  }

  @Test
  void staticSectionsAreLockedOnALiveSandbox() {
    SandboxPolicyState s = SandboxPolicyState.of(baseline);
    Policy newLandlock = Policy.builder(baseline)
        .landlock(Landlock.builder().compatibility("hard_requirement").build()).build();
    PresetLayerException e = assertThrows(PresetLayerException.class, () -> s.updateSandboxPolicy(newLandlock));
    assertEquals("static_section_changed", e.code());
    assertTrue(e.getMessage().contains("landlock is locked at sandbox creation"), e.getMessage());

    Policy both = Policy.builder(newLandlock).process(ProcessPolicy.builder().runAsUser("1000").build())
        .filesystemPolicy(java.util.Optional.empty()).build();
    List<Problem> problems = StaticSections.changes(baseline, both);
    assertEquals(List.of("/filesystem_policy", "/landlock", "/process"), problems.stream().map(Problem::pointer).toList());
    assertEquals(List.of(), StaticSections.changes(baseline, PolicyStack.of(baseline).effective()));
  }

  @Test
  void aGlobalPolicyOverridesInFullAndLocksSandboxUpdates() throws Exception {
    SandboxPolicyState s = SandboxPolicyState.of(baseline).withGlobalPolicy(global);
    assertEquals(SandboxPolicyState.PolicySource.GLOBAL, s.source());
    assertEquals(global, s.effective());
    assertEquals(1, s.globalRevision());
    PresetLayerException e = assertThrows(PresetLayerException.class, () -> s.updateSandboxPolicy(
        PresetMerger.merge(baseline, PresetCatalog.builtIn().require("npm")).policy()));
    assertEquals("global_policy_active", e.code());
    assertThrows(PresetLayerException.class, s::requireSandboxControl);

    SandboxPolicyState released = s.withoutGlobalPolicy();
    assertEquals(SandboxPolicyState.PolicySource.SANDBOX, released.source());
    assertEquals(baseline, released.effective(), "deleting the global policy restores the sandbox policy");
    released.requireSandboxControl();
  }
}
