package dev.sandboxpolicy.matcher;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;

/**
 * Hot reload from a file: watches a policy file and publishes each new content into a {@link PolicyHolder}, but only
 * a content that is <em>complete</em> and <em>valid</em>.
 *
 * <ul>
 *   <li><b>Debounced, stable content.</b> The file is polled; when its bytes differ from what was last seen, they are
 *       read again after the debounce interval, and only if both reads are identical is the content considered
 *       written. A content that keeps changing is never published half-way.
 *   <li><b>Validated.</b> The {@link Loader} (this module does not parse YAML: the caller supplies the reader and
 *       validation, e.g. {@code PolicyReader} plus {@link CompiledPolicy#compile}) turns the bytes into a compiled
 *       policy or refuses them; a refused content is reported and, with {@link ReloadFailureMode#RETAIN_LAST_VALID},
 *       the live revision stays; with {@link ReloadFailureMode#FAIL_CLOSED} the quarantine revision is published.
 *   <li><b>Atomic swap.</b> The compiled revision replaces the live one in one step ({@link PolicyHolder#swap});
 *       decisions in flight finish on the revision they started with.
 * </ul>
 *
 * <p>Writers must replace the file by <b>rename</b> (write a temporary file in the same directory, then move it
 * over the policy file; {@code policyctl ... -o} always does). A rename is atomic, so every content the watcher can
 * read is complete. A writer that rewrites the file in place is only safe as long as it never pauses longer than the
 * debounce interval in the middle of a write: a truncated policy can be valid YAML and more permissive (cut before
 * its {@code deny_rules}), and if it stays unchanged for a whole debounce interval it is published.
 *
 * <pre>{@code
 * PolicyHolder live = PolicyHolder.quarantined(MatcherOptions.defaults());
 * PolicyReader reader = PolicyReader.of(ReadMode.STRICT);
 * try (PolicyWatcher watcher = PolicyWatcher.builder(Path.of("policy.yaml"), live, bytes -> {
 *       ReadResult<Policy> read = reader.readPolicy(bytes, DocumentFormat.YAML);
 *       if (read.hasErrors()) {
 *         throw new PolicyCompileException(read.problems());
 *       }
 *       return CompiledPolicy.compile(read.value().orElseThrow());
 *     }).debounce(Duration.ofMillis(200)).build()) {
 *   watcher.start();  // the first content is loaded before start returns
 *   // ... live.decideNetwork(...) on request threads
 * }
 * }</pre>
 *
 * <p>Thread-safe; one daemon thread per watcher polls the file.
 */
public final class PolicyWatcher implements AutoCloseable {

  /** Default debounce interval: how long a content must stay unchanged before it is published. */
  public static final Duration DEFAULT_DEBOUNCE = Duration.ofMillis(200);
  /** Default polling interval. */
  public static final Duration DEFAULT_POLL_INTERVAL = Duration.ofMillis(100);
  /**
   * Default cap on the bytes read from the file (64 MiB): a guard for the watcher's own memory. The loader's reader
   * applies the document limit that matters (4 MiB for this library's reader).
   */
  public static final int DEFAULT_MAX_BYTES = 64 * 1024 * 1024;

  /** Turns the bytes of the file into a compiled policy, or refuses them. */
  @FunctionalInterface
  public interface Loader {
    /**
     * Reads, validates and compiles a complete content of the file.
     *
     * @param content the file's bytes
     * @return the compiled policy
     * @throws PolicyCompileException when the content is not a valid policy (its problems say why)
     */
    CompiledPolicy load(byte[] content) throws PolicyCompileException;
  }

  /** What the watcher did, for logging and tests. Every method has an empty default. */
  public interface Listener {
    /**
     * A content was published.
     *
     * @param revision the holder's new revision number
     * @param content the bytes that were published
     */
    default void published(long revision, byte[] content) {}

    /**
     * A complete content was refused by the loader.
     *
     * @param content the bytes that were refused
     * @param problems why
     */
    default void refused(byte[] content, PolicyCompileException problems) {}

