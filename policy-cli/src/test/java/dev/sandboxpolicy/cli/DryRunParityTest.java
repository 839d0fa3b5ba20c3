package dev.sandboxpolicy.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.sandboxpolicy.merge.PresetLayerError;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A dry run refuses exactly what the apply refuses (NVIDIA/NemoClaw#10773): for every refusal code of the preset layer
 * that a {@code policyctl} command with {@code --dry-run} can meet, the same arguments with and without
 * {@code --dry-run} end with the same exit status and the same words on standard error, and the apply writes nothing.
 * Codes no such command can meet are listed with the reason; a new code must be added to one list or the other.
 */
class DryRunParityTest {

  @TempDir Path dir;

  /** Codes no command with --dry-run can reach, and why. */
  private static final Map<PresetLayerError, String> NOT_REACHABLE = Map.of(
      PresetLayerError.PRESET_UNKNOWN, "an unknown name on the command line is a usage error before any check",
      PresetLayerError.PRESET_DIRECTORY_NOT_FOUND, "no command reads a directory (library: applyDirectory)",
      PresetLayerError.PRESET_DIRECTORY_EMPTY, "no command reads a directory (library: applyDirectory)",
      PresetLayerError.SANDBOX_NAME_INVALID, "no command with --dry-run takes a sandbox name",
      PresetLayerError.TIER_UNKNOWN, "explain has no --dry-run",
      PresetLayerError.STATIC_SECTION_CHANGED, "library only (SandboxPolicyState)",
      PresetLayerError.GLOBAL_POLICY_ACTIVE, "library only (SandboxPolicyState)",
      PresetLayerError.BLUEPRINT_ADDITIONS_INVALID, "no command merges blueprint additions",
      PresetLayerError.STACK_UNREADABLE, "no command reads a policy stack",
      PresetLayerError.PRESET_FILE_UNREADABLE, "needs a file the user cannot read; checked separately when possible");

  private static final String PRESET =
      "preset:\n  name: my-api\n  description: d\nnetwork_policies:\n  my_api:\n    name: my_api\n    endpoints:\n"
          + "      - host: api.example.com\n        port: 443\n        access: full\n    binaries:\n"
          + "      - path: /usr/bin/curl\n";

  private record Case(PresetLayerError code, List<String> args) {}

  private List<Case> cases() throws IOException {
    CliRun.write(dir, "p.yaml", CliRun.POLICY);
    CliRun.write(dir, "base.yaml", CliRun.POLICY + "  managed_inference:\n    endpoints: [{host: inference.local,"
        + " port: 443, access: full}]\n    binaries: [{path: /usr/bin/node}]\n");
    CliRun.write(dir, "ok.yaml", PRESET);
    CliRun.write(dir, "db.yaml", PRESET.replace("api.example.com", "db.corp.example"));
    List<Case> c = new ArrayList<>();
    Map<PresetLayerError, String> livePolicies = new LinkedHashMap<>();
    livePolicies.put(PresetLayerError.LIVE_POLICY_EMPTY, "Version: 1\n---\n");
    livePolicies.put(PresetLayerError.LIVE_POLICY_NOT_YAML, "version: [\n");
    livePolicies.put(PresetLayerError.LIVE_POLICY_NOT_MAPPING, "- a\n");
    livePolicies.put(PresetLayerError.LIVE_POLICY_BAD_VERSION, "version: \"1\"\nnetwork_policies: {}\n");
    livePolicies.put(PresetLayerError.LIVE_POLICY_BAD_NETWORK_POLICIES, "version: 1\nnetwork_policies: [a]\n");
    livePolicies.put(PresetLayerError.LIVE_POLICY_NOT_A_POLICY, "error: sandbox not found\n");
    livePolicies.put(PresetLayerError.LIVE_POLICY_BAD_SECTION,
        "version: 1\nnetwork_policies:\n  a:\n    endpoints: [{host: x.example, port: many}]\n");
    for (Map.Entry<PresetLayerError, String> e : livePolicies.entrySet()) {
      String file = e.getKey().wireName() + ".yaml";
      CliRun.write(dir, file, e.getValue());
      c.add(new Case(e.getKey(), List.of("merge", file, "ok.yaml")));
      c.add(new Case(e.getKey(), List.of("remove", file, "npm")));
      c.add(new Case(e.getKey(), List.of("exclude", file, "github", "--baseline", "base.yaml")));
    }
    Map<PresetLayerError, String> presets = new LinkedHashMap<>();
    presets.put(PresetLayerError.PRESET_UNREADABLE, "preset: [\n");
    presets.put(PresetLayerError.PRESET_NO_NETWORK_POLICIES, "preset: {name: bare, description: d}\n");
    presets.put(PresetLayerError.PRESET_ENTRIES_INVALID, "preset: {name: hollow, description: d}\nnetwork_policies: {}\n");
    presets.put(PresetLayerError.RESERVED_KEY, PRESET.replace("  my_api:", "  npm_yarn:"));
    presets.put(PresetLayerError.PRESET_ALLOWED_IPS,
        PRESET.replace("        access: full\n", "        access: full\n        allowed_ips: [203.0.113.9]\n"));
    presets.put(PresetLayerError.PRESET_NAME_RESERVED, PRESET.replace("name: my-api", "name: _provider_x"));
    presets.put(PresetLayerError.PRESET_NAME_INVALID, PRESET.replace("name: my-api", "name: Bad_Name"));
    presets.put(PresetLayerError.PRESET_NAME_BUILTIN_COLLISION, PRESET.replace("name: my-api", "name: github"));
    presets.put(PresetLayerError.PRESET_HOST_PRIVATE, PRESET.replace("api.example.com", "169.254.169.254"));
    for (Map.Entry<PresetLayerError, String> e : presets.entrySet()) {
      String file = e.getKey().wireName() + ".yaml";
      CliRun.write(dir, file, e.getValue());
      c.add(new Case(e.getKey(), List.of("merge", "p.yaml", "ok.yaml", file)));
      c.add(new Case(e.getKey(), List.of("remove", "p.yaml", file)));
    }
    CliRun.write(dir, "preset.json", PRESET);
    c.add(new Case(PresetLayerError.PRESET_FILE_EXTENSION, List.of("merge", "p.yaml", "preset.json")));
    Files.createDirectory(dir.resolve("folder.yaml"));
    c.add(new Case(PresetLayerError.PRESET_FILE_NOT_FOUND, List.of("merge", "p.yaml", "folder.yaml")));
    Files.createSymbolicLink(dir.resolve("link.yaml"), dir.resolve("ok.yaml"));
    c.add(new Case(PresetLayerError.PRESET_FILE_SYMLINK, List.of("merge", "p.yaml", "link.yaml")));
    try (RandomAccessFile f = new RandomAccessFile(dir.resolve("huge.yaml").toFile(), "rw")) {
      f.setLength(10_000_001L);
    }
    c.add(new Case(PresetLayerError.PRESET_FILE_TOO_LARGE, List.of("merge", "p.yaml", "huge.yaml")));
    c.add(new Case(PresetLayerError.PRESET_NOT_APPLIED, List.of("remove", "p.yaml", "team-x")));
    CliRun.write(dir, "no-entries.yaml", "version: 1\n");
    c.add(new Case(PresetLayerError.PRESET_NOT_REMOVABLE, List.of("remove", "no-entries.yaml", "ok.yaml")));
    c.add(new Case(PresetLayerError.TRUSTED_HOST_INVALID,
        List.of("merge", "p.yaml", "db.yaml", "--trusted-private-host", "https://db.corp.example")));
    c.add(new Case(PresetLayerError.TRUSTED_HOST_DUPLICATE, List.of("merge", "p.yaml", "db.yaml",
        "--trusted-private-host", "db.corp.example", "--trusted-private-host", "DB.corp.example.")));
    c.add(new Case(PresetLayerError.TRUSTED_HOST_UNMATCHED,
        List.of("merge", "p.yaml", "ok.yaml", "--trusted-private-host", "db.corp.example")));
    c.add(new Case(PresetLayerError.TRUSTED_HOST_PREFLIGHT_FAILED, List.of("merge", "p.yaml", "db.yaml",
        "--trusted-private-host", "db.corp.example", "--resolve", "db.corp.example=169.254.169.254")));
    c.add(new Case(PresetLayerError.TRUSTED_HOST_NOT_PRIVATE, List.of("merge", "p.yaml", "db.yaml",
        "--trusted-private-host", "db.corp.example", "--resolve", "db.corp.example=8.8.8.8")));
    c.add(new Case(PresetLayerError.BASELINE_KEY_UNKNOWN,
        List.of("exclude", "p.yaml", "nope", "--baseline", "base.yaml")));
    c.add(new Case(PresetLayerError.BASELINE_KEY_PROTECTED,
        List.of("exclude", "base.yaml", "managed_inference", "--baseline", "base.yaml")));
    CliRun.write(dir, "with-github.yaml",
        CliRun.POLICY.replace("  github:\n", "  github_old:\n") + "  github:\n    name: github\n    endpoints:\n"
            + "      - {host: github.com, port: 443, access: full}\n      - {host: api.github.com, port: 443, access: full}\n"
            + "    binaries:\n      - {path: /usr/bin/git}\n");
    CliRun.write(dir, "github-base.yaml", CliRun.POLICY);
    c.add(new Case(PresetLayerError.BASELINE_KEY_OWNED_BY_PRESET,
        List.of("restore", "with-github.yaml", "github", "--baseline", "github-base.yaml")));
    CliRun.write(dir, "mcp-live.yaml", "version: 1\nnetwork_policies:\n  tools:\n    endpoints:\n"
        + "      - {host: mcp.example.com, port: 443, protocol: mcp,"
        + " mcp: {allow_all_known_mcp_methods: true, versions: [2025-03-26]}}\n    binaries: [{path: /usr/bin/agent}]\n");
    CliRun.write(dir, "mcp-preset.yaml", "preset:\n  name: mcp-tools\n  description: d\nnetwork_policies:\n"
        + "  more_tools:\n    endpoints:\n      - {host: mcp.example.com, port: 443, protocol: mcp,"
        + " mcp: {allow_all_known_mcp_methods: true}}\n    binaries: [{path: /usr/bin/agent}]\n");
    c.add(new Case(PresetLayerError.MCP_VERSIONS_INCOMPATIBLE, List.of("merge", "mcp-live.yaml", "mcp-preset.yaml")));
    CliRun.write(dir, "changed.yaml", CliRun.POLICY.replace("/repos/**", "/orgs/**"));
    c.add(new Case(PresetLayerError.BASELINE_ENTRY_CHANGED,
        List.of("exclude", "changed.yaml", "github", "--baseline", "p.yaml")));
    return c;
  }

  @Test
  void everyRefusalCodeIsCoveredOrExplained() throws IOException {
    Set<PresetLayerError> covered = EnumSet.noneOf(PresetLayerError.class);
    cases().forEach(c -> covered.add(c.code()));
    for (PresetLayerError e : PresetLayerError.values()) {
      assertTrue(covered.contains(e) ^ NOT_REACHABLE.containsKey(e),
          e.wireName() + " must be either exercised here or listed as not reachable (and not both)");
    }
  }

  @Test
  void aDryRunRefusesExactlyWhatTheApplyRefuses() throws IOException {
    for (Case c : cases()) {
      List<String> dry = new ArrayList<>(c.args());
      dry.add("--dry-run");
      List<String> apply = new ArrayList<>(c.args());
      apply.add("-o");
      apply.add("out.yaml");
      CliRun d = CliRun.run(dir, dry.toArray(String[]::new));
      CliRun a = CliRun.run(dir, apply.toArray(String[]::new));
      String what = c.code().wireName() + " " + c.args();
      assertTrue(d.status() != ExitCode.OK, what + " must be refused:\n" + d);
      assertEquals(d.status(), a.status(), what);
      assertEquals(d.err(), a.err().replace("out.yaml", "<result>"), what);
      assertTrue(d.err().contains("(" + c.code().wireName() + ")"), what + ":\n" + d.err());
      assertEquals("", d.out(), what + ": a refused dry run prints no plan");
      assertFalse(Files.exists(dir.resolve("out.yaml")), what + ": the apply wrote nothing");
    }
  }

  @Test
  void anUnreadablePresetFileIsRefusedTheSameWayWhenPermissionsApply() throws IOException {
    Path secret = CliRun.write(dir, "secret.yaml", PRESET);
    CliRun.write(dir, "p.yaml", CliRun.POLICY);
    assumeTrue(secret.toFile().setReadable(false, false) && !Files.isReadable(secret), "running as root");
    CliRun d = CliRun.run(dir, "merge", "p.yaml", "secret.yaml", "--dry-run");
    CliRun a = CliRun.run(dir, "merge", "p.yaml", "secret.yaml", "-o", "out.yaml");
    assertEquals(d.status(), a.status());
    assertEquals(d.err(), a.err());
    assertTrue(d.err().contains("(preset_file_unreadable)"), d.err());
  }
}
