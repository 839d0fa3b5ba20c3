package dev.sandboxpolicy.analysis;

import dev.sandboxpolicy.matcher.CompiledPolicy;
import dev.sandboxpolicy.matcher.L7Request;
import dev.sandboxpolicy.matcher.NetworkRequest;
import dev.sandboxpolicy.matcher.PolicyCompileException;
import dev.sandboxpolicy.model.Access;
import dev.sandboxpolicy.model.Binary;
import dev.sandboxpolicy.model.Endpoint;
import dev.sandboxpolicy.model.Enforcement;
import dev.sandboxpolicy.model.NetworkPolicy;
import dev.sandboxpolicy.model.Policy;
import dev.sandboxpolicy.model.Protocol;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which request methods an endpoint's {@code access} preset allows (spec §1.8), decided by the compiled matcher on a
 * probe policy with one endpoint per preset and protocol family (websocket, or anything else REST-shaped): the
 * expansion lives in the matcher, and the analysis asks it rather than keeping a copy. A preset's rules match every
 * path and read no query, so the method decides.
 */
final class AccessPresetMethods {
  private static final String AGENT = "/probe/agent";
  private static final int PORT = 443;
  private static final CompiledPolicy PROBE = probe();
  private static final Map<String, Boolean> DECIDED = new ConcurrentHashMap<>();

  private AccessPresetMethods() {}

  /**
   * Whether the preset allows the method.
   *
   * @param access the preset as written (an unknown one allows nothing, as in the matcher)
   * @param websocket whether the endpoint's protocol is {@code websocket}
   * @param method the request method
   * @return the matcher's answer
   */
  static boolean allows(String access, boolean websocket, String method) {
    if (Access.fromWireName(access).isEmpty()) {
      return false;
    }
    return DECIDED.computeIfAbsent(access + " " + websocket + " " + method, k -> {
      NetworkRequest conn = NetworkRequest.of(host(access, websocket), PORT, AGENT);
      return PROBE.decideRequest(L7Request.of(conn, method, "/")).isAllowed();
    });
  }

  private static String host(String access, boolean websocket) {
    return access + (websocket ? "-ws" : "-rest") + ".access.invalid";
  }

  private static CompiledPolicy probe() {
    Map<String, NetworkPolicy> entries = new LinkedHashMap<>();
    for (Access a : Access.values()) {
      for (boolean websocket : new boolean[] {false, true}) {
        Endpoint e = Endpoint.builder().host(host(a.wireName(), websocket)).port(PORT)
            .protocol((websocket ? Protocol.WEBSOCKET : Protocol.REST).wireName())
            .enforcement(Enforcement.ENFORCE.wireName()).access(a.wireName()).build();
        entries.put(a.name().toLowerCase(java.util.Locale.ROOT) + (websocket ? "_ws" : "_rest"),
            NetworkPolicy.builder().addEndpoints(e).addBinaries(Binary.builder().path(AGENT).build()).build());
      }
    }
    try {
      return CompiledPolicy.compile(Policy.builder().version(1L).networkPolicies(entries).build());
    } catch (PolicyCompileException e) {
      throw new IllegalStateException("the access preset probe policy does not compile: " + e.getMessage(), e);
    }
  }
}
