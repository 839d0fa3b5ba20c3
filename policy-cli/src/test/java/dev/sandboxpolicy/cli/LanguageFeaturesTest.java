package dev.sandboxpolicy.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sandboxpolicy.io.ReadMode;
import dev.sandboxpolicy.merge.PresetCatalog;
import dev.sandboxpolicy.model.Problem;
import dev.sandboxpolicy.schema.DocumentKind;
import java.util.List;
import org.eclipse.lsp4j.CodeAction;
import org.eclipse.lsp4j.CompletionItem;
import org.eclipse.lsp4j.Diagnostic;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.TextEdit;
import org.junit.jupiter.api.Test;

/**
 * The language features on their own, without the protocol: each quick fix applied to its document removes the
 * problem it is for, completion inserts text that validates, formatting refuses what it must not touch.
 */
class LanguageFeaturesTest {

  private static String endpoint(String... lines) {
    StringBuilder b = new StringBuilder("version: 1\nnetwork_policies:\n  a:\n    endpoints:\n"
        + "      - host: api.example.com\n");
    for (String l : lines) {
      b.append("        ").append(l).append('\n');
    }
    return b.append("    binaries:\n      - path: /usr/bin/curl\n").toString();
  }

  private static List<Diagnostic> diagnostics(OpenDocument d, ReadMode mode) {
    return LanguageDiagnostics.diagnostics(d, LanguageDiagnostics.problems(d, mode));
  }

  private static List<String> codes(String text, ReadMode mode) {
    OpenDocument d = new OpenDocument("file:///x.yaml", 1, text);
    return LanguageDiagnostics.problems(d, mode).stream().map(Problem::code).toList();
  }

  /** Applies the first fix offered for {@code code} and returns the titles offered and the fixed text. */
  private static String fix(String text, String code, ReadMode mode, String expectedTitle) {
    OpenDocument d = new OpenDocument("file:///x.yaml", 1, text);
    List<Diagnostic> ds = diagnostics(d, mode).stream().filter(x -> LanguageDiagnostics.code(x).equals(code))
        .toList();
    assertEquals(1, ds.size(), () -> code + " in " + codes(text, mode));
    List<CodeAction> actions = LanguageCodeActions.forDiagnostics(d, ds);
    assertFalse(actions.isEmpty(), "a fix for " + code);
    CodeAction first = actions.get(0);
    assertEquals(expectedTitle, first.getTitle());
    TextEdit edit = first.getEdit().getChanges().get("file:///x.yaml").get(0);
    String fixed = LanguageServerTest.apply(text, edit);
    assertFalse(codes(fixed, mode).contains(code), () -> "fixed:\n" + fixed + codes(fixed, mode));
    return fixed;
  }

  @Test
  void closedSetValuesGetTheClosestValue() {
    String fixed = fix(endpoint("port: 443", "protocol: rest", "access: full", "enforcement: enforced"),
        "enforcement_unknown", ReadMode.STRICT, "Change to 'enforce'");
    assertTrue(fixed.contains("enforcement: enforce\n"), fixed);
    fix(endpoint("port: 443", "protocol: rests", "access: full"), "protocol_unknown", ReadMode.STRICT,
        "Change to 'rest'");
    fix(endpoint("port: 443", "protocol: graphql", "access: read-only", "persisted_queries: allow_registred"),
        "persisted_queries_invalid", ReadMode.STRICT, "Change to 'allow_registered'");
    String access = fix(endpoint("port: 443", "protocol: rest", "access: allow"), "access_unknown",
        ReadMode.STRICT, "Change to 'read-only'");
    assertTrue(access.contains("access: read-only\n"), "none is close: every value is offered, in order");
  }

  @Test
  void keysAndTypesAreRepaired() {
    String renamed = fix(endpoint("port: 443", "protocl: rest", "access: full"), "unknown_key", ReadMode.STRICT,
        "Did you mean 'protocol'? (rename 'protocl')");
    assertTrue(renamed.contains("        protocol: rest\n"), renamed);
    assertEquals(List.of(), codes(renamed, ReadMode.STRICT));
    String number = fix(endpoint("port: \"443\""), "wrong_type", ReadMode.STRICT, "Write 443 as a number");
    assertTrue(number.contains("port: 443\n"), number);
    String bool = fix("version: 1\nfilesystem_policy:\n  include_workdir: yes\n", "wrong_type", ReadMode.STRICT,
        "Change to true");
    assertTrue(bool.contains("include_workdir: true\n"), bool);
    String quoted = fix("process:\n  run_as_user: 1000\n", "coerced_scalar", ReadMode.LEGACY_TOLERANT,
        "Quote 1000 (a string)");
    assertTrue(quoted.contains("run_as_user: \"1000\"\n"), quoted);
  }

