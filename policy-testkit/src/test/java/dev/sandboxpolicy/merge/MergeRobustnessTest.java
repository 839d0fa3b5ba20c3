package dev.sandboxpolicy.merge;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.sandboxpolicy.io.PolicyWriter;
import dev.sandboxpolicy.model.Endpoint;
import dev.sandboxpolicy.model.NetworkPolicy;
import dev.sandboxpolicy.model.Policy;
import dev.sandboxpolicy.model.Preset;
import dev.sandboxpolicy.model.ProcessPolicy;
import dev.sandboxpolicy.testkit.Budget;
import dev.sandboxpolicy.testkit.DocumentMutator;
import dev.sandboxpolicy.testkit.Mutant;
import dev.sandboxpolicy.testkit.PolicyGenerator;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Merges under failure: every refused operation throws a {@link PresetLayerException} with a stable code (never an
 * unchecked exception) and leaves every input — model values, stacks, states and files — byte-for-byte unchanged.
 */
class MergeRobustnessTest {

  static final Pattern SNAKE_CASE = Pattern.compile("[a-z][a-z0-9]*(_[a-z0-9]+)*");
  static final Duration TIME = Duration.ofSeconds(5);
  static final long MEMORY = 512L << 20;
  static final PolicyGenerator GEN = PolicyGenerator.defaults();

  /** A fingerprint of a policy that changes if any byte of its serialization changes. */
  static String bytesOf(Policy p) {
    return PolicyWriter.toYaml(p) + "\n--json--\n" + PolicyWriter.toJson(p);
  }

  static Preset preset(SplittableRandom random, String name, int entries) {
    Preset generated = GEN.presets().generate(random, entries);
    return Preset.builder().from(generated).name(name).build();
  }

  /** Presets a merge must refuse, each built from a valid generated preset. */
  static List<Preset> badPresets(SplittableRandom random) {
    Preset base = preset(random, "custom-bad", 2);
    List<Preset> bad = new ArrayList<>();
    bad.add(Preset.builder().from(base).networkPolicies(Map.of()).build());
    NetworkPolicy entry = base.networkPolicies().values().iterator().next();
    Endpoint ep = entry.endpoints().get(0);
    bad.add(Preset.builder().from(base).putNetworkPolicies("zz_bad_port",
        NetworkPolicy.builder().from(entry).endpoints(List.of(Endpoint.builder().from(ep).port(0).ports(List.of()).build())).build()).build());
    bad.add(Preset.builder().from(base).putNetworkPolicies("zz_tld",
        NetworkPolicy.builder().from(entry).endpoints(List.of(Endpoint.builder().from(ep).host("*.com").build())).build()).build());
    bad.add(Preset.builder().from(base).putNetworkPolicies("zz_ips",
        NetworkPolicy.builder().from(entry).endpoints(List.of(Endpoint.builder().from(ep).host("").addAllowedIps("10.0.0.0/8").build())).build()).build());
    bad.add(Preset.builder().from(base).putNetworkPolicies("zz_rules_empty",
        NetworkPolicy.builder().from(entry).endpoints(List.of(Endpoint.builder().from(ep).protocol("rest").access("").rules(List.of()).build())).build()).build());
    return bad;
  }

  @Test
  void refusedModelMergesLeaveTheLivePolicyUnchanged() {
    Map<String, Integer> codes = new TreeMap<>();
    int refused = 0;
    int accepted = 0;
    for (long seed = 0; seed < 60; seed++) {
      SplittableRandom random = new SplittableRandom(seed);
      Policy live = GEN.policy(random, 1 + random.nextInt(8));
      String before = bytesOf(live);
      Preset good = preset(random, "custom-good", 2);
      for (Preset bad : badPresets(random)) {
        for (List<Preset> batch : List.of(List.of(bad), List.of(good, bad), List.of(good, good, bad))) {
          try {
            MergeResult r = Budget.run("merge", TIME, MEMORY, () -> PresetMerger.merge(live, batch)).value();
            accepted++;
            assertTrue(r.policy() != null);
          } catch (AssertionError e) {
            if (!(e.getCause() instanceof PresetLayerException ple)) {
              throw e;
            }
            refused++;
            assertTrue(SNAKE_CASE.matcher(ple.code()).matches(), ple.code());
            assertFalse(ple.getMessage().isBlank());
            codes.merge(ple.code(), 1, Integer::sum);
          }
          assertEquals(before, bytesOf(live), "the live policy must not change");
        }
      }
    }
    assertTrue(refused > 0, "some merges refused: " + codes + ", accepted " + accepted);
    System.out.println("[robustness] merges | refused model merges by code " + codes + " | accepted " + accepted);
  }

