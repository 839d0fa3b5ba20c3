package dev.sandboxpolicy.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.sandboxpolicy.model.Policy;
import dev.sandboxpolicy.model.Preset;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every YAML file under {@code ../shared/upstream/} loads in lenient mode without error and round-trips
 * (read, write, read gives an equal model). Skips when {@code ../shared} is absent.
 */
class UpstreamDocumentsTest {

  static Path shared() {
    String p = System.getProperty("sandboxpolicy.shared", "../shared");
    return Path.of(p);
  }

  static Stream<Path> upstreamYaml() throws IOException {
    Path root = shared().resolve("upstream");
    if (!Files.isDirectory(root)) {
      return Stream.of(Path.of("<shared-absent>"));
    }
    try (Stream<Path> walk = Files.walk(root)) {
      List<Path> files = walk.filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml")).sorted().toList();
      return files.stream();
    }
  }

  private static boolean isPreset(String text) {
    return text.lines().anyMatch(l -> l.startsWith("preset:"));
  }

  @ParameterizedTest
  @MethodSource("upstreamYaml")
  void loadsLenientlyAndRoundTrips(Path file) throws Exception {
    assumeTrue(Files.isRegularFile(file), "../shared is absent");
    String text = Files.readString(file);
    PolicyReader reader = PolicyReader.of(ReadMode.LEGACY_TOLERANT);
    String name = file.getFileName().toString();
    if (name.equals("tiers.yaml")) {
      var tiers = reader.readTiers(text).orElseThrow();
      assertFalse(tiers.tiers().isEmpty());
      assertEquals(tiers, reader.readTiers(PolicyWriter.toYaml(tiers)).orElseThrow());
    } else if (name.equals("blueprint.yaml")) {
      var bp = reader.readBlueprint(text).orElseThrow();
      assertEquals(bp, reader.readBlueprint(PolicyWriter.toYaml(bp)).orElseThrow());
    } else if (isPreset(text)) {
      Preset preset = reader.readPreset(text).orElseThrow();
      assertFalse(preset.networkPolicies().isEmpty(), "a preset has entries");
      assertEquals(preset, reader.readPreset(PolicyWriter.toYaml(preset)).orElseThrow());
    } else {
      Policy policy = reader.readPolicy(text).orElseThrow();
      Policy again = reader.readPolicy(PolicyWriter.toYaml(policy)).orElseThrow();
      assertEquals(policy, again);
      assertEquals(policy, reader.readPolicy(PolicyWriter.toJson(policy), DocumentFormat.JSON).orElseThrow());
      assertEquals(PolicyWriter.hash(policy), PolicyWriter.hash(again));
    }
  }
}
