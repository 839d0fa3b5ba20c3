package dev.sandboxpolicy.cli;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.sandboxpolicy.io.ReadMode;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.eclipse.lsp4j.CodeActionKind;
import org.eclipse.lsp4j.CodeActionOptions;
import org.eclipse.lsp4j.CompletionOptions;
import org.eclipse.lsp4j.DidChangeConfigurationParams;
import org.eclipse.lsp4j.DidChangeWatchedFilesParams;
import org.eclipse.lsp4j.InitializeParams;
import org.eclipse.lsp4j.InitializeResult;
import org.eclipse.lsp4j.ServerCapabilities;
import org.eclipse.lsp4j.ServerInfo;
import org.eclipse.lsp4j.TextDocumentSyncKind;
import org.eclipse.lsp4j.TextDocumentSyncOptions;
import org.eclipse.lsp4j.jsonrpc.Launcher;
import org.eclipse.lsp4j.launch.LSPLauncher;
import org.eclipse.lsp4j.services.LanguageClient;
import org.eclipse.lsp4j.services.LanguageClientAware;
import org.eclipse.lsp4j.services.LanguageServer;
import org.eclipse.lsp4j.services.TextDocumentService;
import org.eclipse.lsp4j.services.WorkspaceService;

/**
 * {@code policyctl lsp}: a Language Server Protocol server for policy, preset and blueprint documents, on Eclipse
 * LSP4J. It offers diagnostics (what {@code policyctl validate} reports, plus lint), hover and completion from the
 * language reference in the JSON Schemas, quick fixes and formatting ({@code policyctl fmt}); see
 * {@link PolicyTextDocuments} and docs/editors.md.
 *
 * <p>Settings come in the {@code initialize} request's {@code initializationOptions}:
 * {@code {"legacyTolerant": true}} (alias {@code "lenient"}) reads documents like {@code --legacy-tolerant},
 * {@link ReadMode#LEGACY_TOLERANT} (default {@link ReadMode#STRICT}, as {@code policyctl validate}), and
 * {@code {"debounceMillis": N}} sets the pause after a change before the document is checked (default
 * {@value DiagnosticsScheduler#DEFAULT_DEBOUNCE_MILLIS}).
 *
 * <p>The process ends after {@code exit} (status 0 when {@code shutdown} came first, 1 otherwise, as the protocol
 * asks) or at the end of its input.
 */
final class PolicyLanguageServer implements LanguageServer, LanguageClientAware, AutoCloseable {

  /** The name the server gives in {@code initialize}'s {@code serverInfo}. */
  static final String NAME = "policyctl";

  private final PolicyTextDocuments documents = new PolicyTextDocuments();
  private final WorkspaceService workspace = new WorkspaceService() {
    @Override
    public void didChangeConfiguration(DidChangeConfigurationParams params) {
      // settings come with initialize
    }

    @Override
    public void didChangeWatchedFiles(DidChangeWatchedFilesParams params) {
      // only open documents are checked
    }
  };
  private final CompletableFuture<Integer> exit = new CompletableFuture<>();
  private volatile boolean shutdown;

  /**
   * Serves LSP on {@code in} and {@code out} until {@code exit} or the end of {@code in}; returns the exit status.
   * The protocol's threads are daemon threads, so nothing outlives the call.
   */
  static int serve(InputStream in, OutputStream out) {
    quietProtocolLog();
    ExecutorService threads = Executors.newCachedThreadPool(r -> {
      Thread t = new Thread(r, "policyctl-lsp");
      t.setDaemon(true);
      return t;
    });
    try (PolicyLanguageServer server = new PolicyLanguageServer()) {
      Launcher<LanguageClient> launcher = new LSPLauncher.Builder<LanguageClient>()
          .setLocalService(server)
          .setRemoteInterface(LanguageClient.class)
          .setInput(in)
          .setOutput(out)
          .setExecutorService(threads)
          .create();
      server.connect(launcher.getRemoteProxy());
      Future<Void> listening = launcher.startListening();
      CompletableFuture<Object> inputEnded = CompletableFuture.supplyAsync(() -> {
        try {
          return listening.get();
        } catch (InterruptedException | ExecutionException | java.util.concurrent.CancellationException e) {
          return null;
        }
      }, threads);
      CompletableFuture.anyOf(server.exit, inputEnded).join();
      // The reader thread is left blocked on the input (a daemon): interrupting it would close the caller's stream.
      return server.exit.getNow(server.shutdown ? ExitCode.OK : ExitCode.FAILED);
    } finally {
      threads.shutdown();
    }
  }

