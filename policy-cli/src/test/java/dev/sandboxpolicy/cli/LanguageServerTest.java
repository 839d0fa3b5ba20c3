package dev.sandboxpolicy.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.google.gson.JsonObject;
import dev.sandboxpolicy.schema.DocumentKind;
import java.io.IOException;
import java.nio.channels.Channels;
import java.nio.channels.Pipe;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.eclipse.lsp4j.CodeAction;
import org.eclipse.lsp4j.CompletionItem;
import org.eclipse.lsp4j.CompletionItemKind;
import org.eclipse.lsp4j.Diagnostic;
import org.eclipse.lsp4j.DiagnosticSeverity;
import org.eclipse.lsp4j.Hover;
import org.eclipse.lsp4j.InitializeResult;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.PublishDiagnosticsParams;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.TextDocumentSyncKind;
import org.eclipse.lsp4j.TextEdit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;

/**
 * The language server driven in-process by an LSP4J client over pipes, as an editor drives it: the diagnostics are
 * those of {@code policyctl validate} (checked on every example of docs/validation-codes.md), edits are debounced
 * and the last version wins, and hover, completion, quick fixes and formatting answer from the language reference.
 */
class LanguageServerTest {

  private static final Path ROOT = Path.of(System.getProperty("sandboxpolicy.root", ".."));

  @TempDir Path dir;

  private LspSession session;
  private CompletableFuture<Integer> status;

  @BeforeEach
  void start() throws IOException {
    start(new JsonObject());
  }

  private void start(JsonObject options) throws IOException {
    Pipe toServer = Pipe.open();
    Pipe toClient = Pipe.open();
    CompletableFuture<Integer> served = new CompletableFuture<>();
    Thread server = new Thread(() -> served.complete(PolicyLanguageServer.serve(
        Channels.newInputStream(toServer.source()), Channels.newOutputStream(toClient.sink()))), "lsp-test-server");
    server.setDaemon(true);
    server.start();
    status = served;
    // closing the session ends the server's input and, once the server is done, the client's
    session = new LspSession(Channels.newInputStream(toClient.source()), Channels.newOutputStream(toServer.sink()),
        toServer.sink(), toClient.sink());
    options.addProperty("debounceMillis", 20);
    InitializeResult init = session.initialize(options);
    assertEquals("policyctl", init.getServerInfo().getName());
    assertEquals(LibraryVersion.get(), init.getServerInfo().getVersion());
  }

  @AfterEach
  void stop() throws Exception {
    if (!status.isDone()) {
      session.shutdownAndExit();
      assertEquals(0, status.get(LspSession.TIMEOUT_SECONDS, TimeUnit.SECONDS), "exit after shutdown is status 0");
    }
    session.close();
  }

  private static String uri(String name) {
    return "file:///work/" + name;
  }

  @Test
  void initializeAnnouncesTheFeatures() throws IOException {
    session.shutdownAndExit();
    session.close();
    start(new JsonObject());
    InitializeResult init = session.initialize(new JsonObject());
    var caps = init.getCapabilities();
    assertEquals(TextDocumentSyncKind.Incremental, caps.getTextDocumentSync().getRight().getChange());
    assertTrue(caps.getHoverProvider().getLeft());
    assertNotNull(caps.getCompletionProvider());
    assertTrue(caps.getDocumentFormattingProvider().getLeft());
    assertEquals(List.of("quickfix"), caps.getCodeActionProvider().getRight().getCodeActionKinds());
  }

  // ------------------------------------------------------------------------------------------ diagnostics

  /** A document of validation-codes.md: its kind, whether it is read leniently, its text. */
  record Example(DocumentKind kind, boolean lenient, String text) {}

  /** Every YAML example of docs/validation-codes.md that says which kind of document it is. */
  static List<Example> examples() throws IOException {
    Path doc = ROOT.resolve("docs/validation-codes.md");
    assumeTrue(Files.isRegularFile(doc), "docs/validation-codes.md is beside this module");
    List<Example> out = new ArrayList<>();
    String[] blocks = Files.readString(doc).split("```yaml\n");
    for (int i = 1; i < blocks.length; i++) {
      String block = blocks[i].substring(0, blocks[i].indexOf("```"));
      String first = block.substring(0, block.indexOf('\n'));
      for (DocumentKind kind : DocumentKind.values()) {
        if (first.startsWith("# " + kind.wireName())) {
          out.add(new Example(kind, first.contains("lenient"), block));
        }
      }
    }
    return out;
  }

