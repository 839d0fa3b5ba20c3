package dev.sandboxpolicy.cli;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.google.gson.JsonObject;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.eclipse.lsp4j.ClientCapabilities;
import org.eclipse.lsp4j.CodeAction;
import org.eclipse.lsp4j.CodeActionContext;
import org.eclipse.lsp4j.CodeActionParams;
import org.eclipse.lsp4j.CompletionItem;
import org.eclipse.lsp4j.CompletionParams;
import org.eclipse.lsp4j.Diagnostic;
import org.eclipse.lsp4j.DidChangeTextDocumentParams;
import org.eclipse.lsp4j.DidCloseTextDocumentParams;
import org.eclipse.lsp4j.DidOpenTextDocumentParams;
import org.eclipse.lsp4j.DocumentFormattingParams;
import org.eclipse.lsp4j.FormattingOptions;
import org.eclipse.lsp4j.Hover;
import org.eclipse.lsp4j.HoverParams;
import org.eclipse.lsp4j.InitializeParams;
import org.eclipse.lsp4j.InitializeResult;
import org.eclipse.lsp4j.InitializedParams;
import org.eclipse.lsp4j.MessageActionItem;
import org.eclipse.lsp4j.MessageParams;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.PublishDiagnosticsParams;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.ShowMessageRequestParams;
import org.eclipse.lsp4j.TextDocumentContentChangeEvent;
import org.eclipse.lsp4j.TextDocumentIdentifier;
import org.eclipse.lsp4j.TextDocumentItem;
import org.eclipse.lsp4j.TextEdit;
import org.eclipse.lsp4j.VersionedTextDocumentIdentifier;
import org.eclipse.lsp4j.jsonrpc.Launcher;
import org.eclipse.lsp4j.jsonrpc.messages.Either;
import org.eclipse.lsp4j.launch.LSPLauncher;
import org.eclipse.lsp4j.services.LanguageClient;
import org.eclipse.lsp4j.services.LanguageServer;

/**
 * An LSP4J client connected to a {@code policyctl lsp} server over two streams (pipes to a server in this JVM, or
 * a process's standard input and output): what an editor does, as blocking calls with a time limit, and the
 * server's notifications collected for the test to wait on.
 */
final class LspSession implements AutoCloseable {

  /** Long enough for a busy shared build machine; the calls take milliseconds when it is quiet. */
  static final long TIMEOUT_SECONDS = 60;

  final LanguageServer server;
  final LinkedBlockingQueue<PublishDiagnosticsParams> diagnostics = new LinkedBlockingQueue<>();
  final List<MessageParams> messages = Collections.synchronizedList(new ArrayList<>());
  final List<MessageParams> logs = Collections.synchronizedList(new ArrayList<>());
  private final ExecutorService threads;
  private final List<java.io.Closeable> resources;

  /** A client reading the server's output from {@code fromServer} and writing to {@code toServer}; closing the
   * session closes {@code resources} (the streams, a process), which ends both sides' reading threads. */
  LspSession(InputStream fromServer, OutputStream toServer, java.io.Closeable... resources) {
    this.resources = List.of(resources);
    threads = Executors.newCachedThreadPool(r -> {
      Thread t = new Thread(r, "lsp-test-client");
      t.setDaemon(true);
      return t;
    });
    Launcher<LanguageServer> launcher = new LSPLauncher.Builder<LanguageServer>()
        .setLocalService(new Client())
        .setRemoteInterface(LanguageServer.class)
        .setInput(fromServer)
        .setOutput(toServer)
        .setExecutorService(threads)
        .create();
    launcher.startListening();
    server = launcher.getRemoteProxy();
  }

  InitializeResult initialize(JsonObject options) {
    InitializeParams params = new InitializeParams();
    params.setCapabilities(new ClientCapabilities());
    params.setInitializationOptions(options);
    params.setProcessId((int) ProcessHandle.current().pid());
    InitializeResult result = get(server.initialize(params));
    server.initialized(new InitializedParams());
    return result;
  }

