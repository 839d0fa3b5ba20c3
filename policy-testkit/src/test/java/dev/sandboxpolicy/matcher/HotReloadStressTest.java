package dev.sandboxpolicy.matcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sandboxpolicy.model.AllowRule;
import dev.sandboxpolicy.model.Binary;
import dev.sandboxpolicy.model.Endpoint;
import dev.sandboxpolicy.model.NetworkPolicy;
import dev.sandboxpolicy.model.Policy;
import dev.sandboxpolicy.model.RuleBody;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * Concurrent decisions during hot reloads: several reader threads decide a fixed number of connections and
 * requests while a writer publishes revisions (some of which fail to compile and quarantine). Every decision must
 * come from exactly one published revision: its matched key, its rule pointer and its verdict all name the same
 * revision, the revision is one that was published, and each reader sees revisions in publication order.
 */
class HotReloadStressTest {

  static final int READERS = 4;
  static final int DECISIONS_PER_READER = 20_000;
  static final int REVISIONS = 200;
  static final String QUARANTINE = "network connections not allowed by policy";

  /** Revision {@code r}: one entry {@code rev_r} allowing GET {@code /rev/r/**} on the probe host. */
  static Policy revision(int r) {
    String key = String.format("rev_%04d", r);
    Endpoint ep = Endpoint.builder()
        .host("probe.example.com").port(443).protocol("rest").enforcement("enforce")
        .rules(List.of(AllowRule.builder().allow(RuleBody.builder().method("GET").path("/rev/" + r + "/**").build()).build()))
        .build();
    return Policy.builder().version(1L)
        .putNetworkPolicies(key, NetworkPolicy.builder().addEndpoints(ep).addBinaries(Binary.builder().path("/usr/bin/curl").build()).build())
        .build();
  }

  /** A revision that does not compile (port 0: "must declare at least one port"). */
  static Policy broken(int r) {
    Policy p = revision(r);
    NetworkPolicy entry = p.networkPolicies().values().iterator().next();
    Endpoint ep = Endpoint.builder().from(entry.endpoints().get(0)).port(0).build();
    return Policy.builder().from(p)
        .putNetworkPolicies(p.networkPolicies().keySet().iterator().next(), NetworkPolicy.builder().from(entry).endpoints(List.of(ep)).build())
        .build();
  }

  static int revisionOf(String key) {
    return Integer.parseInt(key.substring("rev_".length()));
  }

  @Test
  void everyDecisionSeesExactlyOneRevision() throws Exception {
    PolicyHolder holder = PolicyHolder.of(CompiledPolicy.compile(revision(0)));
    Set<Integer> published = ConcurrentHashMap.newKeySet();
    published.add(0);
    NetworkRequest conn = NetworkRequest.of("probe.example.com", 443, "/usr/bin/curl");
    ExecutorService pool = Executors.newFixedThreadPool(READERS + 1);
    CountDownLatch start = new CountDownLatch(1);
    // readers decide until the writer is done (and at least DECISIONS_PER_READER times), so that on a busy machine
    // they still overlap the reloads
    AtomicBoolean writing = new AtomicBoolean(true);
    List<Future<int[]>> readers = new ArrayList<>();
    for (int t = 0; t < READERS; t++) {
      final int thread = t;
      readers.add(pool.submit(() -> {
        start.await();
        int last = -1;
        int quarantined = 0;
        int distinct = 0;
        for (int i = 0; i < DECISIONS_PER_READER || writing.get(); i++) {
          Decision network = holder.decideNetwork(conn);
          if (!network.isAllowed()) {
            assertEquals(QUARANTINE, network.reason(), "only the quarantine denies the probe");
            quarantined++;
            continue;
          }
          int r = revisionOf(network.matchedPolicy().orElseThrow());
          assertTrue(published.contains(r), "revision " + r + " was never published");
          assertTrue(r >= last, "thread " + thread + " saw revision " + r + " after " + last);
          if (r != last) {
            distinct++;
          }
          last = r;
          // A request decision on whatever revision is live now: allowed exactly on its own path, and the key and
          // the rule pointer name the same revision.
          Decision request = holder.decideRequest(L7Request.of(conn, "GET", "/rev/" + r + "/x"));
          if (request.isAllowed()) {
            int rr = revisionOf(request.matchedPolicy().orElseThrow());
            assertEquals(rr, r, "allowed /rev/" + r + " only by revision " + r);
            assertTrue(request.rulePointer().startsWith("/network_policies/" + String.format("rev_%04d", rr) + "/"),
                request.rulePointer());
          } else {
            assertTrue(request.reason().equals(QUARANTINE) || request.reason().contains("not permitted"), request.toString());
          }
        }
        return new int[] {quarantined, distinct};
      }));
    }
    Future<Integer> writer = pool.submit(() -> {
      start.await();
      int failures = 0;
      try {
        for (int r = 1; r <= REVISIONS; r++) {
          if (r % 25 == 13) {
            try {
              holder.update(broken(r), ReloadFailureMode.FAIL_CLOSED);
              throw new AssertionError("revision " + r + " must not compile");
            } catch (PolicyCompileException expected) {
              failures++;
            }
            continue;
          }
          published.add(r);
          holder.update(revision(r), r % 10 == 0 ? ReloadFailureMode.RETAIN_LAST_VALID : ReloadFailureMode.FAIL_CLOSED);
          Thread.yield();
        }
      } finally {
        writing.set(false);
      }
      return failures;
    });
    start.countDown();
    int failures = writer.get(60, TimeUnit.SECONDS);
    List<int[]> stats = new ArrayList<>();
    for (Future<int[]> f : readers) {
      stats.add(f.get(60, TimeUnit.SECONDS));
    }
    pool.shutdown();
    assertTrue(pool.awaitTermination(10, TimeUnit.SECONDS));
    assertEquals(REVISIONS / 25, failures);
    // revisions: 1 initial + 200 updates (8 of them quarantines) = 201 swaps after the first
    assertEquals(1 + REVISIONS, holder.revision());
    assertEquals(String.format("rev_%04d", REVISIONS),
        holder.decideNetwork(conn).matchedPolicy().orElse("quarantine"), "the last good revision is live");
    System.out.println("[robustness] hot reload | " + READERS + " readers x " + DECISIONS_PER_READER
        + " decisions, " + REVISIONS + " revisions (" + failures + " failed -> quarantine) | per reader [quarantined, revisions seen]: "
        + stats.stream().map(a -> "[" + a[0] + ", " + a[1] + "]").toList());
    int seen = stats.stream().mapToInt(a -> a[1]).sum();
    assertTrue(seen > READERS, "the readers must overlap the reloads (revisions seen: " + seen + ")");
  }
}
