package dev.sandboxpolicy.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.sandboxpolicy.model.Problem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The rule-hygiene examples of docs/validation-codes.md produce exactly the line shown there, and only it. */
class LintDocumentationTest {
  @ParameterizedTest
  @ValueSource(strings = {"redundant_rule", "unreachable_deny_rule", "redundant_entry"})
  void theDocumentedExampleProducesTheDocumentedLine(String code) throws Exception {
    Path doc = Path.of("..", "docs", "validation-codes.md");
    assumeTrue(Files.isRegularFile(doc), "docs/ is not beside the module");
    String text = Files.readString(doc);
    int at = text.indexOf("### `" + code + "`");
    assertTrue(at >= 0, code + " is not documented");
    int yaml = text.indexOf("```yaml\n", at) + "```yaml\n".length();
    String policy = text.substring(yaml, text.indexOf("```", yaml));
    int out = text.indexOf("```text\n", yaml) + "```text\n".length();
    String expected = text.substring(out, text.indexOf("```", out)).trim();
    List<Problem> found = PolicyAnalysis.lint(Policies.yaml(policy));
    assertEquals(1, found.size(), found.toString());
    Problem p = found.get(0);
    assertEquals(expected, p.toString() + "    (pointer " + p.pointer() + ")");
  }
}