  @Test
  void diagnosticsAreWhatValidateAndLintPrintForEveryDocumentedExample() throws Exception {
    List<Example> examples = examples();
    assertTrue(examples.size() > 80, "the documented examples were found: " + examples.size());
    int n = 0;
    int lintWarnings = 0;
    for (boolean lenientMode : List.of(false, true)) {
      if (lenientMode) {
        session.shutdownAndExit();
        session.close();
        JsonObject options = new JsonObject();
        options.addProperty("legacyTolerant", true);
        start(options);
      }
      for (Example e : examples) {
        if (e.lenient() != lenientMode) {
          continue;
        }
        // the first line names the schema instead of "# kind", so the server knows the kind; lines stay the same
        String text = FmtCommand.SCHEMA_MODELINE_PREFIX + e.kind().schemaId() + e.text().substring(
            e.text().indexOf('\n'));
        String name = "example" + (n++) + ".yaml";
        CliRun.write(dir, name, text);
        List<String> args = new ArrayList<>(List.of("validate", "--json", "--kind", e.kind().wireName(), name));
        if (lenientMode) {
          args.add("--legacy-tolerant");
        }
        CliRun validate = CliRun.run(dir, args.toArray(String[]::new));
        ArrayNode problems = (ArrayNode) Json.MAPPER.readTree(validate.out()).get("files").get(0).get("problems");
        boolean valid = true;
        for (JsonNode p : problems) {
          valid &= !p.get("severity").asString().equals("error");
        }
        int validated = problems.size();
        if (e.kind() == DocumentKind.POLICY && valid) {
          // and the lint of a valid policy, as policyctl lint prints it
          List<String> lintArgs = new ArrayList<>(List.of("lint", "--json", name));
          if (lenientMode) {
            lintArgs.add("--legacy-tolerant");
          }
          CliRun lint = CliRun.run(dir, lintArgs.toArray(String[]::new));
          JsonNode linted = Json.MAPPER.readTree(lint.out()).get("problems");
          linted.forEach(problems::add);
          lintWarnings += linted.size();
        }
        session.open(uri(name), 1, text);
        List<Diagnostic> diagnostics = session.awaitDiagnostics(uri(name), 1);
        if (problems.size() > validated) {
          // validation is published at once; lint follows, published again with the validation's diagnostics
          assertEquals(validated, diagnostics.size(), "validation first: " + text);
          diagnostics = session.awaitDiagnostics(uri(name), 1);
        }
        List<Diagnostic> shown = diagnostics;
        assertEquals(problems.size(), diagnostics.size(), () -> text + "\n" + validate + "\n" + shown);
        for (int i = 0; i < diagnostics.size(); i++) {
          JsonNode p = problems.get(i);
          Diagnostic d = diagnostics.get(i);
          String where = text + "\nproblem " + p + "\ndiagnostic " + d;
          assertEquals(p.get("code").asString(), d.getCode().getLeft(), where);
          assertEquals(p.get("message").asString(), d.getMessage(), where);
          assertEquals(p.get("severity").asString().equals("error")
              ? DiagnosticSeverity.Error : DiagnosticSeverity.Warning, d.getSeverity(), where);
          assertEquals(p.get("pointer").asString(), LanguageDiagnostics.pointer(d), where);
          int line = p.get("line").isNull() ? 1 : p.get("line").asInt();
          int column = p.get("column").isNull() ? 1 : p.get("column").asInt();
          assertEquals(line - 1, d.getRange().getStart().getLine(), where);
          assertEquals(column - 1, d.getRange().getStart().getCharacter(), where);
          assertEquals("policyctl", d.getSource());
        }
        session.close(uri(name));
      }
    }
    // redundant_rule, unreachable_deny_rule, redundant_entry: each documented with a policy that has it
    assertTrue(lintWarnings >= 3, "the lint examples were linted: " + lintWarnings);
  }

