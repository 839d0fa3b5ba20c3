package dev.sandboxpolicy.schema;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.sandboxpolicy.io.ReadMode;
import dev.sandboxpolicy.rules.PresetOrigin;
import dev.sandboxpolicy.rules.ValidationReport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every policy, preset and blueprint under {@code ../shared/upstream} validates without errors: complete policies
 * (with {@code version}) strictly, presets and blueprints strictly as built-in documents, partial policies
 * leniently. Skipped when {@code ../shared} is absent.
 */
class UpstreamFixturesTest {

  /** Upstream YAML files that are not policy, preset or blueprint documents. */
  private static final Set<String> NOT_VALIDATED = Set.of("tiers.yaml", "private-networks.yaml");

  static Stream<Path> fixtures() throws IOException {
    String shared = System.getProperty("sandboxpolicy.shared");
    Path upstream = shared == null ? null : Path.of(shared, "upstream");
    if (upstream == null || !Files.isDirectory(upstream)) {
      return Stream.of(Path.of("<shared absent>"));
    }
    try (Stream<Path> files = Files.walk(upstream)) {
      List<Path> yaml = files.filter(p -> p.toString().endsWith(".yaml"))
          .filter(p -> !NOT_VALIDATED.contains(p.getFileName().toString())).sorted().toList();
      return yaml.stream();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("fixtures")
  void validatesWithoutErrors(Path file) throws IOException {
    assumeTrue(Files.isRegularFile(file), "../shared is absent");
    String text = Files.readString(file);
    DocumentKind kind = text.contains("\npreset:") || text.startsWith("preset:") ? DocumentKind.PRESET
        : file.getFileName().toString().equals("blueprint.yaml") ? DocumentKind.BLUEPRINT : DocumentKind.POLICY;
    boolean complete = kind != DocumentKind.POLICY || text.contains("\nversion:");
    ValidationReport report = PolicyValidator.strict().withPresetOrigin(PresetOrigin.BUILT_IN)
        .validateText(kind, text, complete ? ReadMode.STRICT : ReadMode.LENIENT);
    assertTrue(report.isValid(), file + ":\n" + report);
  }
}