  /**
   * LSP4J logs through java.util.logging, stack traces included, and at INFO when the input ends. The server's
   * standard error is the editor's log of it: only warnings and errors, one line each. (Held in a field: the logging
   * framework keeps loggers weakly, and a collected logger would forget this.)
   */
  private static final java.util.logging.Logger PROTOCOL_LOG = java.util.logging.Logger.getLogger("org.eclipse.lsp4j");

  private static synchronized void quietProtocolLog() {
    if (!PROTOCOL_LOG.getUseParentHandlers()) {
      return;
    }
    PROTOCOL_LOG.setUseParentHandlers(false);
    PROTOCOL_LOG.setLevel(java.util.logging.Level.WARNING);
    PROTOCOL_LOG.addHandler(new java.util.logging.Handler() {
      @Override
      public void publish(java.util.logging.LogRecord r) {
        if (isLoggable(r)) {
          System.err.println("policyctl lsp: " + r.getLevel().getName().toLowerCase(java.util.Locale.ROOT) + ": "
              + r.getMessage() + (r.getThrown() == null ? "" : " (" + r.getThrown() + ")"));
        }
      }

      @Override
      public void flush() {
        System.err.flush();
      }

      @Override
      public void close() {}
    });
  }

  @Override
  public void connect(LanguageClient client) {
    documents.connect(client);
  }

  @Override
  public CompletableFuture<InitializeResult> initialize(InitializeParams params) {
    if (params.getInitializationOptions() instanceof JsonObject options) {
      JsonElement tolerant = options.has("legacyTolerant") ? options.get("legacyTolerant") : options.get("lenient");
      if (tolerant != null && tolerant.isJsonPrimitive() && tolerant.getAsJsonPrimitive().isBoolean()) {
        documents.mode(tolerant.getAsBoolean() ? ReadMode.LEGACY_TOLERANT : ReadMode.STRICT);
      }
      JsonElement debounce = options.get("debounceMillis");
      if (debounce != null && debounce.isJsonPrimitive() && debounce.getAsJsonPrimitive().isNumber()) {
        documents.debounceMillis(debounce.getAsLong());
      }
    }
    ServerCapabilities capabilities = new ServerCapabilities();
    TextDocumentSyncOptions sync = new TextDocumentSyncOptions();
    sync.setOpenClose(true);
    sync.setChange(TextDocumentSyncKind.Incremental);
    capabilities.setTextDocumentSync(sync);
    capabilities.setHoverProvider(true);
    capabilities.setCompletionProvider(new CompletionOptions(false, List.of(":", "-")));
    capabilities.setCodeActionProvider(new CodeActionOptions(List.of(CodeActionKind.QuickFix)));
    capabilities.setDocumentFormattingProvider(true);
    return CompletableFuture.completedFuture(
        new InitializeResult(capabilities, new ServerInfo(NAME, LibraryVersion.get())));
  }

  @Override
  public CompletableFuture<Object> shutdown() {
    shutdown = true;
    documents.close();
    return CompletableFuture.completedFuture(null);
  }

  @Override
  public void exit() {
    exit.complete(shutdown ? ExitCode.OK : ExitCode.FAILED);
  }

  @Override
  public TextDocumentService getTextDocumentService() {
    return documents;
  }

  @Override
  public WorkspaceService getWorkspaceService() {
    return workspace;
  }

  /** The documents half (for tests). */
  PolicyTextDocuments documents() {
    return documents;
  }

  @Override
  public void close() {
    documents.close();
  }
}