  @Test
  void missingVersionGoesAfterTheModelineAndNoOpLinesGo() {
    String modeline = FmtCommand.SCHEMA_MODELINE_PREFIX + DocumentKind.POLICY.schemaId() + "\n";
    String fixed = fix(modeline + "network_policies: {}\n", "missing_version", ReadMode.STRICT, "Add 'version: 1'");
    assertEquals(modeline + "version: 1\nnetwork_policies: {}\n", fixed);
    String tls = fix(endpoint("port: 443", "tls: terminate"), "tls_deprecated", ReadMode.STRICT,
        "Remove 'tls: terminate' (it has no effect)");
    assertFalse(tls.contains("tls"), tls);
    fix(endpoint("port: 80", "ports: [443]"), "port_and_ports", ReadMode.STRICT,
        "Remove 'port: 80' (it has no effect)");
    String path = fix(endpoint("port: 443", "protocol: rest", "rules:", "  - allow:", "      method: GET"),
        "rest_rule_without_path", ReadMode.STRICT, "Add path: \"/**\" (the rule then matches every path)");
    assertTrue(path.contains("      path: \"/**\"\n              method: GET\n"), path);
  }

  @Test
  void aBuiltInPresetCompletedUnderNetworkPoliciesIsAValidEntry() {
    String text = "version: 1\nnetwork_policies:\n  \n";
    OpenDocument d = new OpenDocument("file:///x.yaml", 1, text);
    List<CompletionItem> items = LanguageCompletion.at(d, new Position(2, 2));
    assertEquals(PresetCatalog.builtIn().names(), items.stream().map(CompletionItem::getLabel).toList());
    for (CompletionItem item : items) {
      String completed = LanguageServerTest.apply(text, item.getTextEdit().getLeft());
      List<Problem> errors = LanguageDiagnostics.problems(new OpenDocument("x", 1, completed), ReadMode.STRICT)
          .stream().filter(Problem::isError).toList();
      assertEquals(List.of(), errors, item.getLabel() + ":\n" + completed);
    }
  }

  @Test
  void snippetsAreOfferedWhereANewItemStarts() {
    String text = "version: 1\nnetwork_policies:\n  a:\n    endpoints:\n      - \n";
    OpenDocument d = new OpenDocument("file:///x.yaml", 1, text);
    CompletionItem rest = LanguageCompletion.at(d, new Position(4, 8)).stream()
        .filter(i -> i.getLabel().equals("REST endpoint with rules")).findFirst().orElseThrow();
    String inserted = rest.getTextEdit().getLeft().getNewText();
    assertTrue(inserted.startsWith("host: ${1:api.example.com}\n        port: ${2:443}\n        protocol: rest\n"),
        inserted);
    assertTrue(inserted.contains("\n        rules:\n          - allow:\n              method: ${3:GET}\n"), inserted);
  }

  @Test
  void formattingLeavesCommentsJsonAndOtherKindsAlone() {
    String messy = "version: 1\nnetwork_policies: {b: {endpoints: [{host: b.example.com, port: 443}]}}\n";
    LanguageFormatting.Outcome ok = LanguageFormatting.format(new OpenDocument("x", 1, messy), ReadMode.STRICT);
    assertTrue(ok.edits().get(0).getNewText().startsWith("network_policies:\n  b:\n"), ok.toString());
    String modeline = FmtCommand.SCHEMA_MODELINE_PREFIX + DocumentKind.POLICY.schemaId();
    LanguageFormatting.Outcome kept =
        LanguageFormatting.format(new OpenDocument("x", 1, modeline + "\n" + messy), ReadMode.STRICT);
    assertTrue(kept.edits().get(0).getNewText().startsWith(modeline + "\nnetwork_policies:\n"), "the modeline is kept");
    for (String refused : List.of("version: 1 # one\n", "{\"version\": 1}\n", "preset: {name: x, description: y}\n",
        "version: [1\n")) {
      LanguageFormatting.Outcome o = LanguageFormatting.format(new OpenDocument("x", 1, refused), ReadMode.STRICT);
      assertEquals(List.of(), o.edits(), refused);
      assertTrue(o.refusal().isPresent(), refused);
    }
    assertTrue(LanguageFormatting.commentLine(new OpenDocument("x", 1, "a: \"#not\"\nb: 'x #y'\n")) < 0,
        "a # inside quotes is not a comment");
  }

  /** An MCP endpoint whose {@code mcp.versions} list has 2025-06-18 and an empty item being typed (line 11). */
  private static final String MCP_VERSIONS = "version: 1\nnetwork_policies:\n  a:\n    endpoints:\n"
      + "      - host: mcp.example.com\n        port: 443\n        protocol: mcp\n        mcp:\n"
      + "          allow_all_known_mcp_methods: true\n          versions:\n            - 2025-06-18\n"
      + "            - \n    binaries:\n      - path: /usr/bin/agent\n";

  private static String hover(String text, int line, int character) {
    return LanguageHover.at(new OpenDocument("file:///x.yaml", 1, text), new Position(line, character))
        .orElseThrow().getContents().getRight().getValue();
  }