  @Test
  void aTokenRangeRunsToTheEndOfTheValueAndAColumnCountsCodePoints() {
    String text = """
        version: 1
        network_policies:
          "😀":
            endpoints:
              - host: api.example.com
                port: "443"
            binaries:
              - path: /usr/bin/curl
        """;
    session.open(uri("a.yaml"), 1, text);
    List<Diagnostic> diagnostics = session.awaitDiagnostics(uri("a.yaml"), 1);
    Diagnostic wrongType = diagnostics.stream().filter(d -> d.getCode().getLeft().equals("wrong_type")).findFirst()
        .orElseThrow(() -> new AssertionError(diagnostics));
    assertEquals(new Range(new Position(5, 14), new Position(5, 19)), wrongType.getRange(), "\"443\" with quotes");

    String emoji = "version: 1\nnetwork_policies: {\"😀\": {endpoints: [{host: a.example.com, port: 443, bogus: 1}]}}\n";
    session.open(uri("b.yaml"), 1, emoji);
    Diagnostic unknown = session.awaitDiagnostics(uri("b.yaml"), 1).stream()
        .filter(d -> d.getCode().getLeft().equals("unknown_key")).findFirst().orElseThrow();
    String line = emoji.split("\n")[1];
    assertEquals(line.indexOf("1}"), unknown.getRange().getStart().getCharacter(),
        "the emoji is two UTF-16 units but one column");
  }

  @Test
  void changesAreDebouncedAndTheLastVersionWins() {
    String valid = CliRun.POLICY;
    session.open(uri("p.yaml"), 1, valid);
    assertEquals(List.of(), session.awaitDiagnostics(uri("p.yaml"), 1));

    // an incremental edit: "port: 443" of pypi becomes "port: 70000"
    List<String> lines = valid.lines().toList();
    int portLine = lines.size() - 1;
    while (!lines.get(portLine).strip().equals("port: 443")) {
      portLine--;
    }
    int at = lines.get(portLine).indexOf("443");
    session.change(uri("p.yaml"), 2, new Range(new Position(portLine, at), new Position(portLine, at + 3)), "70000");
    List<Diagnostic> two = session.awaitDiagnostics(uri("p.yaml"), 2);
    assertEquals(List.of("integer_out_of_range"), two.stream().map(d -> d.getCode().getLeft()).toList());
    assertEquals(portLine, two.get(0).getRange().getStart().getLine());

    // a burst of whole-text changes: whatever is published, versions only go up and the last one is published
    for (int v = 3; v <= 12; v++) {
      String text = v % 2 == 0 ? valid : valid.replace("port: 443", "port: \"443\"");
      session.change(uri("p.yaml"), v, null, text);
    }
    List<Integer> versions = new ArrayList<>();
    PublishDiagnosticsParams last = session.awaitDiagnostics(uri("p.yaml"), p -> {
      versions.add(p.getVersion());
      return p.getVersion() == 12;
    });
    assertEquals(List.of(), last.getDiagnostics(), "version 12 is the valid text");
    for (int i = 1; i < versions.size(); i++) {
      assertTrue(versions.get(i) > versions.get(i - 1), "versions only go up: " + versions);
    }
  }

  @Test
  void theLegacyTolerantReadingIsASettingWithTheCommandLinesAlias() throws IOException {
    for (String name : List.of("legacyTolerant", "lenient", "neither")) {
      session.shutdownAndExit();
      session.close();
      JsonObject options = new JsonObject();
      options.addProperty(name, true);
      start(options);
      session.open(uri("t.yaml"), 1, "network_policies: {}\n");
      List<String> codes = session.awaitDiagnostics(uri("t.yaml"), 1).stream().map(d -> d.getCode().getLeft())
          .toList();
      // strict (the default) requires version; the tolerant reading does not
      assertEquals(name.equals("neither") ? List.of("missing_version") : List.of(), codes, name);
    }
  }

  @Test
  void closingADocumentClearsItsDiagnostics() {
    session.open(uri("c.yaml"), 1, "network_policies: {}\n");
    assertEquals(List.of("missing_version"),
        session.awaitDiagnostics(uri("c.yaml"), 1).stream().map(d -> d.getCode().getLeft()).toList());
    session.close(uri("c.yaml"));
    PublishDiagnosticsParams cleared = session.awaitDiagnostics(uri("c.yaml"), p -> true);
    assertEquals(List.of(), cleared.getDiagnostics());
  }

