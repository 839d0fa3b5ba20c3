package dev.sandboxpolicy.cli;

import dev.sandboxpolicy.io.ReadMode;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.eclipse.lsp4j.CodeAction;
import org.eclipse.lsp4j.CodeActionParams;
import org.eclipse.lsp4j.Command;
import org.eclipse.lsp4j.CompletionItem;
import org.eclipse.lsp4j.CompletionList;
import org.eclipse.lsp4j.CompletionParams;
import org.eclipse.lsp4j.DidChangeTextDocumentParams;
import org.eclipse.lsp4j.DidCloseTextDocumentParams;
import org.eclipse.lsp4j.DidOpenTextDocumentParams;
import org.eclipse.lsp4j.DiagnosticSeverity;
import org.eclipse.lsp4j.DidSaveTextDocumentParams;
import org.eclipse.lsp4j.DocumentFormattingParams;
import org.eclipse.lsp4j.Hover;
import org.eclipse.lsp4j.HoverParams;
import org.eclipse.lsp4j.MessageParams;
import org.eclipse.lsp4j.MessageType;
import org.eclipse.lsp4j.PublishDiagnosticsParams;
import org.eclipse.lsp4j.TextEdit;
import org.eclipse.lsp4j.jsonrpc.messages.Either;
import org.eclipse.lsp4j.services.LanguageClient;
import org.eclipse.lsp4j.services.TextDocumentService;

/**
 * The text-document half of the language server: keeps the open documents (full or incremental sync), has them
 * checked through the {@link DiagnosticsScheduler} (at once on open, debounced on change), and answers hover,
 * completion, code actions and formatting from the latest text.
 *
 * <p>Every answer is computed on the protocol thread from an immutable {@link OpenDocument}. A failure inside a
 * feature never reaches the editor as an error: it is logged to the editor's output (one line, no stack trace) and
 * the feature answers with nothing.
 */
final class PolicyTextDocuments implements TextDocumentService, AutoCloseable {

  private final Map<String, OpenDocument> open = new ConcurrentHashMap<>();
  private final DiagnosticsScheduler diagnostics;
  private volatile ReadMode mode = ReadMode.STRICT;
  private volatile LanguageClient client;

  PolicyTextDocuments() {
    // validation first, published at once; then lint (slower), published again with it when it finds something
    this.diagnostics = new DiagnosticsScheduler(
        open::get,
        document -> LanguageDiagnostics.diagnostics(document, LanguageDiagnostics.validation(document, mode)),
        (document, validated) -> LanguageDiagnostics.diagnostics(document, LanguageDiagnostics.lintIfValid(document,
            mode, validated.stream().noneMatch(d -> d.getSeverity() == DiagnosticSeverity.Error))),
        this::publish,
        e -> log("diagnostics", e));
  }

  void connect(LanguageClient client) {
    this.client = client;
  }

  /** How documents are read: strict (the default, as {@code policyctl validate}) or legacy tolerant. */
  void mode(ReadMode mode) {
    this.mode = mode;
  }

  void debounceMillis(long millis) {
    diagnostics.debounceMillis(millis);
  }

  @Override
  public void didOpen(DidOpenTextDocumentParams params) {
    var item = params.getTextDocument();
    OpenDocument document = new OpenDocument(item.getUri(), item.getVersion(), item.getText());
    open.put(document.uri(), document);
    diagnostics.now(document);
  }

  @Override
  public void didChange(DidChangeTextDocumentParams params) {
    String uri = params.getTextDocument().getUri();
    OpenDocument before = open.get(uri);
    if (before == null) {
      return; // a change to a document never opened: nothing to apply it to
    }
    OpenDocument after = before.edited(params.getTextDocument().getVersion(), params.getContentChanges());
    open.put(uri, after);
    diagnostics.later(after);
  }

  @Override
  public void didClose(DidCloseTextDocumentParams params) {
    String uri = params.getTextDocument().getUri();
    open.remove(uri);
    diagnostics.cancel(uri);
    publish(new PublishDiagnosticsParams(uri, List.of()));
  }

  @Override
  public void didSave(DidSaveTextDocumentParams params) {
    // the text is checked on every change already
  }

  @Override
  public CompletableFuture<Hover> hover(HoverParams params) {
    return answer("hover", params.getTextDocument().getUri(), null,
        document -> LanguageHover.at(document, params.getPosition()).orElse(null));
  }

  @Override
  public CompletableFuture<Either<List<CompletionItem>, CompletionList>> completion(CompletionParams params) {
    return answer("completion", params.getTextDocument().getUri(), Either.forLeft(List.of()),
        document -> Either.forLeft(LanguageCompletion.at(document, params.getPosition())));
  }

  @Override
  public CompletableFuture<List<Either<Command, CodeAction>>> codeAction(CodeActionParams params) {
    return answer("codeAction", params.getTextDocument().getUri(), List.of(),
        document -> LanguageCodeActions.forDiagnostics(document, params.getContext().getDiagnostics()).stream()
            .map(Either::<Command, CodeAction>forRight).toList());
  }

  @Override
  public CompletableFuture<List<? extends TextEdit>> formatting(DocumentFormattingParams params) {
    return answer("formatting", params.getTextDocument().getUri(), List.of(), document -> {
      LanguageFormatting.Outcome outcome = LanguageFormatting.format(document, mode);
      outcome.refusal().ifPresent(why -> message(MessageType.Warning, why));
      return outcome.edits();
    });
  }

  /** Answers from the open document {@code uri}, or with {@code none} when it is not open or the feature fails. */
  private <T> CompletableFuture<T> answer(String feature, String uri, T none,
      java.util.function.Function<OpenDocument, T> compute) {
    OpenDocument document = open.get(uri);
    if (document == null) {
      return CompletableFuture.completedFuture(none);
    }
    return CompletableFuture.completedFuture(guarded(feature, none, () -> compute.apply(document)));
  }

  private <T> T guarded(String feature, T none, Supplier<T> compute) {
    try {
      T result = compute.get();
      return result == null ? none : result;
    } catch (RuntimeException e) {
      log(feature, e);
      return none;
    }
  }

  private void publish(PublishDiagnosticsParams params) {
    LanguageClient c = client;
    if (c != null) {
      c.publishDiagnostics(params);
    }
  }

  private void message(MessageType type, String text) {
    LanguageClient c = client;
    if (c != null) {
      c.showMessage(new MessageParams(type, "policyctl: " + text));
    }
  }

  private void log(String feature, RuntimeException e) {
    LanguageClient c = client;
    if (c != null) {
      c.logMessage(new MessageParams(MessageType.Error,
          "policyctl lsp: internal error in " + feature + ": " + e + " (please report this)"));
    }
  }

  /** The open document {@code uri}, if any (for tests). */
  Optional<OpenDocument> document(String uri) {
    return Optional.ofNullable(open.get(uri));
  }

  @Override
  public void close() {
    diagnostics.close();
  }
}