  void open(String uri, int version, String text) {
    server.getTextDocumentService().didOpen(
        new DidOpenTextDocumentParams(new TextDocumentItem(uri, "yaml", version, text)));
  }

  void change(String uri, int version, Range range, String text) {
    TextDocumentContentChangeEvent change = range == null
        ? new TextDocumentContentChangeEvent(text) : new TextDocumentContentChangeEvent(range, text);
    server.getTextDocumentService().didChange(
        new DidChangeTextDocumentParams(new VersionedTextDocumentIdentifier(uri, version), List.of(change)));
  }

  void close(String uri) {
    server.getTextDocumentService().didClose(new DidCloseTextDocumentParams(new TextDocumentIdentifier(uri)));
  }

  /** Waits for the diagnostics of {@code uri} that satisfy {@code wanted}, skipping others. */
  PublishDiagnosticsParams awaitDiagnostics(String uri, Predicate<PublishDiagnosticsParams> wanted) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_SECONDS);
    while (true) {
      long left = deadline - System.nanoTime();
      PublishDiagnosticsParams p;
      try {
        p = diagnostics.poll(Math.max(0, left), TimeUnit.NANOSECONDS);
      } catch (InterruptedException e) {
        throw new AssertionError(e);
      }
      assertNotNull(p, "diagnostics of " + uri + " within " + TIMEOUT_SECONDS + " s");
      if (p.getUri().equals(uri) && wanted.test(p)) {
        return p;
      }
    }
  }

  /** The diagnostics published for {@code uri} at {@code version}. */
  List<Diagnostic> awaitDiagnostics(String uri, int version) {
    return awaitDiagnostics(uri, p -> p.getVersion() != null && p.getVersion() == version).getDiagnostics();
  }

  Hover hover(String uri, int line, int character) {
    return get(server.getTextDocumentService().hover(
        new HoverParams(new TextDocumentIdentifier(uri), new Position(line, character))));
  }

  List<CompletionItem> completion(String uri, int line, int character) {
    Either<List<CompletionItem>, org.eclipse.lsp4j.CompletionList> result = get(server.getTextDocumentService()
        .completion(new CompletionParams(new TextDocumentIdentifier(uri), new Position(line, character))));
    return result.isLeft() ? result.getLeft() : result.getRight().getItems();
  }

  List<CodeAction> codeActions(String uri, List<Diagnostic> diagnostics) {
    Range range = diagnostics.isEmpty() ? new Range(new Position(0, 0), new Position(0, 0))
        : diagnostics.get(0).getRange();
    return get(server.getTextDocumentService().codeAction(
        new CodeActionParams(new TextDocumentIdentifier(uri), range, new CodeActionContext(diagnostics))))
        .stream().filter(Either::isRight).map(Either::getRight).toList();
  }

  List<? extends TextEdit> format(String uri) {
    return get(server.getTextDocumentService().formatting(
        new DocumentFormattingParams(new TextDocumentIdentifier(uri), new FormattingOptions(2, true))));
  }

  /** Sends {@code shutdown} (and waits for its answer), then {@code exit}. */
  void shutdownAndExit() {
    get(server.shutdown());
    server.exit();
  }

  static <T> T get(CompletableFuture<T> future) {
    try {
      return future.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError("the server did not answer: " + e, e);
    }
  }

  @Override
  public void close() {
    for (java.io.Closeable c : resources) {
      try {
        c.close();
      } catch (java.io.IOException e) {
        // closing is best effort: the reading threads are daemons
      }
    }
    threads.shutdown();
  }

  /** The editor side: collects what the server sends. */
  private final class Client implements LanguageClient {
    @Override
    public void telemetryEvent(Object object) {}

    @Override
    public void publishDiagnostics(PublishDiagnosticsParams params) {
      diagnostics.add(params);
    }

    @Override
    public void showMessage(MessageParams message) {
      messages.add(message);
    }

    @Override
    public CompletableFuture<MessageActionItem> showMessageRequest(ShowMessageRequestParams request) {
      return CompletableFuture.completedFuture(null);
    }

    @Override
    public void logMessage(MessageParams message) {
      logs.add(message);
    }
  }
}