  // ------------------------------------------------------------------------------------------ hover

  private static final String ENDPOINT = """
      version: 1
      network_policies:
        github:
          endpoints:
            - host: api.github.com
              port: 443
              protocol: rest
              enforcement: enforce
              acess: read-only
          binaries:
            - path: /usr/bin/gh
      """;

  private static String hoverText(Hover h) {
    assertNotNull(h, "a hover");
    return h.getContents().getRight().getValue();
  }

  @Test
  void hoverExplainsKeysFromTheLanguageReference() {
    session.open(uri("h.yaml"), 1, ENDPOINT);
    String enforcement = hoverText(session.hover(uri("h.yaml"), 7, 10));
    assertTrue(enforcement.startsWith("**enforcement** · string"), enforcement);
    assertTrue(enforcement.contains("Default: `audit`"), enforcement);
    assertTrue(enforcement.contains("`enforce`"), enforcement);

    String host = hoverText(session.hover(uri("h.yaml"), 4, 10));
    assertTrue(host.startsWith("**host** · string"), host);
    String port = hoverText(session.hover(uri("h.yaml"), 5, 16)); // on the value 443
    assertTrue(port.startsWith("**port** · integer"), port);
    String binaries = hoverText(session.hover(uri("h.yaml"), 9, 6));
    assertTrue(binaries.startsWith("**binaries** · list"), binaries);
    String entry = hoverText(session.hover(uri("h.yaml"), 2, 4));
    assertTrue(entry.startsWith("**github** *(a name you choose)*"), entry);

    assertNull(session.hover(uri("h.yaml"), 8, 10), "an unknown key has no hover");
  }

  // ------------------------------------------------------------------------------------------ completion

  private static List<String> labels(List<CompletionItem> items) {
    return items.stream().map(CompletionItem::getLabel).toList();
  }

  @Test
  void completionOffersTheKeysNotYetWrittenAndTheValuesOfClosedSets() {
    String text = """
        version: 1
        network_policies:
          github:
            endpoints:
              - host: api.github.com
                port: 443
                prot
                access:\s
        """;
    session.open(uri("c.yaml"), 1, text);
    List<String> keys = labels(session.completion(uri("c.yaml"), 6, 12));
    assertTrue(keys.containsAll(List.of("protocol", "enforcement", "tls", "rules")), keys.toString());
    assertFalse(keys.contains("host") || keys.contains("port") || keys.contains("access"), "already written: " + keys);
    CompletionItem protocol = session.completion(uri("c.yaml"), 6, 12).stream()
        .filter(i -> i.getLabel().equals("protocol")).findFirst().orElseThrow();
    assertEquals(new TextEdit(new Range(new Position(6, 8), new Position(6, 12)), "protocol: "),
        protocol.getTextEdit().getLeft());

    assertEquals(List.of("read-only", "read-write", "full"), labels(session.completion(uri("c.yaml"), 7, 16)));
  }

  @Test
  void completionOffersProtocolsAndBuiltInPresets() {
    String text = "version: 1\nnetwork_policies:\n  \n  a:\n    endpoints:\n      - protocol: \n";
    session.open(uri("d.yaml"), 1, text);
    List<String> protocols = labels(session.completion(uri("d.yaml"), 5, 18));
    assertTrue(protocols.containsAll(List.of("rest", "websocket", "graphql", "sql", "json-rpc", "mcp", "tcp")),
        protocols.toString());
    List<String> presets = labels(session.completion(uri("d.yaml"), 2, 2));
    assertTrue(presets.containsAll(dev.sandboxpolicy.merge.PresetCatalog.builtIn().names()), presets.toString());
  }

  // ------------------------------------------------------------------------------ flow style and JSON

  private static final String FLOW = """
      version: 1
      network_policies:
        github:
          endpoints: [{host: api.github.com, port: 443, protocol: rest}]
          binaries:
            - path: /usr/bin/gh
      """;

