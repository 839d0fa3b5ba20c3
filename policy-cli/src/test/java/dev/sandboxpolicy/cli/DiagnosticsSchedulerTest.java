package dev.sandboxpolicy.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.lsp4j.Diagnostic;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.PublishDiagnosticsParams;
import org.eclipse.lsp4j.Range;
import org.junit.jupiter.api.Test;

/** Debouncing: a burst of changes is checked once, and a check of an outdated version is never published. */
class DiagnosticsSchedulerTest {

  private final Map<String, OpenDocument> open = new ConcurrentHashMap<>();
  private final List<Integer> checked = new CopyOnWriteArrayList<>();
  private final LinkedBlockingQueue<PublishDiagnosticsParams> published = new LinkedBlockingQueue<>();

  private OpenDocument edit(int version) {
    OpenDocument d = new OpenDocument("file:///p.yaml", version, "version: " + version + "\n");
    open.put(d.uri(), d);
    return d;
  }

  @Test
  void aBurstOfChangesIsCheckedOnceAtItsLastVersion() throws InterruptedException {
    try (DiagnosticsScheduler s = new DiagnosticsScheduler(open::get, d -> {
      checked.add(d.version());
      return List.of();
    }, published::add, e -> {
      throw e;
    })) {
      s.debounceMillis(500);
      for (int v = 1; v <= 20; v++) {
        s.later(edit(v));
      }
      PublishDiagnosticsParams p = published.poll(LspSession.TIMEOUT_SECONDS, TimeUnit.SECONDS);
      assertEquals(20, p.getVersion());
      assertEquals(List.of(20), checked, "the 19 earlier checks were cancelled before they ran");
    }
  }

  @Test
  void aCheckOvertakenByAnEditIsNotPublished() throws InterruptedException {
    CountDownLatch started = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    try (DiagnosticsScheduler s = new DiagnosticsScheduler(open::get, d -> {
      checked.add(d.version());
      if (d.version() == 1) {
        started.countDown();
        try {
          release.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      return List.of();
    }, published::add, e -> {
      throw e;
    })) {
      s.now(edit(1));
      assertTrue(started.await(LspSession.TIMEOUT_SECONDS, TimeUnit.SECONDS));
      s.later(edit(2)); // arrives while version 1 is being checked
      release.countDown();
      PublishDiagnosticsParams p = published.poll(LspSession.TIMEOUT_SECONDS, TimeUnit.SECONDS);
      assertEquals(2, p.getVersion(), "version 1's result was dropped: its document changed during the check");
      assertEquals(List.of(1, 2), checked);
      assertEquals(0, published.size());
    }
  }

  @Test
  void aClosedDocumentIsNotChecked() throws InterruptedException {
    try (DiagnosticsScheduler s = new DiagnosticsScheduler(open::get, d -> {
      checked.add(d.version());
      return List.of();
    }, published::add, e -> {
      throw e;
    })) {
      s.debounceMillis(200);
      s.later(edit(1));
      open.clear();
      s.cancel("file:///p.yaml");
      s.now(edit(3)); // another document state, checked at once: the cancelled one never runs
      assertEquals(3, published.poll(LspSession.TIMEOUT_SECONDS, TimeUnit.SECONDS).getVersion());
      assertEquals(List.of(3), checked);
    }
  }

  @Test
  void aSlowSecondStageNeitherDelaysTheNextFirstStageNorPublishesWhenOvertaken() throws InterruptedException {
    CountDownLatch lintStarted = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    List<Integer> linted = new CopyOnWriteArrayList<>();
    Diagnostic warning = new Diagnostic(new Range(new Position(0, 0), new Position(0, 1)), "lint");
    try (DiagnosticsScheduler s = new DiagnosticsScheduler(open::get, d -> {
      checked.add(d.version());
      return List.of();
    }, (d, first) -> {
      linted.add(d.version());
      if (d.version() == 1) {
        lintStarted.countDown();
        try {
          release.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      return List.of(warning);
    }, published::add, e -> {
      throw e;
    })) {
      s.now(edit(1));
      assertEquals(1, published.poll(LspSession.TIMEOUT_SECONDS, TimeUnit.SECONDS).getVersion(), "validation");
      assertTrue(lintStarted.await(LspSession.TIMEOUT_SECONDS, TimeUnit.SECONDS));
      s.now(edit(2)); // while version 1 is being linted
      PublishDiagnosticsParams second = published.poll(LspSession.TIMEOUT_SECONDS, TimeUnit.SECONDS);
      assertEquals(2, second.getVersion(), "version 2's validation did not wait for version 1's lint");
      assertEquals(List.of(), second.getDiagnostics());
      release.countDown();
      PublishDiagnosticsParams third = published.poll(LspSession.TIMEOUT_SECONDS, TimeUnit.SECONDS);
      assertEquals(2, third.getVersion(), "version 1's lint was dropped: its document changed");
      assertEquals(List.of(warning), third.getDiagnostics(), "version 2's validation (none) and its lint");
      assertEquals(List.of(1, 2), linted);
      assertEquals(0, published.size());
    }
  }
}
