package dev.sandboxpolicy.matcher;

import dev.sandboxpolicy.model.Policy;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The live policy of a proxy, for hot reload: a new revision is compiled on the caller's thread (off the hot path)
 * and then swapped in atomically; every decision reads the reference once, so it sees exactly one revision, and
 * decisions in flight finish on the revision they started with. Thread-safe.
 *
 * <pre>{@code
 * PolicyHolder live = PolicyHolder.of(CompiledPolicy.compile(initial));
 * // request threads:
 * Decision d = live.decideNetwork(NetworkRequest.of("api.github.com", 443, "/usr/bin/gh"));
 * // reload thread:
 * try {
 *   live.update(next, ReloadFailureMode.RETAIN_LAST_VALID);
 * } catch (PolicyCompileException e) {
 *   // e.problems(); the previous revision is still live
 * }
 * }</pre>
 *
 * <p>To reload from a file, see {@link PolicyWatcher}: it publishes only complete, validated contents.
 *
 * <p>Warning: to make several decisions against the same revision (e.g. the network decision and then the request
 * decisions of one connection), take {@link #current()} once and use that instance.
 */
public final class PolicyHolder {
  private static final Policy QUARANTINE = Policy.builder().version(1L).build();

  private record Revision(long number, CompiledPolicy policy) {}

  private final AtomicReference<Revision> current;
  private final MatcherOptions options;

  private PolicyHolder(CompiledPolicy initial, MatcherOptions options) {
    this.current = new AtomicReference<>(new Revision(1, initial));
    this.options = options;
  }

  /**
   * Starts with a compiled policy as revision 1; later revisions are compiled with the same options.
   *
   * @param initial the first revision
   * @return the holder
   */
  public static PolicyHolder of(CompiledPolicy initial) {
    return new PolicyHolder(Objects.requireNonNull(initial, "initial"), initial.options());
  }

  /**
   * Starts with the quarantine revision, which denies all egress until the first {@link #update}.
   *
   * @param options options for every revision
   * @return the holder
   */
  public static PolicyHolder quarantined(MatcherOptions options) {
    return new PolicyHolder(quarantine(options), options);
  }

  private static CompiledPolicy quarantine(MatcherOptions options) {
    try {
      return CompiledPolicy.compile(QUARANTINE, options);
    } catch (PolicyCompileException e) {
      throw new IllegalStateException("the empty policy must compile", e);
    }
  }

  /**
   * Returns the live revision's compiled policy.
   *
   * @return the compiled policy
   */
  public CompiledPolicy current() {
    return current.get().policy();
  }

  /**
   * Returns the live revision number (1 for the initial one, +1 per swap, including quarantine swaps).
   *
   * @return the revision number
   */
  public long revision() {
    return current.get().number();
  }

  /**
   * Compiles {@code next} on the calling thread and swaps it in.
   *
   * @param next the new policy
   * @param onFailure what to publish when it does not compile
   * @return the new revision number
   * @throws PolicyCompileException if {@code next} does not compile (after applying {@code onFailure})
   */
  public long update(Policy next, ReloadFailureMode onFailure) throws PolicyCompileException {
    CompiledPolicy compiled;
    try {
      compiled = CompiledPolicy.compile(next, options);
    } catch (PolicyCompileException e) {
      if (onFailure == ReloadFailureMode.FAIL_CLOSED) {
        swap(quarantine(options));
      }
      throw e;
    }
    return swap(compiled);
  }

  /** Publishes the quarantine revision (denies all egress); returns its revision number. */
  long swapQuarantine() {
    return swap(quarantine(options));
  }

  /**
   * Swaps in an already compiled policy.
   *
   * @param next the new revision
   * @return the new revision number
   */
  public long swap(CompiledPolicy next) {
    Objects.requireNonNull(next, "next");
    Revision r = current.updateAndGet(old -> new Revision(old.number() + 1, next));
    return r.number();
  }

  /**
   * Decides a connection on the live revision.
   *
   * @param request the connection
   * @return the decision
   */
  public Decision decideNetwork(NetworkRequest request) {
    return current().decideNetwork(request);
  }

  /**
   * Decides a request on the live revision.
   *
   * @param request the request
   * @return the decision
   */
  public Decision decideRequest(L7Request request) {
    return current().decideRequest(request);
  }
}
