package dev.sandboxpolicy.examples;

import dev.sandboxpolicy.io.PolicyReader;
import dev.sandboxpolicy.io.ReadMode;
import dev.sandboxpolicy.matcher.CompiledPolicy;
import dev.sandboxpolicy.matcher.Decision;
import dev.sandboxpolicy.matcher.NetworkRequest;
import dev.sandboxpolicy.matcher.PolicyCompileException;
import dev.sandboxpolicy.matcher.PolicyHolder;
import dev.sandboxpolicy.matcher.ReloadFailureMode;
import dev.sandboxpolicy.model.NetworkPolicy;
import dev.sandboxpolicy.model.Policy;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Hot-reloads a policy while request threads keep deciding: a {@link PolicyHolder} compiles each new revision on
 * the reload thread and swaps it in atomically, so every decision sees exactly one revision and none fails while
 * a reload is in progress. An invalid revision is refused and the last valid one stays live.
 *
 * <p>The demo flips a policy between two revisions (with and without the {@code pypi} entry) while worker
 * threads ask "may pip reach pypi.org?" as fast as they can. Every answer must be that of one of the two
 * revisions; run from the repository root: {@code java dev.sandboxpolicy.examples.HotReload}.
 */
public final class HotReload {

  /** What the demo observed. */
  public record Report(long decisions, long allowed, long denied, long reloads, long refusedReloads,
      long inconsistent) {}

  /** A revision that reads but does not compile: {@code access} and {@code rules} on one endpoint. */
  static final String INVALID_REVISION =
      """
      version: 1
      network_policies:
        broken:
          endpoints:
            - host: x.example.com
              port: 443
              protocol: rest
              access: full
              rules:
                - allow: {method: GET, path: /}
          binaries:
            - path: /usr/bin/curl
      """;

  private HotReload() {}

  /**
   * {@code policy} without the network policy {@code key}.
   *
   * @param policy the policy
   * @param key the map key to drop
   * @return the new policy
   */
  public static Policy without(Policy policy, String key) {
    Map<String, NetworkPolicy> entries = new LinkedHashMap<>(policy.networkPolicies());
    entries.remove(key);
    return Policy.builder(policy).networkPolicies(entries).build();
  }

  /**
   * Runs {@code workers} deciding threads and {@code reloads} reloads, alternating {@code with} and
   * {@code without}, with an invalid revision attempted in between.
   *
   * @param with a policy that allows pip to reach pypi.org:443
   * @param without a policy that does not
   * @param workers deciding threads
   * @param reloads how many revisions to swap in
   * @return the counts
   * @throws Exception when a policy does not compile or a thread is interrupted
   */
  public static Report run(Policy with, Policy without, int workers, int reloads) throws Exception {
    PolicyHolder live = PolicyHolder.of(CompiledPolicy.compile(with));
    NetworkRequest pip = NetworkRequest.of("pypi.org", 443, "/usr/bin/pip");
    AtomicBoolean stop = new AtomicBoolean();
    AtomicLong allowed = new AtomicLong();
    AtomicLong denied = new AtomicLong();
    AtomicLong inconsistent = new AtomicLong();
    List<Thread> threads = new ArrayList<>();
    for (int i = 0; i < workers; i++) {
      Thread t = new Thread(() -> {
        while (!stop.get()) {
          Decision d = live.decideNetwork(pip);
          if (d.isAllowed() && d.matchedPolicy().orElse("").equals("pypi")) {
            allowed.incrementAndGet();
          } else if (!d.isAllowed()) {
            denied.incrementAndGet();
          } else {
            inconsistent.incrementAndGet();
          }
        }
      });
      t.start();
      threads.add(t);
    }
    Policy invalid = PolicyReader.of(ReadMode.STRICT).readPolicy(INVALID_REVISION).orElseThrow();
    long refused = 0;
    for (int i = 0; i < reloads; i++) {
      live.update(i % 2 == 0 ? without : with, ReloadFailureMode.RETAIN_LAST_VALID);
      try {
        live.update(invalid, ReloadFailureMode.RETAIN_LAST_VALID);
      } catch (PolicyCompileException e) {
        refused++;
      }
      Thread.sleep(1);
    }
    stop.set(true);
    for (Thread t : threads) {
      t.join();
    }
    return new Report(allowed.get() + denied.get() + inconsistent.get(), allowed.get(), denied.get(), reloads,
        refused, inconsistent.get());
  }

  /**
   * Prints what the demo observed.
   *
   * @param args ignored
   * @throws Exception when the bundled policy cannot be read
   */
  public static void main(String[] args) throws Exception {
    Policy with = PolicyReader.of(ReadMode.STRICT).readPolicy(Path.of("examples/policies/sandbox.yaml")).orElseThrow();
    System.out.println(run(with, without(with, "pypi"), 2, 200));
  }
}