  @Test
  void hoverFollowsFlowMappingsInsideFlowSequences() {
    session.open(uri("f.yaml"), 1, FLOW);
    Hover onKey = session.hover(uri("f.yaml"), 3, 40); // on "port"
    assertTrue(hoverText(onKey).startsWith("**port** · integer"), hoverText(onKey));
    assertEquals(new Range(new Position(3, 39), new Position(3, 43)), onKey.getRange());
    Hover onValue = session.hover(uri("f.yaml"), 3, 46); // on 443
    assertTrue(hoverText(onValue).startsWith("**port** · integer"), hoverText(onValue));
    assertEquals(new Range(new Position(3, 45), new Position(3, 48)), onValue.getRange());
    assertTrue(hoverText(session.hover(uri("f.yaml"), 3, 18)).startsWith("**host** · string"));
    String rest = hoverText(session.hover(uri("f.yaml"), 3, 61));
    assertTrue(rest.startsWith("**protocol** · string"), rest); // on the value rest
    // neighbours: the block key the flow value belongs to, and the block lines after it, are unchanged
    assertTrue(hoverText(session.hover(uri("f.yaml"), 3, 6)).startsWith("**endpoints** · list"));
    assertTrue(hoverText(session.hover(uri("f.yaml"), 4, 6)).startsWith("**binaries** · list"));
    assertTrue(hoverText(session.hover(uri("f.yaml"), 5, 10)).startsWith("**path**"));
  }

  @Test
  void completionBetweenFlowEntriesOffersTheKeysNotWrittenOnTheLine() {
    session.open(uri("g.yaml"), 1, FLOW);
    List<CompletionItem> between = session.completion(uri("g.yaml"), 3, 38); // after "api.github.com, "
    List<String> keys = labels(between);
    assertTrue(keys.containsAll(List.of("access", "enforcement", "tls", "rules")), keys.toString());
    assertFalse(keys.contains("host") || keys.contains("port") || keys.contains("protocol"), keys.toString());
    assertFalse(between.stream().anyMatch(i -> i.getKind() == CompletionItemKind.Snippet), "no block snippets");
    CompletionItem access = between.stream().filter(i -> i.getLabel().equals("access")).findFirst().orElseThrow();
    assertEquals(new TextEdit(new Range(new Position(3, 38), new Position(3, 38)), "access: "),
        access.getTextEdit().getLeft());
  }

  @Test
  void completionInAHalfTypedFlowMappingOffersKeysAndClosedSets() {
    String head = "version: 1\nnetwork_policies:\n  github:\n    endpoints: [{host: a.com, ";
    session.open(uri("k.yaml"), 1, head + "\n");
    List<String> keys = labels(session.completion(uri("k.yaml"), 3, 30));
    assertTrue(keys.containsAll(List.of("port", "protocol", "access")), keys.toString());
    assertFalse(keys.contains("host"), keys.toString());

    session.open(uri("p.yaml"), 1, head + "prot\n");
    CompletionItem protocol = session.completion(uri("p.yaml"), 3, 34).stream()
        .filter(i -> i.getLabel().equals("protocol")).findFirst().orElseThrow();
    assertEquals(new TextEdit(new Range(new Position(3, 30), new Position(3, 34)), "protocol: "),
        protocol.getTextEdit().getLeft());

    session.open(uri("v.yaml"), 1, head + "protocol: \n");
    List<String> values = labels(session.completion(uri("v.yaml"), 3, 40));
    assertTrue(values.containsAll(List.of("rest", "websocket", "graphql", "tcp")), values.toString());
    session.open(uri("w.yaml"), 1, head + "access: }]\n"); // closed by the editor
    assertEquals(List.of("read-only", "read-write", "full"), labels(session.completion(uri("w.yaml"), 3, 38)));
    // a neighbour in block style: the value of the key the flow sequence belongs to is not a closed set
    session.open(uri("b.yaml"), 1, "version: 1\nnetwork_policies:\n  github:\n    endpoints:\n"
        + "      - host: a.com\n        access: \n");
    assertEquals(List.of("read-only", "read-write", "full"), labels(session.completion(uri("b.yaml"), 5, 16)));
  }

  private static final String JSON = """
      {
        "version": 1,
        "network_policies": {
          "github": {
            "endpoints": [
              {"host": "api.github.com", "port": 443, "protocol": "rest"}
            ]
          }
        }
      }
      """;

