package dev.sandboxpolicy.analysis;

import dev.sandboxpolicy.matcher.CompiledPolicy;
import dev.sandboxpolicy.matcher.PolicyCompileException;
import dev.sandboxpolicy.model.AllowRule;
import dev.sandboxpolicy.model.Binary;
import dev.sandboxpolicy.model.Endpoint;
import dev.sandboxpolicy.model.JsonPointer;
import dev.sandboxpolicy.model.NetworkPolicy;
import dev.sandboxpolicy.model.Policy;
import dev.sandboxpolicy.model.Problem;
import dev.sandboxpolicy.model.ProblemCode;
import dev.sandboxpolicy.model.Protocol;
import dev.sandboxpolicy.model.RuleBody;
import dev.sandboxpolicy.model.SourceLocation;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * One policy as the analysis sees it: compiled (the compiled matcher is the judge of every witness), with its entries
 * in key order and its endpoints in the matcher's global order, and the features the analysis does not model.
 */
final class PolicyModel {
  /** Protocols whose requests carry a body view (GraphQL operations, JSON-RPC calls) the analysis does not model. */
  private static final java.util.Set<Protocol> BODY_PROTOCOLS = java.util.EnumSet.of(Protocol.GRAPHQL,
      Protocol.JSON_RPC, Protocol.MCP);

  final String side;
  final Policy policy;
  final CompiledPolicy compiled;
  final List<Entry> entries = new ArrayList<>();
  final List<Ep> endpoints = new ArrayList<>();
  private final java.util.Map<String, Ep> byPointer = new java.util.HashMap<>();
  /** Features used anywhere in the policy that make every answer about it incomplete. */
  final List<String> unsupported = new ArrayList<>();

  /** One network-policy entry. */
  static final class Entry {
    final String key;
    final int index;
    final NetworkPolicy source;
    final List<String> binaries = new ArrayList<>();
    final List<Ep> endpoints = new ArrayList<>();
  private final java.util.Map<String, Ep> byPointer = new java.util.HashMap<>();

    Entry(String key, int index, NetworkPolicy source) {
      this.key = key;
      this.index = index;
      this.source = source;
    }
  }

  /** One endpoint. */
  static final class Ep {
    final Entry entry;
    final int ordinal;
    final String pointer;
    final Endpoint source;
    /** Lower-cased host; {@code ""} for a hostless ({@code allowed_ips}) endpoint. */
    final String host;
    final boolean wildcard;
    final boolean hostless;
    final List<Integer> ports;
    final String protocol;
    final boolean inspected;
    /** Written allow rule bodies (empty when the endpoint uses {@code access}). */
    final List<RuleBody> allow = new ArrayList<>();
    final List<String> allowPointers = new ArrayList<>();
    final List<RuleBody> deny;
    /** Everything of the endpoint that {@link RequestCells} reads: endpoints with equal signatures cut alike. */
    final String requestSignature;
    /**
     * Everything of the endpoint a request decision reads (all but host, ports, TLS and allowed IPs): two connections
     * whose endpoint lists have equal signatures in the same order decide every request alike.
     */
    final String decisionSignature;
    /** Why requests on this endpoint are not modelled, or null. */
    final String bodyProtocol;

    Ep(Entry entry, int ordinal, String pointer, Endpoint e) {
      this.entry = entry;
      this.ordinal = ordinal;
      this.pointer = pointer;
      this.source = e;
      this.host = e.host().toLowerCase(Locale.ROOT);
      this.hostless = e.host().isEmpty();
      this.wildcard = e.host().indexOf('*') >= 0;
      this.ports = e.effectivePorts();
      this.protocol = e.protocol();
      this.inspected = !protocol.isEmpty() && !Protocol.TCP.is(protocol);
      List<AllowRule> rules = e.allowRules();
      for (int i = 0; i < rules.size(); i++) {
        if (rules.get(i).allow().isPresent()) {
          allow.add(rules.get(i).allow().get());
          allowPointers.add(pointer + "/rules/" + i);
        }
      }
      this.deny = e.denyRuleBodies();
      this.requestSignature = e.path() + "\u0000" + inspected + "\u0000" + protocol + "\u0000" + e.allowEncodedSlash()
          + "\u0000" + e.access() + "\u0000" + allow + "\u0000" + deny;
      this.decisionSignature = Endpoint.builder().from(e).host("").port(0).ports(List.of()).allowedIps(List.of())
          .tls("").location(SourceLocation.NONE).build().toString();
      boolean websocketGraphql = Protocol.WEBSOCKET.is(protocol) && allow.stream().anyMatch(
          b -> !b.operationType().isEmpty() || !b.operationName().isEmpty() || !b.fields().isEmpty());
      if (Protocol.fromWireName(protocol).filter(BODY_PROTOCOLS::contains).isPresent()) {
        bodyProtocol = "protocol " + protocol + " at " + pointer + " (its request bodies are not modelled)";
      } else if (websocketGraphql) {
        bodyProtocol = "GraphQL over WebSocket at " + pointer + " (its messages are not modelled)";
      } else {
        bodyProtocol = null;
      }
    }