    /**
     * The file could not be read (missing, unreadable, larger than the cap); the live revision stays. Reported
     * once per distinct failure, not at every poll.
     *
     * @param problem what went wrong
     */
    default void unreadable(IOException problem) {}
  }

  private final Path file;
  private final PolicyHolder holder;
  private final Loader loader;
  private final Duration debounce;
  private final Duration pollInterval;
  private final int maxBytes;
  private final ReloadFailureMode onFailure;
  private final Listener listener;
  private final Object cycleLock = new Object();
  private byte[] lastSeen;
  /** The last read failure reported, so a file that stays missing is reported once, not at every poll. */
  private String lastFailure;
  private volatile Thread thread;
  private volatile boolean closed;

  private PolicyWatcher(Builder b) {
    this.file = b.file;
    this.holder = b.holder;
    this.loader = b.loader;
    this.debounce = b.debounce;
    this.pollInterval = b.pollInterval;
    this.maxBytes = b.maxBytes;
    this.onFailure = b.onFailure;
    this.listener = b.listener;
  }

  /**
   * Starts building a watcher of {@code file} that publishes into {@code holder} through {@code loader}.
   *
   * @param file the policy file
   * @param holder the live policy
   * @param loader reads, validates and compiles a content
   * @return the builder
   */
  public static Builder builder(Path file, PolicyHolder holder, Loader loader) {
    return new Builder(file, holder, loader);
  }

  /**
   * Loads the file's current content (stability-checked, validated, published as {@link #reloadNow()} does) and
   * then starts polling on a daemon thread.
   *
   * @return whether the initial content was published
   * @throws InterruptedException if interrupted while waiting for a stable content
   * @throws IllegalStateException if already started or closed
   */
  public synchronized boolean start() throws InterruptedException {
    if (thread != null || closed) {
      throw new IllegalStateException("the watcher was already started or closed");
    }
    boolean published = reloadNow();
    Thread t = new Thread(this::run, "policy-watcher " + file.getFileName());
    t.setDaemon(true);
    thread = t;
    t.start();
    return published;
  }

  /**
   * One polling step, on the calling thread: if the file's bytes differ from what was last seen, waits the debounce
   * interval, reads again, and publishes the content when both reads agree and the loader accepts it.
   *
   * @return whether a new revision was published (a refusal under {@link ReloadFailureMode#FAIL_CLOSED} publishes
   *     the quarantine and also returns false)
   * @throws InterruptedException if interrupted during the debounce wait
   */
  public boolean reloadNow() throws InterruptedException {
    synchronized (cycleLock) {
      byte[] first;
      try {
        first = read();
      } catch (IOException e) {
        reportUnreadable(e);
        return false;
      }
      lastFailure = null;
      if (Arrays.equals(first, lastSeen)) {
        return false;
      }
      Thread.sleep(debounce.toMillis());
      byte[] second;
      try {
        second = read();
      } catch (IOException e) {
        reportUnreadable(e);
        return false;
      }
      if (!Arrays.equals(first, second)) {
        return false; // still being written: look again on the next poll
      }
      lastSeen = second;
      CompiledPolicy compiled;
      try {
        compiled = loader.load(second.clone());
      } catch (PolicyCompileException e) {
        if (onFailure == ReloadFailureMode.FAIL_CLOSED) {
          holder.swapQuarantine();
        }
        listener.refused(second.clone(), e);
        return false;
      } catch (RuntimeException e) { // a loader bug: treated as a content that cannot be used
        if (onFailure == ReloadFailureMode.FAIL_CLOSED) {
          holder.swapQuarantine();
        }
        listener.unreadable(new IOException("the loader failed on " + file + ": " + e, e));
        return false;
      }
      long revision = holder.swap(compiled);
      listener.published(revision, second.clone());
      return true;
    }
  }

