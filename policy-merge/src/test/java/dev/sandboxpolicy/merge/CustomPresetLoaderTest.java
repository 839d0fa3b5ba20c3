package dev.sandboxpolicy.merge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.sandboxpolicy.model.Policy;
import dev.sandboxpolicy.model.SourceMap;
import dev.sandboxpolicy.rules.PresetOrigin;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CustomPresetLoaderTest {

  @TempDir Path dir;

  private Path write(String name, String text) throws IOException {
    Path p = dir.resolve(name);
    Files.writeString(p, text);
    return p;
  }

  private String code(Path p) {
    return assertThrows(PresetLayerException.class, () -> CustomPresetLoader.loadFile(p)).code();
  }

  @Test
  void loadsAValidFileWithItsFullText() throws Exception {
    String text = "# my comment\n" + Fixtures.presetYaml("my-api", "my_api", "api.example");
    CustomPreset p = CustomPresetLoader.loadFile(write("my-api.YML", text));
    assertEquals("my-api", p.name());
    assertEquals(text, p.content(), "the full original text, comments included");
    assertTrue(p.sourcePath().isAbsolute());
    assertEquals(PresetOrigin.CUSTOM, p.toLayer().source());
    assertFalse(p.validation().hasErrors(), Fixtures.codes(p.validation().problems()));
  }

  @Test
  void theValidatorsReportIsAdvisory() throws Exception {
    String loose = """
        preset: {name: loose, description: odd rules}
        network_policies:
          loose:
            name: loose
            endpoints:
              - host: loose.example
                port: 443
                protocol: rest
                access: full
                rules: [{allow: {method: GET, path: /x}}]
        """;
    CustomPreset p = CustomPresetLoader.loadFile(write("loose.yaml", loose));
    assertEquals("loose", p.name(), "upstream accepts it at runtime, and so do we");
    assertTrue(p.validation().hasErrors(), () -> "but the schema validator finds fault with it\n" + p.validation());
    assertTrue(p.validation().errors().stream().allMatch(e -> e.line() > 0), Fixtures.codes(p.validation().problems()));
  }

  @Test
  void fileChecksInUpstreamOrder() throws Exception {
    assertEquals("preset_file_extension", code(write("p.json", Fixtures.presetYaml("p", "k", "k.example"))));
    assertEquals("preset_file_not_found", code(dir.resolve("missing.yaml")));
    Files.createDirectory(dir.resolve("sub.yaml"));
    assertEquals("preset_file_not_found", code(dir.resolve("sub.yaml")));
    Path target = write("target.yaml", Fixtures.presetYaml("p", "k", "k.example"));
    Path link = dir.resolve("link.yaml");
    try {
      Files.createSymbolicLink(link, target);
    } catch (UnsupportedOperationException | IOException e) {
      assumeTrue(false, "no symbolic links here");
    }
    assertEquals("preset_file_symlink", code(link));
  }

  @Test
  void tooLargeIsCheckedBeforeReading() throws Exception {
    Path big = dir.resolve("big.yaml");
    try (RandomAccessFile f = new RandomAccessFile(big.toFile(), "rw")) {
      f.setLength(CustomPresetLoader.MAX_PRESET_FILE_BYTES + 1);
    }
    assertEquals("preset_file_too_large", code(big));
  }

  @Test
  void contentChecksInUpstreamOrder() throws Exception {
    assertEquals("preset_unreadable", code(write("a.yaml", "preset: [unclosed\n")));
    assertEquals("preset_unreadable", code(write("b.yaml", "- a list\n")));
    Files.write(dir.resolve("latin1.yaml"), new byte[] {'a', ':', ' ', (byte) 0xE9, '\n'});
    assertEquals("preset_unreadable", code(dir.resolve("latin1.yaml")));
    // The reserved prefix wins over a missing network_policies section.
    assertEquals("preset_name_reserved", code(write("c.yaml", "preset: {name: _provider_x, description: d}\n")));
    assertEquals("preset_name_invalid", code(write("d.yaml", "preset: {name: Bad_Name, description: d}\n")));
    assertEquals("preset_name_invalid", code(write("e.yaml", "preset: {name: 42, description: d}\nnetwork_policies: {}\n")));
    assertEquals("preset_name_invalid", code(write("f.yaml", "network_policies: {}\n")));
    assertEquals("preset_no_network_policies", code(write("g.yaml", "preset: {name: g, description: d}\n")));
    assertEquals("preset_no_network_policies",
        code(write("h.yaml", "preset: {name: h, description: d}\nnetwork_policies: [a]\n")));
    assertEquals("preset_no_network_policies",
        code(write("i.yaml", "preset: {name: i, description: d}\nnetwork_policies: null\n")));
    assertEquals("reserved_key", code(write("j.yaml",
        Fixtures.presetYaml("j", "_provider_github", "github.com"))));
    // A built-in name collides, but only after the other checks.
    assertEquals("preset_name_builtin_collision", code(write("k.yaml", Fixtures.presetYaml("pypi", "pypi", "pypi.org"))));
    assertEquals("preset_allowed_ips", code(write("l.yaml",
        Fixtures.presetYaml("pypi", "k", "k.example").replace("access: full", "access: full\n        allowed_ips: []"))));
  }

  @Test
  void anEmptyEntriesMapLoadsButFailsWhenApplied() throws Exception {
    CustomPreset hollow = CustomPresetLoader.loadFile(write("hollow.yaml", "preset: {name: hollow, description: d}\nnetwork_policies: {}\n"));
    PresetLayerException e = assertThrows(PresetLayerException.class,
        () -> PolicyStack.of(Fixtures.policy(Fixtures.BASELINE)).apply(hollow.toLayer()));
    assertEquals("preset_entries_invalid", e.code());
    assertEquals(Optional.of("hollow"), e.presetName());
  }

  @Test
  void allowedIpsGuard() throws Exception {
    String entryLevel = """
        preset: {name: e, description: d}
        network_policies:
          k:
            name: k
            allowed_ips: null
            endpoints: [{host: host.openshell.internal, port: 80, access: full}]
            binaries: [{path: /bin/k}]
        """;
    assertEquals("preset_allowed_ips", code(write("entry.yaml", entryLevel)));
    String gateway = Fixtures.presetYaml("gw", "k", "HOST.OpenShell.Internal.")
        .replace("access: full", "access: full\n        allowed_ips: [10.0.0.0/8]");
    assertEquals("gw", CustomPresetLoader.loadFile(write("gw.yaml", gateway)).name());
    String other = Fixtures.presetYaml("other", "k", "db.corp.example")
        .replace("access: full", "access: full\n        allowed_ips: [10.0.0.0/8]");
    PresetLayerException e = assertThrows(PresetLayerException.class, () -> CustomPresetLoader.loadFile(write("o.yaml", other)));
    assertEquals("Preset 'other' contains user-authored allowed_ips, which is not permitted."
        + " (network_policies entry 'k', endpoint 0)", e.getMessage());
    assertTrue(e.problems().get(0).line() > 0, "the problem is located in the file");

    // The model-level guard, for content built in code.
    PresetLayerException model = assertThrows(PresetLayerException.class, () -> CustomPresetLoader.requireNoAllowedIps(
        Fixtures.preset(other), dev.sandboxpolicy.model.SourceMap.empty()));
    assertEquals("preset_allowed_ips", model.code());
    CustomPresetLoader.requireNoAllowedIps(Fixtures.preset(gateway), dev.sandboxpolicy.model.SourceMap.empty());
  }

  @Test
  void directoryOrderFiltersAndStopsAtTheFirstFailure() throws Exception {
    write("b-second.yaml", Fixtures.presetYaml("second", "second", "two.example"));
    write("a-first.YAML", Fixtures.presetYaml("first", "first", "one.example"));
    write(".hidden.yaml", Fixtures.presetYaml("hidden", "hidden", "h.example"));
    write("notes.txt", "not a preset");
    Files.createDirectory(dir.resolve("nested.yaml"));
    write("c-broken.yml", "preset: {name: Broken, description: d}\nnetwork_policies: {}\n");
    write("d-never.yaml", Fixtures.presetYaml("never", "never", "n.example"));

    List<Path> files = CustomPresetLoader.listDirectory(dir);
    assertEquals(List.of("a-first.YAML", "b-second.yaml", "c-broken.yml", "d-never.yaml"),
        files.stream().map(p -> p.getFileName().toString()).toList());

    Policy baseline = Fixtures.policy(Fixtures.BASELINE);
    DirectoryApplyResult r = CustomPresetLoader.applyDirectory(PolicyStack.of(baseline), dir);
    assertFalse(r.isComplete());
    assertEquals(List.of("first", "second"), r.applied().stream().map(CustomPreset::name).toList());
    assertEquals("c-broken.yml", r.failedFile().orElseThrow().getFileName().toString());
    assertEquals("preset_name_invalid", r.failure().orElseThrow().code());
    assertEquals(Optional.of("Aborting --from-dir: c-broken.yml failed. Remaining presets not applied."), r.abortMessage());
    assertTrue(r.stack().effective().networkPolicies().containsKey("nemoclaw_custom__second__second"),
        "earlier presets are not rolled back");
    assertFalse(r.stack().effective().networkPolicies().containsKey("nemoclaw_custom__never__never"));
  }

  @Test
  void directoryErrors() throws Exception {
    assertEquals("preset_directory_not_found", assertThrows(PresetLayerException.class,
        () -> CustomPresetLoader.listDirectory(dir.resolve("nope"))).code());
    write("readme.md", "x");
    assertEquals("preset_directory_empty", assertThrows(PresetLayerException.class,
        () -> CustomPresetLoader.listDirectory(dir)).code());
    write("ok.yaml", Fixtures.presetYaml("ok", "ok", "ok.example"));
    DirectoryApplyResult r = CustomPresetLoader.applyDirectory(PolicyStack.of(Fixtures.policy(Fixtures.BASELINE)), dir);
    assertTrue(r.isComplete());
    assertEquals(Optional.empty(), r.abortMessage());
  }
}