  @Test
  void refusedStackOperationsLeaveTheStackUnchanged() throws PresetLayerException {
    for (long seed = 0; seed < 40; seed++) {
      SplittableRandom random = new SplittableRandom(seed);
      PolicyStack stack = PolicyStack.of(GEN.policy(random, 3));
      try {
        stack = stack.apply(StackLayer.custom(preset(random, "custom-a", 2), "custom-a.yaml")).stack();
      } catch (PresetLayerException refused) {
        // The generator may draw a private or special-use host, which a custom preset may not name (#10659): that
        // seed has no stack to test.
        assertEquals("preset_host_private", refused.code(), refused.getMessage());
        continue;
      }
      String before = stack.toYaml() + stack.toJson();
      Policy effective = stack.effective();
      String effectiveBefore = bytesOf(effective);
      for (ThrowingOp op : List.<ThrowingOp>of(
          s -> s.remove("not-applied"),
          s -> s.remove(""),
          s -> s.apply(StackLayer.custom(Preset.builder().name("custom-empty").description("").build(), "custom-empty.yaml")))) {
        try {
          op.run(stack);
        } catch (PresetLayerException e) {
          assertTrue(SNAKE_CASE.matcher(e.code()).matches(), e.code());
        } catch (RuntimeException e) {
          fail("unchecked exception from a stack operation: " + e, e);
        }
        assertEquals(before, stack.toYaml() + stack.toJson());
        assertEquals(effectiveBefore, bytesOf(stack.effective()));
      }
    }
  }

  interface ThrowingOp {
    Object run(PolicyStack stack) throws PresetLayerException;
  }

  @Test
  void refusedStateUpdatesLeaveTheStateUnchanged() throws PresetLayerException {
    SplittableRandom random = new SplittableRandom(11);
    Policy sandbox = GEN.policy(random, 3);
    SandboxPolicyState state = SandboxPolicyState.of(sandbox);
    Policy changedStatic = Policy.builder().from(sandbox)
        .process(ProcessPolicy.builder().runAsUser("4242").build()).build();
    String before = bytesOf(state.effective()) + state.source() + state.sandboxRevision();
    try {
      state.updateSandboxPolicy(changedStatic);
      if (!sandbox.process().equals(changedStatic.process())) {
        fail("a changed process section must be refused");
      }
    } catch (PresetLayerException e) {
      assertEquals("static_section_changed", e.code());
    }
    assertEquals(before, bytesOf(state.effective()) + state.source() + state.sandboxRevision());
    SandboxPolicyState global = state.withGlobalPolicy(GEN.policy(random, 2));
    String globalBefore = bytesOf(global.effective()) + global.source() + global.sandboxRevision();
    try {
      global.updateSandboxPolicy(GEN.policy(random, 2));
      fail("updates are refused while a global policy is active");
    } catch (PresetLayerException e) {
      assertEquals("global_policy_active", e.code());
    }
    assertEquals(globalBefore, bytesOf(global.effective()) + global.source() + global.sandboxRevision());
  }