    /** True when the endpoint matches hosts through a glob (not hostless, not exact). */
    boolean hostIsGlob() {
      return wildcard && !hostless;
    }
  }

  private PolicyModel(String side, Policy policy, CompiledPolicy compiled) {
    this.side = side;
    this.policy = policy;
    this.compiled = compiled;
    Map<String, NetworkPolicy> sorted = new TreeMap<>(policy.networkPolicies());
    for (Map.Entry<String, NetworkPolicy> e : sorted.entrySet()) {
      Entry entry = new Entry(e.getKey(), entries.size(), e.getValue());
      for (Binary b : e.getValue().binaries()) {
        entry.binaries.add(b.path());
      }
      List<Endpoint> eps = e.getValue().endpoints();
      for (int i = 0; i < eps.size(); i++) {
        String pointer = JsonPointer.key("/network_policies", e.getKey()) + "/endpoints/" + i;
        Ep ep = new Ep(entry, endpoints.size(), pointer, eps.get(i));
        entry.endpoints.add(ep);
        endpoints.add(ep);
        byPointer.put(pointer, ep);
        if (!isAscii(ep.host)) {
          unsupported.add(side + " policy: host '" + eps.get(i).host() + "' at " + pointer
              + " is not ASCII (request hosts are analysed as ASCII DNS names)");
        }
      }
      entries.add(entry);
    }
    if (!policy.networkMiddlewares().isEmpty()) {
      unsupported.add(side + " policy: network_middlewares (middleware decisions are not modelled)");
    }
    for (Problem p : compiled.warnings()) {
      if (p.code().equals(ProblemCode.GLOB_INVALID.wireName())) {
        unsupported.add(side + " policy: glob at " + p.pointer() + " does not compile (" + p.message()
            + "); every decision that reads it fails closed, which the analysis does not model");
      }
    }
  }

  /**
   * Compiles a policy for analysis.
   *
   * @param side how results name this policy ({@code boundary}, {@code candidate}, {@code before}, {@code after})
   * @throws PolicyCompileException if the policy has validation errors
   */
  static PolicyModel of(String side, Policy policy) throws PolicyCompileException {
    return new PolicyModel(side, policy, CompiledPolicy.compile(policy));
  }

  /** The endpoint an origin pointer names (an endpoint pointer, or a rule pointer below it), or null. */
  Ep endpointAt(String pointer) {
    int at = pointer.indexOf("/endpoints/");
    if (at < 0) {
      return null;
    }
    int end = pointer.indexOf('/', at + "/endpoints/".length());
    return byPointer.get(end < 0 ? pointer : pointer.substring(0, end));
  }

  /** The rule body a rule pointer names, or null. */
  RuleBody ruleAt(String pointer) {
    Ep e = endpointAt(pointer);
    if (e == null) {
      return null;
    }
    for (int i = 0; i < e.allowPointers.size(); i++) {
      if (pointer.equals(e.allowPointers.get(i))) {
        return e.allow.get(i);
      }
    }
    String denyPrefix = e.pointer + "/deny_rules/";
    if (pointer.startsWith(denyPrefix)) {
      try {
        int i = Integer.parseInt(pointer.substring(denyPrefix.length()));
        return i < e.deny.size() ? e.deny.get(i) : null;
      } catch (NumberFormatException ex) {
        return null;
      }
    }
    return null;
  }

  /** The source position of a pointer into this policy, when the policy was read from text. */
  SourceLocation locate(String pointer) {
    Ep e = endpointAt(pointer);
    return e == null ? SourceLocation.NONE : e.source.location();
  }

  private static boolean isAscii(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) >= 0x80) {
        return false;
      }
    }
    return true;
  }
}