  private void reportUnreadable(IOException e) {
    String failure = String.valueOf(e.getMessage());
    if (!failure.equals(lastFailure)) {
      lastFailure = failure;
      listener.unreadable(e);
    }
  }

  private byte[] read() throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      byte[] bytes = in.readNBytes(maxBytes + 1);
      if (bytes.length > maxBytes) {
        throw new IOException(file + " is larger than " + maxBytes + " bytes");
      }
      return bytes;
    } catch (NoSuchFileException e) {
      throw new NoSuchFileException(file.toString(), null, "no such file (a writer renaming over it is fine)");
    }
  }

  private void run() {
    while (!closed) {
      try {
        Thread.sleep(pollInterval.toMillis());
        reloadNow();
      } catch (InterruptedException e) {
        return;
      } catch (RuntimeException e) {
        listener.unreadable(new IOException("reload failed: " + e, e));
      }
    }
  }

  /** Stops polling and waits for the polling thread to end. */
  @Override
  public void close() {
    closed = true;
    Thread t = thread;
    if (t != null) {
      t.interrupt();
      try {
        t.join(Math.max(1_000, 2 * (debounce.toMillis() + pollInterval.toMillis())));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  @Override
  public String toString() {
    return "PolicyWatcher[" + file + ", debounce " + debounce.toMillis() + " ms]";
  }

  /** Builds a {@link PolicyWatcher}. */
  public static final class Builder {
    private final Path file;
    private final PolicyHolder holder;
    private final Loader loader;
    private Duration debounce = DEFAULT_DEBOUNCE;
    private Duration pollInterval = DEFAULT_POLL_INTERVAL;
    private int maxBytes = DEFAULT_MAX_BYTES;
    private ReloadFailureMode onFailure = ReloadFailureMode.RETAIN_LAST_VALID;
    private Listener listener = new Listener() {};

    private Builder(Path file, PolicyHolder holder, Loader loader) {
      this.file = Objects.requireNonNull(file, "file");
      this.holder = Objects.requireNonNull(holder, "holder");
      this.loader = Objects.requireNonNull(loader, "loader");
    }

    /**
     * How long a content must stay unchanged (two identical reads this far apart) before it is published.
     *
     * @param interval the debounce interval (positive)
     * @return this builder
     */
    public Builder debounce(Duration interval) {
      this.debounce = positive(interval, "debounce");
      return this;
    }

    /**
     * How often the file is looked at.
     *
     * @param interval the polling interval (positive)
     * @return this builder
     */
    public Builder pollInterval(Duration interval) {
      this.pollInterval = positive(interval, "poll interval");
      return this;
    }

    /**
     * The most bytes read from the file; a larger file is reported as unreadable and not published.
     *
     * @param bytes the cap (positive)
     * @return this builder
     */
    public Builder maxBytes(int bytes) {
      if (bytes <= 0) {
        throw new IllegalArgumentException("maxBytes must be positive");
      }
      this.maxBytes = bytes;
      return this;
    }

    /**
     * What a refused content does: keep the live revision ({@link ReloadFailureMode#RETAIN_LAST_VALID}, the default)
     * or publish the quarantine that denies all egress ({@link ReloadFailureMode#FAIL_CLOSED}).
     *
     * @param mode the failure mode
     * @return this builder
     */
    public Builder onFailure(ReloadFailureMode mode) {
      this.onFailure = Objects.requireNonNull(mode, "mode");
      return this;
    }

    /**
     * Who is told about publications, refusals and read failures.
     *
     * @param listener the listener
     * @return this builder
     */
    public Builder listener(Listener listener) {
      this.listener = Objects.requireNonNull(listener, "listener");
      return this;
    }

    /**
     * Builds the watcher (not started).
     *
     * @return the watcher
     */
    public PolicyWatcher build() {
      return new PolicyWatcher(this);
    }

    private static Duration positive(Duration d, String what) {
      if (d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException(what + " must be positive");
      }
      return d;
    }
  }
}
