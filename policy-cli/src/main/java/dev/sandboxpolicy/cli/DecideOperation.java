package dev.sandboxpolicy.cli;

import dev.sandboxpolicy.io.ReadMode;
import dev.sandboxpolicy.matcher.CompiledPolicy;
import dev.sandboxpolicy.matcher.Decision;
import dev.sandboxpolicy.matcher.L7Request;
import dev.sandboxpolicy.matcher.MatcherOptions;
import dev.sandboxpolicy.matcher.PolicyCompileException;
import dev.sandboxpolicy.matcher.PolicyHolder;
import dev.sandboxpolicy.matcher.RequestTargetException;
import dev.sandboxpolicy.traffic.input.DecisionRequest;
import java.util.LinkedHashMap;
import tools.jackson.databind.node.ObjectNode;

/**
 * The protocol's {@code decide}: a network (L4) decision, or with {@code method} an L7 request decision, against
 * a policy sent as text.
 *
 * <p>Clients usually send the same policy with every request, so recently compiled policies are kept, keyed by
 * their text, mode and binary-identity setting; a cache hit costs one map lookup instead of a parse and a compile.
 * The cache is bounded twice: at most {@value #CACHED_POLICIES} policies, and at most {@link #CACHE_BUDGET_BYTES}
 * of estimated retained memory ({@value #RETAINED_BYTES_PER_CHAR} bytes per character of policy text); the least
 * recently used policies go first, and a policy larger than the whole budget is compiled for its request and not
 * kept. The server is single-threaded, so the cache needs no locking.
 */
final class DecideOperation implements Operation {

  /** How many compiled policies are kept between requests at most. */
  static final int CACHED_POLICIES = 8;

  /**
   * Estimated memory a compiled policy keeps alive, per character of its text (text, model, compiled matchers):
   * measured at 18 bytes per character for generated REST policies of 2,000 and 10,000 entries (docs/robustness.md),
   * rounded up to leave room for richer policies.
   */
  static final long RETAINED_BYTES_PER_CHAR = 32;

  /** The cache's memory budget: 64 MiB of estimated retained memory, and never more than a quarter of the heap. */
  static final long CACHE_BUDGET_BYTES = Math.min(64L << 20, Runtime.getRuntime().maxMemory() / 4);

  private record Key(String policy, ReadMode mode, boolean binaryIdentity) {
    long weight() {
      return policy.length() * RETAINED_BYTES_PER_CHAR;
    }
  }

  private final LinkedHashMap<Key, CompiledPolicy> cache = new LinkedHashMap<>(16, 0.75f, true);
  private final long budget;
  private long cachedWeight;
  /** The policy of {@code serve --watch}, used when a request has no {@code policy}; null without --watch. */
  private final PolicyHolder watched;
  /** The endpoint-only variant of a watched revision ({@code binary_identity: false}), and the revision it is of. */
  private CompiledPolicy endpointOnlyOf;
  private CompiledPolicy endpointOnly;

  DecideOperation() {
    this(CACHE_BUDGET_BYTES, null);
  }

  /**
   * An operation whose cache keeps at most {@code budget} bytes of estimated retained memory, deciding requests
   * without {@code policy} on {@code watched} (null: {@code policy} is required).
   */
  DecideOperation(long budget, PolicyHolder watched) {
    this.budget = budget;
    this.watched = watched;
  }

  /** The estimated memory the cache keeps (for tests). */
  long cachedWeight() {
    return cachedWeight;
  }

  /** How many compiled policies the cache keeps (for tests). */
  int cachedPolicies() {
    return cache.size();
  }

  @Override
  public void releaseMemory() {
    cache.clear();
    cachedWeight = 0;
    endpointOnlyOf = null;
    endpointOnly = null;
  }

  @Override
  public void apply(RequestFields request, ObjectNode response) throws ProtocolError {
    java.util.Optional<String> text = request.string("policy");
    if (text.isEmpty() && watched == null) {
      throw ProtocolError.badRequest("'policy' is required (a string)");
    }
    ReadMode mode = ProtocolOperations.mode(request);
    boolean binaryIdentity = request.bool("binary_identity", true);
    RequestFields fields =
        request.object("request").orElseThrow(() -> ProtocolError.badRequest("'request' is required (an object)"));
    DecisionRequest decoded = fields.decisionRequest(false);
    CompiledPolicy compiled =
        text.isPresent() ? compiled(new Key(text.get(), mode, binaryIdentity)) : watched(binaryIdentity);
    Decision decision;
    if (decoded.isRequest()) {
      L7Request l7 = decoded.l7(decoded.path(), decoded.query());
      if (l7.pathRejection().isPresent()) { // a path the proxy must reject: refused with the canonicalization code
        RequestTargetException e = l7.pathRejection().get();
        throw new ProtocolError(e.code(), "the request path is rejected: " + e.getMessage());
      }
      decision = compiled.decideRequest(l7);
    } else {
      decision = compiled.decideNetwork(decoded.connection());
    }
    DecisionJson.fill(response, decision);
  }

  private CompiledPolicy compiled(Key key) throws ProtocolError {
    CompiledPolicy cached = cache.get(key);
    if (cached != null) {
      return cached;
    }
    CompiledPolicies.Outcome outcome =
        CompiledPolicies.compile(
            key.policy(), key.mode(), MatcherOptions.defaults().withBinaryIdentity(key.binaryIdentity()));
    if (!outcome.ok()) {
      throw ProtocolOperations.invalidPolicy("the policy does not load", outcome.problems());
    }
    remember(key, outcome.compiled());
    return outcome.compiled();
  }

  private void remember(Key key, CompiledPolicy compiled) {
    if (key.weight() > budget) {
      return; // larger than the whole budget: compiled for this request only
    }
    cache.put(key, compiled);
    cachedWeight += key.weight();
    var eldest = cache.entrySet().iterator();
    while ((cachedWeight > budget || cache.size() > CACHED_POLICIES) && eldest.hasNext()) {
      Key k = eldest.next().getKey();
      eldest.remove();
      cachedWeight -= k.weight();
    }
  }

  /** The live revision of the watched file, or its endpoint-only variant (compiled once per revision). */
  private CompiledPolicy watched(boolean binaryIdentity) throws ProtocolError {
    CompiledPolicy live = watched.current();
    if (binaryIdentity == live.options().binaryIdentity()) {
      return live;
    }
    if (endpointOnlyOf != live) {
      try {
        endpointOnly = CompiledPolicy.compile(live.policy(), live.options().withBinaryIdentity(binaryIdentity));
      } catch (PolicyCompileException e) {
        throw ProtocolOperations.invalidPolicy("the watched policy does not load", e.problems());
      }
      endpointOnlyOf = live;
    }
    return endpointOnly;
  }
}
