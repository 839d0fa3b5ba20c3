package dev.sandboxpolicy.matcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sandboxpolicy.io.DocumentFormat;
import dev.sandboxpolicy.io.PolicyReader;
import dev.sandboxpolicy.io.ReadMode;
import dev.sandboxpolicy.io.ReadResult;
import dev.sandboxpolicy.model.Policy;
import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 19 item 4: {@link PolicyWatcher} publishes only complete, valid contents. A writer replaces the file with
 * numbered revisions, by rename and by plain in-place writes in many small chunks, while request threads decide on
 * the live policy. Every revision is built so that most of its prefixes are valid, more permissive policies (the
 * issue's "cut before deny_rules"), so a watcher that published a half-written file would be caught.
 */
class PolicyWatcherTest {
  private static final Duration DEBOUNCE = Duration.ofMillis(40);

  private static final PolicyReader READER = PolicyReader.of(ReadMode.STRICT);

  @TempDir Path dir;

  /** Reads and compiles, refusing what the reader or the rules refuse. */
  static CompiledPolicy load(byte[] content) throws PolicyCompileException {
    ReadResult<Policy> read = READER.readPolicy(content, DocumentFormat.YAML);
    if (read.hasErrors() || read.value().isEmpty()) {
      throw new PolicyCompileException(read.problems());
    }
    return CompiledPolicy.compile(read.value().get());
  }

  /** Revision {@code n}: 24 entries, each with a deny rule after its allow rule, and an end marker. */
  static String revision(int n, boolean valid) {
    StringBuilder sb = new StringBuilder("version: 1\nnetwork_policies:\n");
    for (int e = 0; e < 24; e++) {
      sb.append("  e").append(e).append(":\n")
          .append("    endpoints:\n")
          .append("      - host: h").append(e).append(".example.com\n")
          .append("        port: 443\n")
          .append("        protocol: rest\n");
      if (!valid && e == 23) {
        sb.append("        access: full\n"); // access together with rules: refused
      }
      sb.append("        rules:\n")
          .append("          - allow: {method: GET, path: \"/**\"}\n")
          .append("        deny_rules:\n")
          .append("          - {method: GET, path: \"/admin/").append(n).append("/**\"}\n")
          .append("    binaries:\n")
          .append("      - path: /usr/bin/curl\n");
    }
    return sb.append("# end of revision ").append(n).append('\n').toString();
  }

  enum Mode { RENAME, PLAIN }

  record Outcome(int published, int partial, int refused, long maxGapMillis, int naivePartialReads) {}

  private Outcome run(Mode mode, long seed, Duration debounce) throws Exception {
    Path file = dir.resolve(mode + ".yaml");
    Files.writeString(file, revision(0, true));
    Set<String> completed = ConcurrentHashMap.newKeySet();
    completed.add(revision(0, true));
    PolicyHolder holder = PolicyHolder.quarantined(MatcherOptions.defaults());
    List<String> published = new CopyOnWriteArrayList<>();
    AtomicInteger refused = new AtomicInteger();
    PolicyWatcher.Listener listener = new PolicyWatcher.Listener() {
      @Override
      public void published(long revision, byte[] content) {
        published.add(new String(content, StandardCharsets.UTF_8));
      }

      @Override
      public void refused(byte[] content, PolicyCompileException problems) {
        refused.incrementAndGet();
      }
    };
    AtomicBoolean stop = new AtomicBoolean();
    List<Thread> load = new ArrayList<>();
    NetworkRequest probe = NetworkRequest.of("h3.example.com", 443, "/usr/bin/curl");
    for (int i = 0; i < 2; i++) { // request threads deciding on the live policy while it is reloaded
      Thread t = new Thread(() -> {
        while (!stop.get()) {
          holder.decideNetwork(probe);
        }
      });
      t.setDaemon(true);
      t.start();
      load.add(t);
    }
    AtomicInteger naivePartial = new AtomicInteger();
    Thread naive = new Thread(() -> { // what a watcher without the stability check could have read
      while (!stop.get()) {
        try {
          String seen = Files.readString(file);
          if (!completed.contains(seen) && seen.startsWith("version: 1\n") && !seen.contains("# end")) {
            naivePartial.incrementAndGet();
          }
        } catch (IOException | RuntimeException e) {
          // the file is being replaced
        }
        LockSupport.parkNanos(200_000);
      }
    });
    naive.setDaemon(true);
    naive.start();
    long maxGap = 0;
    SplittableRandom random = new SplittableRandom(seed);
    try (PolicyWatcher watcher = PolicyWatcher.builder(file, holder, PolicyWatcherTest::load)
        .debounce(debounce).pollInterval(Duration.ofMillis(5)).listener(listener).build()) {
      assertTrue(watcher.start(), "the initial content is published before start returns");
      int revisions = 8;
      for (int n = 1; n <= revisions; n++) {
        boolean valid = n != 4; // revision 4 is complete but invalid
        String text = revision(n, valid);
        if (mode == Mode.RENAME) {
          Path temp = dir.resolve("." + file.getFileName() + ".tmp");
          writeInChunks(temp, text, random);
          completed.add(text);
          Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } else {
          maxGap = Math.max(maxGap, writeInChunks(file, text, random));
          completed.add(text);
        }
        // Sometimes the next revision follows at once (churn), usually after the watcher had time to publish.
        Thread.sleep(random.nextInt(4) == 0 ? 0 : debounce.toMillis() * 3 / 2 + random.nextInt(20));
      }
      long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
      String last = revision(revisions, true);
      while (!last.equals(published.isEmpty() ? "" : published.get(published.size() - 1))
          && System.nanoTime() < deadline) {
        Thread.sleep(10);
      }
      assertEquals(last, published.get(published.size() - 1), "the last revision is published");
    } finally {
      stop.set(true);
      for (Thread t : load) {
        t.join();
      }
      naive.join();
    }
    int partial = 0;
    for (String p : published) {
      partial += completed.contains(p) ? 0 : 1;
      assertFalse(p.equals(revision(4, false)), "the invalid revision is never published");
    }
    return new Outcome(published.size(), partial, refused.get(), maxGap / 1_000_000, naivePartial.get());
  }

  /** Writes {@code text} in place in 48 chunks with short pauses; returns the longest pause between chunks (ns). */
  private static long writeInChunks(Path target, String text, SplittableRandom random) throws IOException {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    int chunks = 48;
    long maxGap = 0;
    try (FileOutputStream out = new FileOutputStream(target.toFile())) { // truncates: a plain, in-place write
      long last = System.nanoTime();
      for (int i = 0; i < chunks; i++) {
        int from = bytes.length * i / chunks;
        int to = bytes.length * (i + 1) / chunks;
        out.write(bytes, from, to - from);
        long now = System.nanoTime();
        maxGap = Math.max(maxGap, now - last);
        LockSupport.parkNanos(20_000 + random.nextInt(80_000));
        last = System.nanoTime();
        maxGap = Math.max(maxGap, last - now);
      }
    }
    return maxGap;
  }

  @Test
  void renameWritesNeverPublishAPartialRevision() throws Exception {
    Outcome o = run(Mode.RENAME, 0x19_06L, DEBOUNCE);
    System.out.println("[robustness] watcher, writes by rename: " + o);
    assertEquals(0, o.partial(), o.toString());
    assertTrue(o.refused() >= 1 || o.published() >= 2, o.toString());
  }

  /**
   * Plain in-place writes: every published revision is one the writer completed, unless the writer itself stalled
   * for a whole debounce interval in the middle of a write (the documented limit of in-place writes).
   */
  @Test
  void plainWritesPublishOnlyCompletedRevisionsWhileTheWriterKeepsWriting() throws Exception {
    Duration debounce = Duration.ofMillis(100); // longer than any pause the writer makes, even on a busy machine
    Outcome o = run(Mode.PLAIN, 0x19_07L, debounce);
    System.out.println("[robustness] watcher, plain in-place writes: " + o);
    if (o.maxGapMillis() < debounce.toMillis()) {
      assertEquals(0, o.partial(), o.toString());
    }
    assertTrue(o.published() >= 2, o.toString());
  }

  @Test
  void aRefusedContentKeepsTheLiveRevisionOrQuarantinesWhenFailClosed() throws Exception {
    Path file = dir.resolve("p.yaml");
    Files.writeString(file, revision(1, true));
    NetworkRequest probe = NetworkRequest.of("h3.example.com", 443, "/usr/bin/curl");
    PolicyHolder retain = PolicyHolder.quarantined(MatcherOptions.defaults());
    PolicyWatcher w = PolicyWatcher.builder(file, retain, PolicyWatcherTest::load).debounce(Duration.ofMillis(5))
        .build();
    assertTrue(w.reloadNow());
    assertTrue(retain.decideNetwork(probe).isAllowed());
    Files.writeString(file, revision(2, false));
    assertFalse(w.reloadNow(), "refused");
    assertTrue(retain.decideNetwork(probe).isAllowed(), "the last valid revision stays live");
    assertFalse(w.reloadNow(), "an unchanged content is not looked at again");

    PolicyHolder closed = PolicyHolder.quarantined(MatcherOptions.defaults());
    Files.writeString(file, revision(1, true));
    PolicyWatcher fc = PolicyWatcher.builder(file, closed, PolicyWatcherTest::load).debounce(Duration.ofMillis(5))
        .onFailure(ReloadFailureMode.FAIL_CLOSED).build();
    assertTrue(fc.reloadNow());
    Files.writeString(file, revision(2, false));
    assertFalse(fc.reloadNow());
    assertFalse(closed.decideNetwork(probe).isAllowed(), "fail closed: the quarantine denies all egress");
    Files.delete(file);
    java.util.concurrent.atomic.AtomicInteger unreadable = new java.util.concurrent.atomic.AtomicInteger();
    PolicyWatcher missing = PolicyWatcher.builder(file, closed, PolicyWatcherTest::load)
        .debounce(Duration.ofMillis(5)).listener(new PolicyWatcher.Listener() {
          @Override
          public void unreadable(IOException problem) {
            unreadable.incrementAndGet();
          }
        }).build();
    for (int i = 0; i < 3; i++) {
      assertFalse(missing.reloadNow(), "a missing file publishes nothing");
    }
    assertEquals(1, unreadable.get(), "a file that stays missing is reported once");
  }
}