  @Test
  void hoverAndCompletionFollowJsonDocuments() {
    session.open(uri("j.json"), 1, JSON);
    assertTrue(hoverText(session.hover(uri("j.json"), 5, 37)).startsWith("**port** · integer"));
    assertTrue(hoverText(session.hover(uri("j.json"), 5, 44)).startsWith("**port** · integer")); // on 443
    assertTrue(hoverText(session.hover(uri("j.json"), 3, 6)).startsWith("**github** *(a name you choose)*"));
    assertTrue(hoverText(session.hover(uri("j.json"), 1, 5)).startsWith("**version**"));

    String keysAt = JSON.replace("\"port\": 443, \"protocol\": \"rest\"}", "}");
    session.open(uri("k.json"), 1, keysAt);
    List<CompletionItem> items = session.completion(uri("k.json"), 5, 35); // after "api.github.com", 
    assertFalse(labels(items).contains("host"), labels(items).toString());
    CompletionItem protocol = items.stream().filter(i -> i.getLabel().equals("protocol")).findFirst().orElseThrow();
    assertEquals("\"protocol\": ", protocol.getTextEdit().getLeft().getNewText());

    String valueAt = JSON.replace("\"port\": 443, \"protocol\": \"rest\"}", "\"access\": }");
    session.open(uri("v.json"), 1, valueAt);
    List<CompletionItem> values = session.completion(uri("v.json"), 5, 45);
    assertEquals(List.of("read-only", "read-write", "full"), labels(values));
    assertEquals("\"read-only\"", values.get(0).getTextEdit().getLeft().getNewText());
  }

  // ------------------------------------------------------------------------------------------ code actions

  /** {@code text} with {@code edit} applied. */
  static String apply(String text, TextEdit edit) {
    OpenDocument d = new OpenDocument("x", 0, text);
    int start = d.offset(edit.getRange().getStart());
    int end = d.offset(edit.getRange().getEnd());
    return text.substring(0, start) + edit.getNewText() + text.substring(end);
  }

  @Test
  void anUnknownKeyGetsDidYouMeanWithAnEdit() {
    session.open(uri("k.yaml"), 1, ENDPOINT);
    List<Diagnostic> diagnostics = session.awaitDiagnostics(uri("k.yaml"), 1);
    Diagnostic unknown = diagnostics.stream().filter(d -> d.getCode().getLeft().equals("unknown_key")).findFirst()
        .orElseThrow(() -> new AssertionError(diagnostics));
    List<CodeAction> actions = session.codeActions(uri("k.yaml"), List.of(unknown));
    assertEquals(1, actions.size(), actions.toString());
    CodeAction fix = actions.get(0);
    assertEquals("Did you mean 'access'? (rename 'acess')", fix.getTitle());
    assertTrue(fix.getIsPreferred());
    TextEdit edit = fix.getEdit().getChanges().get(uri("k.yaml")).get(0);
    String fixed = apply(ENDPOINT, edit);
    assertTrue(fixed.contains("        access: read-only\n"), fixed);
    CliRun.write(dir, "fixed.yaml", fixed);
    assertEquals(0, CliRun.run(dir, "validate", "fixed.yaml").status(), fixed);
  }

  // ------------------------------------------------------------------------------------------ formatting

  @Test
  void formattingIsFmtAndNeverDropsComments() throws IOException {
    String messy = "network_policies:\n  b: {endpoints: [{host: b.example.com, port: 443}], binaries: [{path: /b}]}\n"
        + "version: 1\n";
    session.open(uri("f.yaml"), 1, messy);
    List<? extends TextEdit> edits = session.format(uri("f.yaml"));
    assertEquals(1, edits.size());
    CliRun.write(dir, "f.yaml", messy);
    assertEquals(CliRun.run(dir, "fmt", "f.yaml").out(), edits.get(0).getNewText());
    assertEquals(CliRun.run(dir, "fmt", "f.yaml").out(), apply(messy, edits.get(0)));

    session.open(uri("g.yaml"), 1, "# keep me\n" + messy);
    assertEquals(List.of(), session.format(uri("g.yaml")));
    assertTrue(session.messages.stream().anyMatch(m -> m.getMessage().contains("line 1 has one")),
        session.messages.toString());
  }

  @Test
  void exitWithoutShutdownIsStatusOne() throws Exception {
    session.server.exit();
    assertEquals(1, status.get(LspSession.TIMEOUT_SECONDS, TimeUnit.SECONDS));
  }
}
