package dev.sandboxpolicy.benchmarks.workload;

import dev.sandboxpolicy.benchmarks.baseline.BaselineDecision;
import dev.sandboxpolicy.benchmarks.baseline.NaiveRegexPolicy;
import dev.sandboxpolicy.matcher.CompiledPolicy;
import dev.sandboxpolicy.matcher.Decision;
import dev.sandboxpolicy.matcher.L7Request;
import dev.sandboxpolicy.matcher.NetworkRequest;
import dev.sandboxpolicy.matcher.PolicyCompileException;
import dev.sandboxpolicy.model.Policy;
import java.util.ArrayList;
import java.util.List;

/**
 * One policy and its request mixes, prepared for every contender: the compiled matcher with its request objects
 * built up front (so that a benchmark times the decision, not the construction of its input), and the naive baseline
 * with the same cases as plain strings.
 */
public final class PreparedWorkload {
  /** The seed of every request mix. */
  public static final long MIX_SEED = 20261124L;

  private final Policy policy;
  private final CompiledPolicy compiled;
  private final NaiveRegexPolicy naive;
  private final RequestMix mix;

  private PreparedWorkload(Policy policy, CompiledPolicy compiled, NaiveRegexPolicy naive, RequestMix mix) {
    this.policy = policy;
    this.compiled = compiled;
    this.naive = naive;
    this.mix = mix;
  }

  /**
   * Compiles the policy for both contenders and draws its mixes with {@link #MIX_SEED}.
   *
   * @param policy the policy
   * @return the workload
   * @throws IllegalStateException if the matcher refuses the policy
   */
  public static PreparedWorkload of(Policy policy) {
    CompiledPolicy compiled;
    try {
      compiled = CompiledPolicy.compile(policy);
    } catch (PolicyCompileException e) {
      throw new IllegalStateException("the matcher refuses the benchmark policy: " + e.problems(), e);
    }
    return new PreparedWorkload(policy, compiled, NaiveRegexPolicy.of(policy), RequestMix.draw(policy, MIX_SEED));
  }

  /**
   * Returns the policy.
   *
   * @return the policy
   */
  public Policy policy() {
    return policy;
  }

  /**
   * Returns the compiled matcher.
   *
   * @return ours
   */
  public CompiledPolicy compiled() {
    return compiled;
  }

  /**
   * Returns the naive baseline.
   *
   * @return the baseline
   */
  public NaiveRegexPolicy naive() {
    return naive;
  }

  /**
   * Returns the mixes.
   *
   * @return the mixes
   */
  public RequestMix mix() {
    return mix;
  }

  /**
   * The matcher's input for a connection.
   *
   * @param c the case
   * @return the request
   */
  public static NetworkRequest toNetworkRequest(NetworkCase c) {
    return NetworkRequest.of(c.host(), c.port(), c.binary()).withAncestors(c.ancestors());
  }

  /**
   * The matcher's input for a REST request.
   *
   * @param r the case
   * @return the request
   */
  public static L7Request toL7Request(RestCase r) {
    return L7Request.of(toNetworkRequest(r.connection()), r.method(), r.path()).withQuery(r.query());
  }

  /**
   * Converts connections.
   *
   * @param cases the cases
   * @return the requests, same order
   */
  public static NetworkRequest[] networkRequests(List<NetworkCase> cases) {
    return cases.stream().map(PreparedWorkload::toNetworkRequest).toArray(NetworkRequest[]::new);
  }

  /**
   * Converts REST requests.
   *
   * @param cases the cases
   * @return the requests, same order
   */
  public static L7Request[] l7Requests(List<RestCase> cases) {
    return cases.stream().map(PreparedWorkload::toL7Request).toArray(L7Request[]::new);
  }

  /**
   * Interleaves two lists (a, b, a, b, ...), for mixes of allowed and denied cases.
   *
   * @param a the first list
   * @param b the second list
   * @param <T> the element type
   * @return the interleaved list, as long as the shorter list times two
   */
  public static <T> List<T> interleave(List<T> a, List<T> b) {
    List<T> out = new ArrayList<>();
    for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
      out.add(a.get(i));
      out.add(b.get(i));
    }
    return out;
  }

  /**
   * Cases where the compiled matcher and the naive baseline disagree on the verdict (allow, deny, error) or, for an
   * allowed connection, on the matched network-policy key. Empty when they agree. Requests on connections without an
   * inspected endpoint ({@link Decision#notInspected()}) are not compared: upstream makes no L7 decision there, the
   * naive port models Rego's {@code allow_request} only, and the matcher fails closed.
   *
   * @return one line per disagreement
   */
  public List<String> disagreements() {
    List<String> out = new ArrayList<>();
    List<NetworkCase> connections = new ArrayList<>(mix.allowedConnections());
    connections.addAll(mix.deniedConnections());
    for (NetworkCase c : connections) {
      Decision ours = compiled.decideNetwork(toNetworkRequest(c));
      BaselineDecision theirs = naive.decideNetwork(c.host(), c.port(), c.binary(), c.ancestors());
      if (!sameVerdict(ours, theirs)
          || (theirs.allowed() && !ours.matchedPolicy().orElse("").equals(theirs.matchedPolicy()))) {
        out.add("network " + c + ": ours " + ours + ", naive " + theirs);
      }
    }
    List<RestCase> requests = new ArrayList<>(mix.allowedRequests());
    requests.addAll(mix.deniedRequests());
    for (RestCase r : requests) {
      Decision ours = compiled.decideRequest(toL7Request(r));
      if (ours.notInspected()) {
        continue;
      }
      NetworkCase c = r.connection();
      BaselineDecision theirs =
          naive.decideRequest(c.host(), c.port(), c.binary(), c.ancestors(), r.method(), r.path(), r.query());
      if (!sameVerdict(ours, theirs)) {
        out.add("request " + r + ": ours " + ours + ", naive " + theirs);
      }
    }
    return out;
  }

  private static boolean sameVerdict(Decision ours, BaselineDecision theirs) {
    return ours.verdict().name().equals(theirs.outcome().name());
  }
}
