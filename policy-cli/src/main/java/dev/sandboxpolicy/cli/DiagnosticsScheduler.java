package dev.sandboxpolicy.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
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
 * <p>A check has two stages. The first (validation) is published as soon as it is done; the second (lint, which can
 * take seconds on a policy of thousands of entries) then runs on its own thread and, when it adds diagnostics, the
 * document's diagnostics are published again with them. So errors never wait for lint, and a lint result that an
 * edit has overtaken is dropped like any other: only the latest pending second stage of a document waits to run.
 *
 * <p>Each stage has one daemon thread that runs its work in order; a stage that throws publishes nothing more for
 * that version (and is reported through {@code onFailure}).
 */
final class DiagnosticsScheduler implements AutoCloseable {

  /**
   * How long after a change the document is checked, unless another change comes first: about the pause between
   * words when typing, so the check runs when the typist pauses rather than on every key.
   */
  static final long DEFAULT_DEBOUNCE_MILLIS = 200;

  private final ScheduledThreadPoolExecutor executor = daemon("policyctl-lsp-diagnostics");
  private final ScheduledThreadPoolExecutor followUps = daemon("policyctl-lsp-lint");
  private final Map<String, ScheduledFuture<?>> pending = new ConcurrentHashMap<>();
  private final Map<String, ScheduledFuture<?>> pendingFollowUps = new ConcurrentHashMap<>();
  private final Function<String, OpenDocument> latest;
  private final Function<OpenDocument, List<Diagnostic>> check;
  private final BiFunction<OpenDocument, List<Diagnostic>, List<Diagnostic>> followUp;
  private final Consumer<PublishDiagnosticsParams> publish;
  private final Consumer<RuntimeException> onFailure;
  private volatile long debounceMillis = DEFAULT_DEBOUNCE_MILLIS;

  /** A check with one stage. */
  DiagnosticsScheduler(Function<String, OpenDocument> latest, Function<OpenDocument, List<Diagnostic>> check,
      Consumer<PublishDiagnosticsParams> publish, Consumer<RuntimeException> onFailure) {
    this(latest, check, (document, first) -> List.of(), publish, onFailure);
  }

  /**
   * @param latest the open document of a URI now (null once closed)
   * @param check computes a document's diagnostics (the first stage, published at once)
   * @param followUp the second stage: more diagnostics, given the document and the first stage's (none: nothing
   *     more is published)
   * @param publish sends them to the editor
   * @param onFailure told about a stage that threw
   */
  DiagnosticsScheduler(Function<String, OpenDocument> latest, Function<OpenDocument, List<Diagnostic>> check,
      BiFunction<OpenDocument, List<Diagnostic>, List<Diagnostic>> followUp,
      Consumer<PublishDiagnosticsParams> publish, Consumer<RuntimeException> onFailure) {
    this.latest = Objects.requireNonNull(latest, "latest");
    this.check = Objects.requireNonNull(check, "check");
    this.followUp = Objects.requireNonNull(followUp, "followUp");
    this.publish = Objects.requireNonNull(publish, "publish");
    this.onFailure = Objects.requireNonNull(onFailure, "onFailure");
  }

  private static ScheduledThreadPoolExecutor daemon(String name) {
    ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, r -> {
      Thread t = new Thread(r, name);
      t.setDaemon(true);
      return t;
    });
    executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    executor.setRemoveOnCancelPolicy(true);
    return executor;
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

  /** Forgets the pending checks of a document (it was closed). */
  void cancel(String uri) {
    cancel(pending.remove(uri));
    cancel(pendingFollowUps.remove(uri));
  }

  private static void cancel(ScheduledFuture<?> future) {
    if (future != null) {
      future.cancel(false);
    }
  }

  private void schedule(OpenDocument document, long delayMillis) {
    submit(executor, pending, document, () -> run(document), delayMillis);
  }

  /** Runs {@code task} on {@code stage} after {@code delayMillis}, replacing the document's pending one there. */
  private static void submit(ScheduledThreadPoolExecutor stage, Map<String, ScheduledFuture<?>> pendingThere,
      OpenDocument document, Runnable task, long delayMillis) {
    if (stage.isShutdown()) {
      return; // after shutdown: nothing is checked any more
    }
    try {
      cancel(pendingThere.put(document.uri(), stage.schedule(task, delayMillis, TimeUnit.MILLISECONDS)));
    } catch (RejectedExecutionException e) {
      // shut down meanwhile
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
      submit(followUps, pendingFollowUps, document, () -> followUp(document, diagnostics), 0);
    }
  }

  private void followUp(OpenDocument document, List<Diagnostic> first) {
    if (!isLatest(document)) {
      return;
    }
    List<Diagnostic> more;
    try {
      more = followUp.apply(document, first);
    } catch (RuntimeException e) {
      onFailure.accept(e);
      return;
    }
    if (!more.isEmpty() && isLatest(document)) {
      List<Diagnostic> all = new ArrayList<>(first);
      all.addAll(more);
      publish.accept(new PublishDiagnosticsParams(document.uri(), all, document.version()));
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
    followUps.shutdown();
  }
}
