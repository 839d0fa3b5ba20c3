package dev.sandboxpolicy.cli;

import dev.sandboxpolicy.io.ReadMode;
import dev.sandboxpolicy.matcher.CompiledPolicy;
import dev.sandboxpolicy.matcher.Decision;
import dev.sandboxpolicy.matcher.L7Request;
import dev.sandboxpolicy.matcher.MatcherOptions;
import dev.sandboxpolicy.matcher.RequestTargetException;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.node.ObjectNode;

/**
 * The protocol's {@code decide}: a network (L4) decision, or with {@code method} an L7 request decision, against
 * a policy sent as text.
 *
 * <p>Clients usually send the same policy with every request, so the last {@value #CACHED_POLICIES} compiled
 * policies are kept, keyed by their text, mode and binary-identity setting; a cache hit costs one map lookup
 * instead of a parse and a compile. The server is single-threaded, so the cache needs no locking.
 */
final class DecideOperation implements Operation {

  /** How many compiled policies are kept between requests. */
  static final int CACHED_POLICIES = 8;

  private record Key(String policy, ReadMode mode, boolean binaryIdentity) {}

  private final Map<Key, CompiledPolicy> cache =
      new LinkedHashMap<>(16, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<Key, CompiledPolicy> eldest) {
          return size() > CACHED_POLICIES;
        }
      };

  @Override
  public void apply(RequestFields request, ObjectNode response) throws ProtocolError {
    String text = request.requireString("policy");
    ReadMode mode = ProtocolOperations.mode(request);
    boolean binaryIdentity = request.bool("binary_identity", true);
    RequestFields fields =
        request.object("request").orElseThrow(() -> ProtocolError.badRequest("'request' is required (an object)"));
    DecisionRequest decoded = DecisionRequest.decode(fields, false);
    CompiledPolicy compiled = compiled(new Key(text, mode, binaryIdentity));
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
    cache.put(key, outcome.compiled());
    return outcome.compiled();
  }
}
