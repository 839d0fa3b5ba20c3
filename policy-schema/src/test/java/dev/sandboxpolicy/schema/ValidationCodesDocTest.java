package dev.sandboxpolicy.schema;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.sandboxpolicy.io.ReadMode;
import dev.sandboxpolicy.model.Problem;
import dev.sandboxpolicy.rules.PresetOrigin;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every example of {@code docs/validation-codes.md} is run: each line of its output block must be a problem the
 * validator reports for the example document, with the same position, severity, code and pointer (messages may be
 * reworded, so they are not compared). Abbreviated examples (with {@code ...}) are skipped, and the whole test
 * when {@code docs/} is not beside the module.
 */
class ValidationCodesDocTest {

  private static final Path DOC = Path.of("..", "docs", "validation-codes.md");
  private static final Pattern EXAMPLE = Pattern.compile(
      "### `([a-z_]+)`[^\\n]*\\n(?:(?!### ).)*?```yaml\\n# (policy|preset|blueprint)(, lenient)?\\n(.*?)```\\s*```text\\n(.*?)```",
      Pattern.DOTALL);
  private static final Pattern LINE = Pattern.compile(
      "(\\d+):(\\d+): (error|warning) ([a-z_]+) .*\\(pointer (\"\"|\\S*)\\)");

  record Example(String code, DocumentKind kind, ReadMode mode, String yaml, List<String> output) {
    @Override
    public String toString() {
      return code;
    }
  }

  static Stream<Example> examples() throws IOException {
    if (!Files.isRegularFile(DOC)) {
      return Stream.of(new Example("<docs absent>", null, null, null, List.of()));
    }
    String text = Files.readString(DOC);
    List<Example> out = new ArrayList<>();
    Matcher m = EXAMPLE.matcher(text);
    while (m.find()) {
      DocumentKind kind = switch (m.group(2)) {
        case "preset" -> DocumentKind.PRESET;
        case "blueprint" -> DocumentKind.BLUEPRINT;
        default -> DocumentKind.POLICY;
      };
      ReadMode mode = m.group(3) == null ? ReadMode.STRICT : ReadMode.LEGACY_TOLERANT;
      List<String> lines = m.group(5).lines().filter(l -> !l.isBlank()).toList();
      out.add(new Example(m.group(1), kind, mode, m.group(4), lines));
    }
    return out.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("examples")
  void theDocumentedOutputIsWhatTheValidatorReports(Example example) {
    assumeTrue(example.kind() != null, "docs/ is not beside the module");
    assumeTrue(!example.yaml().contains("..."), "an abbreviated example (a list of 257 paths written as ...)");
    boolean custom = example.yaml().contains("custom") || example.code().startsWith("preset_");
    PolicyValidator validator = PolicyValidator.strict()
        .withPresetOrigin(custom ? PresetOrigin.CUSTOM : PresetOrigin.BUILT_IN);
    List<Problem> problems = validator.validateText(example.kind(), example.yaml(), example.mode()).problems();
    for (String line : example.output()) {
      Matcher m = LINE.matcher(line);
      if (!m.find()) {
        continue; // prose or an elided line
      }
      String pointer = m.group(5).equals("\"\"") ? "" : m.group(5);
      boolean found = problems.stream().anyMatch(p -> p.line() == Integer.parseInt(m.group(1))
          && p.column() == Integer.parseInt(m.group(2)) && p.severity().wireName().equals(m.group(3))
          && p.code().equals(m.group(4)) && p.pointer().equals(pointer));
      assertTrue(found, example.code() + ": documented\n  " + line + "\nbut the validator reports\n  "
          + String.join("\n  ", problems.stream().map(p -> p + "    (pointer " + p.pointer() + ")").toList()));
    }
  }
}
