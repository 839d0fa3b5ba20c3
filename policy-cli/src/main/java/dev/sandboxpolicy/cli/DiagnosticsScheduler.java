package dev.sandboxpolicy.cli;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import org.eclipse.lsp4j.Diagnostic;
import org.eclipse.lsp4j.PublishDiagnosticsParams;

/**
 * Checks open documents off the protocol thread and publishes their diagnostics, debounced: a check is scheduled a
 * little after each change, a newer change of the same document cancels the pending one, and a result is
 * published only while its version is still the document's latest. So while someone types, only the version they
 * stop at is checked, and diagnostics never go back to an older version.
 *
 * <p>One daemon thread runs every check, in order; a check that throws publishes nothing (and is reported through
 * {@code onFailure}).
 */
final class DiagnosticsScheduler implements AutoCloseable {

  /**
   * How long after a change the document is checked, unless another change comes first: about the pause between
   * words when typing, so the check runs when the typist pauses rather than on every key.
   */
  static final long DEFAULT_DEBOUNCE_MILLIS = 200;

  private final ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, r -> {
    Thread t = new Thread(r, "policyctl-lsp-diagnostics");
    t.setDaemon(true);
    return t;
  });
  private final Map<String, ScheduledFuture<?>> pending = new ConcurrentHashMap<>();
  private final Function<String, OpenDocument> latest;
  private final Function<OpenDocument, List<Diagnostic>> check;
  private final Consumer<PublishDiagnosticsParams> publish;
  private final Consumer<RuntimeException> onFailure;
  private volatile long debounceMillis = DEFAULT_DEBOUNCE_MILLIS;

  /**
   * @param latest the open document of a URI now (null once closed)
   * @param check computes a document's diagnostics
   * @param publish sends them to the editor
   * @param onFailure told about a check that threw
   */
  DiagnosticsScheduler(Function<String, OpenDocument> latest, Function<OpenDocument, List<Diagnostic>> check,
      Consumer<PublishDiagnosticsParams> publish, Consumer<RuntimeException> onFailure) {
    this.latest = Objects.requireNonNull(latest, "latest");
    this.check = Objects.requireNonNull(check, "check");
    this.publish = Objects.requireNonNull(publish, "publish");
    this.onFailure = Objects.requireNonNull(onFailure, "onFailure");
    executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    executor.setRemoveOnCancelPolicy(true);
  }

  /** Sets the delay after a change ({@link #DEFAULT_DEBOUNCE_MILLIS} unless the editor asks otherwise). */
  void debounceMillis(long millis) {
    this.debounceMillis = Math.max(0, millis);
  }

  /** Checks {@code document} as soon as possible (a document just opened). */
  void now(OpenDocument document) {
    schedule(document, 0);
  }

  /** Checks {@code document} after the debounce delay, replacing a pending check of the same document. */
  void later(OpenDocument document) {
    schedule(document, debounceMillis);
  }

  /** Forgets a pending check (the document was closed). */
  void cancel(String uri) {
    ScheduledFuture<?> old = pending.remove(uri);
    if (old != null) {
      old.cancel(false);
    }
  }

  private void schedule(OpenDocument document, long delayMillis) {
    if (executor.isShutdown()) {
      return; // after shutdown: nothing is checked any more
    }
    ScheduledFuture<?> next = executor.schedule(() -> run(document), delayMillis, TimeUnit.MILLISECONDS);
    ScheduledFuture<?> old = pending.put(document.uri(), next);
    if (old != null) {
      old.cancel(false);
    }
  }

  private void run(OpenDocument document) {
    if (!isLatest(document)) {
      return; // a newer version has its own check scheduled, or the document was closed
    }
    List<Diagnostic> diagnostics;
    try {
      diagnostics = check.apply(document);
    } catch (RuntimeException e) {
      onFailure.accept(e);
      return;
    }
    if (isLatest(document)) {
      publish.accept(new PublishDiagnosticsParams(document.uri(), diagnostics, document.version()));
    }
  }

  private boolean isLatest(OpenDocument document) {
    return latest.apply(document.uri()) == document; // each edit makes a new OpenDocument
  }

  /**
   * Stops: pending checks are dropped, a running one finishes. (Not {@code shutdownNow}: interrupting a thread that
   * is writing to an interruptible channel closes the channel, and the server's output with it.)
   */
  @Override
  public void close() {
    executor.shutdown();
  }
}
