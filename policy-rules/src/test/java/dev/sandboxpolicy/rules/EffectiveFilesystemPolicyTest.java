package dev.sandboxpolicy.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sandboxpolicy.model.FilesystemPolicy;
import dev.sandboxpolicy.model.Landlock;
import dev.sandboxpolicy.model.Policy;
import dev.sandboxpolicy.model.Problem;
import dev.sandboxpolicy.model.Severity;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class EffectiveFilesystemPolicyTest {

  private static final PathProbe PROBE = PathProbe.of(Set.of("/usr", "/lib", "/etc", "/var/log", "/sandbox",
      "/tmp", "/opt/tool", "/work"));

  private static Policy policy(String compatibility, List<String> ro, List<String> rw) {
    return Policy.builder().version(1L)
        .filesystemPolicy(FilesystemPolicy.builder().includeWorkdir(true).readOnly(ro).readWrite(rw).build())
        .landlock(Landlock.builder().compatibility(compatibility).build())
        .build();
  }

  @Test
  void proxyModeAddsOnlyExistingBaselinePathsAndKeepsUserPaths() {
    var fs = EffectiveFilesystemPolicy.resolve(policy("best_effort", List.of("/opt//tool/"), List.of()), PROBE,
        "/work", true);
    assertEquals(List.of("/opt/tool", "/usr", "/lib", "/etc", "/var/log"), fs.readOnly()); // no /app
    assertEquals(List.of("/sandbox", "/tmp", "/work"), fs.readWrite());
    assertTrue(fs.problems().isEmpty());
  }

  @Test
  void withoutProxyModeNoBaselineIsAdded() {
    var fs = EffectiveFilesystemPolicy.resolve(policy("best_effort", List.of("/usr"), List.of()), PROBE, "", false);
    assertEquals(List.of("/usr"), fs.readOnly());
    assertEquals(List.of(), fs.readWrite());
  }

  @Test
  void missingUserPathIsSkippedWithAWarningUnderBestEffort() {
    var fs = EffectiveFilesystemPolicy.resolve(policy("typo", List.of("/nope"), List.of()), PROBE, "", true);
    assertTrue(!fs.readOnly().contains("/nope"));
    Problem p = fs.problems().get(0);
    assertEquals("filesystem_path_missing", p.code());
    assertEquals(Severity.WARNING, p.severity());
    assertEquals("/filesystem_policy/read_only/0", p.pointer());
  }

  @Test
  void missingUserPathIsAnErrorUnderHardRequirement() {
    var fs = EffectiveFilesystemPolicy.resolve(policy("hard_requirement", List.of(), List.of("/data")), PROBE, "",
        true);
    assertEquals(Severity.ERROR, fs.problems().get(0).severity());
    assertEquals("/filesystem_policy/read_write/0", fs.problems().get(0).pointer());
  }

  @Test
  void workdirFollowsIncludeWorkdirAndDefaultsToOnWithoutTheSection() {
    Policy off = Policy.builder().version(1L)
        .filesystemPolicy(FilesystemPolicy.builder().build()).build(); // section present, key omitted
    assertTrue(!EffectiveFilesystemPolicy.resolve(off, PROBE, "/work", false).readWrite().contains("/work"));
    Policy absent = Policy.builder().version(1L).build();
    assertEquals(List.of("/work"), EffectiveFilesystemPolicy.resolve(absent, PROBE, "/work/", false).readWrite());
  }
}
