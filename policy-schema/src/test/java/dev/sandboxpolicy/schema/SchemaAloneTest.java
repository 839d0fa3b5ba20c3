package dev.sandboxpolicy.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.sandboxpolicy.io.DocumentFormat;
import dev.sandboxpolicy.io.PolicyReader;
import dev.sandboxpolicy.io.ReadMode;
import dev.sandboxpolicy.model.Problem;
import dev.sandboxpolicy.model.Severity;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The editor schemas against the validator, on the validator's truth table ({@link RuleTableTest#cases()}: a
 * minimal document per rule and its valid neighbour), for people who only run the schema (yaml-language-server):
 *
 * <ul>
 *   <li>the schema never refuses what the validator accepts: each schema error is a validator error at the same
 *       pointer (or, for a list, at one of its items: {@code uniqueItems} against a duplicate item), on every
 *       invalid document and every valid neighbour;
 *   <li>the rules the schema alone does not catch are exactly the list in docs/editors.md ("What only the
 *       validator catches"), so that page stays true as the schemas and rules change.
 * </ul>
 *
 * <p>Only the default (strict) reading is compared: the schemas describe what current OpenShell loads.
 */
class SchemaAloneTest {

  private static final Path EDITORS_DOC =
      Path.of(System.getProperty("sandboxpolicy.root", "..")).resolve("docs/editors.md");

  /** The schema's problems for {@code text}, as the validator's schema pass finds them, alone. */
  private static List<Problem> schemaAlone(DocumentKind kind, String text) {
    return JsonSchemaCheck.check(kind, PolicyReader.of(ReadMode.STRICT).readTree(text, DocumentFormat.YAML), false);
  }

  private static List<Problem> validator(RuleTableTest.Case c, String text) {
    return PolicyValidator.strict().withPresetOrigin(c.origin()).validateText(c.kind(), text, ReadMode.STRICT)
        .problems();
  }

  private static List<RuleTableTest.Case> strictCases() {
    return RuleTableTest.cases().filter(c -> c.mode() == ReadMode.STRICT).toList();
  }

  @Test
  void theSchemaNeverRefusesWhatTheValidatorAccepts() {
    List<String> wrong = new ArrayList<>();
    for (RuleTableTest.Case c : strictCases()) {
      for (String text : List.of(c.invalid(), c.valid())) {
        List<Problem> rules = validator(c, text);
        for (Problem p : schemaAlone(c.kind(), text)) {
          boolean confirmed = rules.stream().anyMatch(r -> r.isError() && sameOrItem(p.pointer(), r.pointer()));
          if (p.severity() == Severity.ERROR && !confirmed) {
            wrong.add(c + ": the schema says " + p + " but the validator says " + rules + "\n" + text);
          }
        }
      }
    }
    assertEquals(List.of(), wrong);
  }

  /** Whether {@code rule} is {@code schema}, or an item directly inside it (a duplicate the schema sees as a list). */
  private static boolean sameOrItem(String schema, String rule) {
    return rule.equals(schema) || (rule.startsWith(schema + "/") && rule.indexOf('/', schema.length() + 1) < 0);
  }

  /** The error codes of the truth table that the schema alone does not report at the rule's pointer. */
  static TreeSet<String> validatorOnly() {
    TreeSet<String> out = new TreeSet<>();
    TreeSet<String> caught = new TreeSet<>();
    for (RuleTableTest.Case c : strictCases()) {
      boolean parses = PolicyReader.of(ReadMode.STRICT).readTree(c.invalid(), DocumentFormat.YAML).value()
          .isPresent();
      if (c.severity() != Severity.ERROR || !parses) {
        continue; // text that is not YAML is the YAML parser's to report, in an editor as here
      }
      boolean schemaCatches = schemaAlone(c.kind(), c.invalid()).stream().anyMatch(p -> p.isError()
          && (sameOrItem(p.pointer(), c.pointer()) || p.pointer().startsWith(c.pointer() + "/")));
      (schemaCatches ? caught : out).add(c.code());
    }
    out.removeAll(caught); // a code with several rows is caught when one row is (the doc lists what never is)
    return out;
  }

  @Test
  void whatOnlyTheValidatorCatchesIsListedInTheEditorsGuide() throws IOException {
    assumeTrue(Files.isRegularFile(EDITORS_DOC), "docs/editors.md is beside this module");
    String doc = Files.readString(EDITORS_DOC);
    int start = doc.indexOf("<!-- validator-only:start -->");
    int end = doc.indexOf("<!-- validator-only:end -->");
    assertTrue(start >= 0 && end > start, "docs/editors.md marks the list");
    TreeSet<String> listed = new TreeSet<>();
    Matcher m = Pattern.compile("`([a-z0-9_]+)`").matcher(doc.substring(start, end));
    while (m.find()) {
      listed.add(m.group(1));
    }
    TreeSet<String> actual = validatorOnly();
    assertEquals(actual, listed, "docs/editors.md, 'What only the validator catches', must list exactly: "
        + String.join(", ", actual));
  }

  @Test
  void theSchemaCatchesTheClosedSetsAndShapesItStates() {
    TreeSet<String> only = validatorOnly();
    for (String code : List.of("protocol_unknown", "persisted_queries_invalid", "credential_signing_unknown",
        "endpoint_path_invalid", "filesystem_path_relative", "rules_empty", "deny_rules_empty", "unknown_key",
        "wrong_type", "integer_out_of_range", "landlock_compatibility_unknown", "mcp_version_unknown",
        "mcp_versions_empty", "mcp_version_duplicate")) {
      assertTrue(!only.contains(code), code + " is stated by the schema, so the schema alone catches it");
    }
  }
}