  @Test
  void abortedDirectoryApplyLeavesFilesAndStackUnchanged(@TempDir Path dir) throws Exception {
    SplittableRandom random = new SplittableRandom(5);
    Files.writeString(dir.resolve("a-good.yaml"), PolicyWriter.toYaml(preset(random, "custom-one", 2)));
    Files.writeString(dir.resolve("b-bad.yaml"), "preset:\n  name: custom-two\nnetwork_policies: [\n");
    Files.writeString(dir.resolve("c-good.yaml"), PolicyWriter.toYaml(preset(random, "custom-three", 1)));
    Map<Path, byte[]> bytes = new TreeMap<>();
    Map<Path, FileTime> times = new TreeMap<>();
    try (var files = Files.list(dir)) {
      for (Path f : files.toList()) {
        bytes.put(f, Files.readAllBytes(f));
        times.put(f, Files.getLastModifiedTime(f));
      }
    }
    PolicyStack stack = PolicyStack.of(GEN.policy(random, 2));
    String before = stack.toYaml();
    DirectoryApplyResult r = CustomPresetLoader.applyDirectory(stack, dir);
    assertFalse(r.isComplete());
    assertEquals(dir.resolve("b-bad.yaml"), r.failedFile().orElseThrow());
    assertTrue(SNAKE_CASE.matcher(r.failure().orElseThrow().code()).matches());
    assertEquals(before, stack.toYaml(), "the input stack is unchanged");
    for (Map.Entry<Path, byte[]> e : bytes.entrySet()) {
      assertArrayEquals(e.getValue(), Files.readAllBytes(e.getKey()), e.getKey().toString());
      assertEquals(times.get(e.getKey()), Files.getLastModifiedTime(e.getKey()));
    }
    try (var files = Files.list(dir)) {
      assertEquals(bytes.keySet(), new java.util.TreeSet<>(files.toList()), "no file created or deleted");
    }
  }

  /** Mutated live policies and presets through the text API: a result or a coded refusal, never a crash. */
  @Test
  void mutatedTextsAreMergedOrRefusedWithACode() throws IOException {
    Map<Mutant.Expectation, int[]> outcomes = new EnumMap<>(Mutant.Expectation.class);
    Map<String, Integer> codes = new TreeMap<>();
    int cases = 0;
    for (long seed = 0; seed < 80; seed++) {
      SplittableRandom random = new SplittableRandom(seed);
      Policy livePolicy = GEN.policy(random, 1 + random.nextInt(4));
      String live = PolicyWriter.toYaml(livePolicy);
      String presetText = PolicyWriter.toYaml(preset(random, "custom-fuzz", 2));
      for (int i = 0; i < 5; i++) {
        Mutant mutant = random.nextBoolean()
            ? DocumentMutator.textual(presetText).generate(random, 3)
            : DocumentMutator.structural(PolicyWriter.toTree(preset(random, "custom-fuzz", 2))).generate(random, 2);
        boolean mutateLive = random.nextInt(3) == 0;
        Mutant liveMutant = DocumentMutator.textual(live).generate(random, 2);
        String liveText = mutateLive ? liveMutant.text() : live;
        String presetInput = mutateLive ? presetText : mutant.text();
        cases++;
        try {
          Budget.run("mergeText", TIME, MEMORY, () -> PresetMerger.mergeText(liveText, List.of(presetInput)));
          outcomes.computeIfAbsent(mutateLive ? liveMutant.expectation() : mutant.expectation(), k -> new int[2])[0]++;
        } catch (AssertionError e) {
          if (!(e.getCause() instanceof PresetLayerException ple)) {
            throw new AssertionError("mutant " + (mutateLive ? "live " + liveMutant : "preset " + mutant) + ": " + e.getMessage(), e);
          }
          assertTrue(SNAKE_CASE.matcher(ple.code()).matches(), ple.code());
          codes.merge(ple.code(), 1, Integer::sum);
          outcomes.computeIfAbsent(mutateLive ? liveMutant.expectation() : mutant.expectation(), k -> new int[2])[1]++;
        }
      }
      assertEquals(live, PolicyWriter.toYaml(livePolicy));
    }
    StringBuilder b = new StringBuilder();
    outcomes.forEach((k, v) -> b.append(k).append(": merged ").append(v[0]).append(", refused ").append(v[1]).append("; "));
    System.out.println("[robustness] merges | mutated mergeText cases " + cases + " | " + b + "codes " + codes);
    int[] mustFail = outcomes.getOrDefault(Mutant.Expectation.READ_ERROR, new int[2]);
    assertTrue(mustFail[1] > 0, "invalid presets are refused: " + b);
    Files.createDirectories(Path.of("target"));
    Files.writeString(Path.of("target/robustness-merge.txt"), b + "codes " + codes + "\n", StandardCharsets.UTF_8);
  }
}
