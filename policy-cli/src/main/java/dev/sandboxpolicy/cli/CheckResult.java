package dev.sandboxpolicy.cli;

import dev.sandboxpolicy.matcher.CanonicalTarget;
import dev.sandboxpolicy.matcher.CompiledPolicy;
import dev.sandboxpolicy.matcher.Decision;
import dev.sandboxpolicy.matcher.L7Request;
import dev.sandboxpolicy.matcher.RequestTargetException;
import dev.sandboxpolicy.model.Endpoint;
import dev.sandboxpolicy.model.JsonPointer;
import dev.sandboxpolicy.model.NetworkPolicy;
import dev.sandboxpolicy.model.SourceLocation;
import dev.sandboxpolicy.model.SourceMap;
import dev.sandboxpolicy.traffic.input.DecisionRequest;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import tools.jackson.databind.node.ObjectNode;

/**
 * What {@code policyctl check} found for one request: the network decision and, for a request decision on an
 * allowed connection, the L7 decision (or the proxy's rejection of the request target). The {@link #decision()}
 * is the one that counts: the network decision when the connection is refused, else the request decision.
 */
record CheckResult(
    DecisionRequest request, Decision network, Optional<Decision> l7, Optional<RequestTargetException> rejected) {

  /** Decides {@code request} the way the proxy would: connection first, then the request on it. */
  static CheckResult decide(CompiledPolicy compiled, DecisionRequest request) {
    return decide(compiled, request, compiled::decideRequest);
  }

  /**
   * {@link #decide(CompiledPolicy, DecisionRequest)}, with the request decision (when one is made) taken from
   * {@code requestDecision}, for example from {@link CompiledPolicy#trace(L7Request)}.
   */
  static CheckResult decide(
      CompiledPolicy compiled, DecisionRequest request, Function<L7Request, Decision> requestDecision) {
    Decision network = compiled.decideNetwork(request.connection());
    if (!request.isRequest() || !network.isAllowed()) {
      return new CheckResult(request, network, Optional.empty(), Optional.empty());
    }
    String path = request.path();
    var query = request.query();
    if (request.target().isPresent()) {
      try {
        CanonicalTarget target =
            CanonicalTarget.parse(request.target().get(), allowsEncodedSlash(compiled, network.rulePointer()));
        path = target.path();
        query = target.query();
      } catch (RequestTargetException e) {
        return new CheckResult(request, network, Optional.empty(), Optional.of(e));
      }
    }
    L7Request l7 = request.l7(path, query);
    if (l7.pathRejection().isPresent()) { // a raw 'path' the proxy must reject (the decision would deny it too)
      return new CheckResult(request, network, Optional.empty(), l7.pathRejection());
    }
    return new CheckResult(request, network, Optional.of(requestDecision.apply(l7)), Optional.empty());
  }

  /** Whether the endpoint at {@code pointer} ({@code /network_policies/KEY/endpoints/I}) sets allow_encoded_slash. */
  private static boolean allowsEncodedSlash(CompiledPolicy compiled, String pointer) {
    List<String> tokens = pointer.startsWith("/") ? JsonPointer.tokens(pointer) : List.of();
    if (tokens.size() < 4 || !tokens.get(0).equals("network_policies") || !tokens.get(2).equals("endpoints")) {
      return false;
    }
    try {
      int index = Integer.parseInt(tokens.get(3));
      NetworkPolicy entry = compiled.policy().networkPolicies().get(tokens.get(1));
      List<Endpoint> endpoints = entry == null ? List.of() : entry.endpoints();
      return index < endpoints.size() && endpoints.get(index).allowEncodedSlash();
    } catch (NumberFormatException e) {
      return false;
    }
  }

  /** Whether the request may go through (the deciding verdict is allow). */
  boolean allowed() {
    return rejected.isEmpty() && decision().isAllowed();
  }

  /** The deciding decision (see the type's description). */
  Decision decision() {
    return l7.orElse(network);
  }

  /** {@code allow}, {@code deny} or {@code error}. */
  String verdict() {
    return rejected.isPresent() ? "deny" : DecisionJson.verdict(decision());
  }

  /** The reason, in words, for allow as well as deny. */
  String reason() {
    if (rejected.isPresent()) {
      return "the proxy rejects the request target (" + rejected.get().code() + "): " + rejected.get().getMessage();
    }
    Decision d = decision();
    if (!d.isAllowed()) {
      return d.reason();
    }
    String why = l7.isPresent()
        ? "a rule of network policy '" + d.matchedPolicy().orElse("?") + "' allows the request"
        : "network policy '" + d.matchedPolicy().orElse("?") + "' allows this binary to reach this endpoint";
    return d.reason().isEmpty() ? why : why + "; " + d.reason(); // the decision says whether the destination was checked
  }

  /** The deciding rule's position: the decision's own, else the nearest node in the source map. */
  SourceLocation ruleLocation(SourceMap map) {
    Decision d = decision();
    if (d.ruleLocation().line() > 0 || d.rulePointer().isEmpty()) {
      return d.ruleLocation();
    }
    return map.nearest(d.rulePointer());
  }

  /** The protocol's decide fields, plus {@code rule} ({@code pointer}, {@code line}, {@code column}) and {@code network}. */
  ObjectNode toJson(SourceMap map) {
    ObjectNode o = Json.object();
    if (rejected.isPresent()) {
      o.put("decision", "deny");
      o.put("matched_policy", network.matchedPolicy().orElse(null));
      o.put("reason", reason());
      o.putNull("enforcement");
      o.putNull("http_status");
      o.put("target_rejected", rejected.get().code());
    } else {
      DecisionJson.fill(o, decision());
    }
    Decision d = decision();
    if (rejected.isEmpty() && !d.rulePointer().isEmpty()) {
      SourceLocation at = ruleLocation(map);
      ObjectNode rule = o.putObject("rule");
      rule.put("pointer", d.rulePointer());
      Json.position(rule, at.line(), at.column());
    } else {
      o.putNull("rule");
    }
    if (request.isRequest()) {
      o.set("network", DecisionJson.fill(Json.object(), network));
    }
    return o;
  }
}