  @Test
  void mcpVersionsAreExplainedAndCompletedFromTheClosedSet() {
    String onKey = hover(MCP_VERSIONS, 9, 12);
    assertTrue(onKey.startsWith("**versions** · list of strings\n\n"), onKey);
    assertTrue(onKey.contains("**Omitted: exactly `[\"2025-11-25\"]`**"), onKey);
    assertTrue(onKey.endsWith("Items: `2025-03-26`, `2025-06-18`, `2025-11-25` · Default: `[\"2025-11-25\"]`"),
        onKey);
    assertEquals(onKey, hover(MCP_VERSIONS, 10, 16), "on an item, the list's hover");

    OpenDocument d = new OpenDocument("file:///x.yaml", 1, MCP_VERSIONS);
    List<CompletionItem> items = LanguageCompletion.at(d, new Position(11, 14));
    assertEquals(List.of("2025-03-26", "2025-06-18", "2025-11-25"),
        items.stream().map(CompletionItem::getLabel).toList());
    for (CompletionItem item : items) {
      String completed = LanguageServerTest.apply(MCP_VERSIONS, item.getTextEdit().getLeft());
      List<String> errors = LanguageDiagnostics.problems(new OpenDocument("x", 1, completed), ReadMode.STRICT)
          .stream().filter(Problem::isError).map(Problem::code).toList();
      assertEquals(item.getLabel().equals("2025-06-18") ? List.of("mcp_version_duplicate") : List.of(), errors,
          completed);
    }
    assertFalse(LanguageCompletion.at(d, new Position(8, 10)).stream().anyMatch(i -> i.getLabel().equals("versions")),
        "written already");
    String empty = MCP_VERSIONS.substring(0, MCP_VERSIONS.indexOf("          allow_all")) + "          \n"
        + MCP_VERSIONS.substring(MCP_VERSIONS.indexOf("    binaries"));
    CompletionItem first = LanguageCompletion.at(new OpenDocument("file:///y.yaml", 1, empty), new Position(8, 10))
        .get(0);
    assertEquals("versions", first.getLabel(), "first, in the language reference's order");
    assertEquals("versions:\n            - ", first.getTextEdit().getLeft().getNewText(), "a block list starts");

    String typo = MCP_VERSIONS.replace("            - \n", "            - 2025-11-26\n");
    String fixed = fix(typo, "mcp_version_unknown", ReadMode.STRICT, "Change to '2025-11-25'");
    assertTrue(fixed.contains("            - \"2025-11-25\"\n"), "written as the writer writes it: " + fixed);
  }

  @Test
  void landlockCompatibilityIsAClosedSetWhoseEmptySpellingIsNotOffered() {
    String text = "version: 1\nfilesystem_policy:\n  read_only: [/usr]\nlandlock:\n  compatibility: strict\n";
    String onKey = hover(text, 4, 4);
    assertTrue(onKey.contains("**Any other value is an error**"), onKey);
    assertTrue(onKey.endsWith("Values: `best_effort`, `hard_requirement`, `\"\"` · Default: `best_effort`"), onKey);
    assertEquals(onKey, hover(text, 4, 20), "on the value, the key's hover");

    OpenDocument d = new OpenDocument("file:///x.yaml", 1, text);
    assertEquals(List.of("best_effort", "hard_requirement"), LanguageCompletion.at(d, new Position(4, 17)).stream()
        .map(CompletionItem::getLabel).toList());
    List<Diagnostic> ds = diagnostics(d, ReadMode.STRICT);
    List<String> titles = LanguageCodeActions.forDiagnostics(d, ds).stream().map(CodeAction::getTitle).toList();
    assertEquals(List.of("Change to 'best_effort'", "Change to 'hard_requirement'"), titles);
    fix(text, "landlock_compatibility_unknown", ReadMode.STRICT, "Change to 'best_effort'");
  }

  @Test
  void aValidPolicyIsLintedAndAnInvalidOneIsNot() {
    String redundant = endpoint("port: 443", "protocol: rest", "enforcement: enforce", "rules:",
        "  - allow: {method: GET, path: /repos/**}", "  - allow: {method: GET, path: /repos/acme/**}");
    List<Problem> problems = LanguageDiagnostics.problems(new OpenDocument("x", 1, redundant), ReadMode.STRICT);
    assertEquals(List.of("redundant_rule"), problems.stream().map(Problem::code).toList());
    Problem p = problems.get(0);
    assertEquals("/network_policies/a/endpoints/0/rules/1", p.pointer());
    assertEquals(List.of(11, 13), List.of(p.line(), p.column()), "the rule's mapping, as policyctl lint says");
    List<Diagnostic> ds = diagnostics(new OpenDocument("x", 1, redundant), ReadMode.STRICT);
    assertEquals(new Position(10, 12), ds.get(0).getRange().getStart());

    String invalid = redundant.replace("enforcement: enforce", "enforcement: enforce\n        bogus: 1");
    assertEquals(List.of("unknown_key"), codes(invalid, ReadMode.STRICT), "an invalid policy is not linted");
    String tolerated = redundant.replace("version: 1\n", "");
    assertEquals(List.of("missing_version"), codes(tolerated, ReadMode.STRICT));
    assertEquals(List.of("redundant_rule"), codes(tolerated, ReadMode.LEGACY_TOLERANT), "linted as read");
  }
}
