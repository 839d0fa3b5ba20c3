package dev.sandboxpolicy.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.sandboxpolicy.io.ReadMode;
import dev.sandboxpolicy.rules.PresetOrigin;
import dev.sandboxpolicy.rules.ValidationReport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every policy, preset and blueprint under {@code ../shared/upstream} validates without errors: complete policies
 * (with {@code version}) strictly, presets and blueprints strictly as built-in documents, partial policies
 * with the legacy tolerant reading. The documents current OpenShell refuses have exactly the errors listed in
 * {@link #REFUSED}. Skipped when {@code ../shared} is absent.
 */
class UpstreamFixturesTest {

  /** Upstream YAML files that are not policy, preset or blueprint documents. */
  private static final Set<String> NOT_VALIDATED = Set.of("tiers.yaml", "private-networks.yaml");

  /**
   * Upstream documents that current OpenShell refuses, with the codes of their errors (path relative to
   * {@code ../shared/upstream}). NemoClaw's DeepAgents-Code additions ask for {@code landlock.compatibility: strict},
   * which meant best_effort until OpenShell #2541 and is an error since.
   */
  private static final Map<String, List<String>> REFUSED = Map.of(
      "nemoclaw/agents/langchain-deepagents-code/policy-additions.yaml", List.of("landlock_compatibility_unknown"));

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
        .validateText(kind, text, complete ? ReadMode.STRICT : ReadMode.LEGACY_TOLERANT);
    String relative = Path.of(System.getProperty("sandboxpolicy.shared"), "upstream").relativize(file).toString()
        .replace('\\', '/');
    List<String> expected = REFUSED.getOrDefault(relative, List.of());
    List<String> errors = report.problems().stream().filter(p -> p.isError()).map(p -> p.code()).toList();
    assertEquals(expected, errors, file + ":\n" + report);
  }
}
