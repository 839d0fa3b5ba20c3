package dev.sandboxpolicy.matcher;

import dev.sandboxpolicy.model.Binary;
import dev.sandboxpolicy.model.JsonPointer;
import dev.sandboxpolicy.model.NetworkPolicy;
import dev.sandboxpolicy.model.PersistedQuery;
import dev.sandboxpolicy.model.Protocol;
import dev.sandboxpolicy.model.glob.GlobDelimiters;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Computes {@link MatchTrace}s: the decision, then every item that matched (see {@link MatchTrace} for what counts).
 * Not on the decision path: it allocates, compiles binary globs per binary, and tries every rule where a decision
 * stops at the first match. The rule matching reuses the decision's own primitives ({@link CompiledRule}), dispatched
 * by protocol the way {@link EndpointVerdict} dispatches them; a property test holds the two together.
 */
final class Tracer {

  private Tracer() {}

  /** Every item of {@code p} that a trace can name, in document order (entries as the policy lists them). */
  static List<MatchTrace.Item> items(CompiledPolicy p) {
    Map<String, CompiledEntry> byKey = new java.util.HashMap<>();
    for (CompiledEntry e : p.entries()) {
      byKey.put(e.key, e);
    }
    List<MatchTrace.Item> out = new ArrayList<>();
    for (Map.Entry<String, NetworkPolicy> e : p.policy().networkPolicies().entrySet()) {
      CompiledEntry entry = byKey.get(e.getKey());
      String pointer = entryPointer(e.getKey());
      out.add(new MatchTrace.Item(MatchTrace.Kind.ENTRY, pointer, e.getValue().location()));
      for (CompiledEndpoint endpoint : entry.endpoints) {
        out.add(new MatchTrace.Item(MatchTrace.Kind.ENDPOINT, endpoint.pointer(), endpoint.location));
        Set<String> seen = new java.util.HashSet<>();
        for (CompiledRule r : endpoint.allow) {
          if (seen.add(r.pointer())) { // an access preset compiles to several rules with one pointer
            out.add(new MatchTrace.Item(MatchTrace.Kind.ALLOW_RULE, r.pointer(), r.location));
          }
        }
        for (CompiledRule r : endpoint.deny) {
          out.add(new MatchTrace.Item(MatchTrace.Kind.DENY_RULE, r.pointer(), r.location));
        }
      }
      List<Binary> binaries = e.getValue().binaries();
      for (int i = 0; i < binaries.size(); i++) {
        out.add(new MatchTrace.Item(
            MatchTrace.Kind.BINARY, JsonPointer.index(pointer + "/binaries", i), binaries.get(i).location()));
      }
    }
    return List.copyOf(out);
  }

  /** The trace of a network decision. */
  static MatchTrace network(CompiledPolicy p, NetworkRequest request) {
    Decision d = p.decideNetwork(request);
    Set<String> matched = new LinkedHashSet<>();
    if (d.verdict() != Verdict.ERROR) {
      connection(p, request, matched);
    }
    return new MatchTrace(d, matched);
  }

  /** The trace of a request decision. */
  static MatchTrace request(CompiledPolicy p, L7Request request) {
    List<CompiledEndpoint> allowing = new ArrayList<>();
    boolean rulesReached;
    Decision d;
    EvaluationScratch s = p.scratch();
    try {
      d = p.decideRequest(request, s);
      rulesReached = s.rulesReached;
      if (rulesReached) {
        for (int i = 0; i < s.count; i++) {
          allowing.add(s.candidates[i]);
        }
      }
    } finally {
      s.reset();
    }
    Set<String> matched = new LinkedHashSet<>();
    if (d.verdict() == Verdict.ERROR) {
      return new MatchTrace(d, matched);
    }
    connection(p, request.connection(), matched);
    if (rulesReached) {
      for (CompiledEndpoint e : allowing) {
        rules(e, request, s, matched);
      }
      s.reset();
    }
    return new MatchTrace(d, matched);
  }

  // ------------------------------------------------------------------------------------------ connection

  /** Entries, endpoints and binaries the connection matched. */
  private static void connection(CompiledPolicy p, NetworkRequest request, Set<String> matched) {
    List<CompiledEndpoint> hostAndPort = new ArrayList<>();
    EvaluationScratch s = p.scratch();
    try {
      if (!p.collectCandidates(request, s)) {
        return;
      }
      for (int i = 0; i < s.count; i++) {
        hostAndPort.add(s.candidates[i]);
      }
    } finally {
      s.reset();
    }
    boolean identity = p.options().binaryIdentity();
    Map<CompiledEntry, Boolean> allowed = new IdentityHashMap<>();
    for (CompiledEndpoint e : hostAndPort) {
      Boolean entryAllowed = allowed.get(e.entry);
      if (entryAllowed == null) {
        try {
          entryAllowed = e.entry.binaryAllowed(request, identity, s) == GlobMatcher.MATCH;
        } finally {
          s.reset();
        }
        allowed.put(e.entry, entryAllowed);
        if (identity) {
          binaries(p, e.entry, request, matched);
        }
      }
      if (entryAllowed) {
        matched.add(entryPointer(e.entry.key));
        matched.add(e.pointer());
      }
    }
  }

  /** The binaries of {@code entry} that match the executable or an ancestor (literal by equality, else a glob). */
  private static void binaries(CompiledPolicy p, CompiledEntry entry, NetworkRequest request, Set<String> matched) {
    List<Binary> binaries = p.policy().networkPolicies().get(entry.key).binaries();
    List<String> paths = new ArrayList<>(request.ancestors().size() + 1);
    paths.add(request.binary());
    paths.addAll(request.ancestors());
    for (int i = 0; i < binaries.size(); i++) {
      String written = binaries.get(i).path();
      boolean match = false;
      if (written.indexOf('*') < 0) {
        match = paths.contains(written);
      } else {
        Glob g = Glob.of(written, GlobDelimiters.SLASH);
        for (String path : paths) {
          match |= g.evaluate(path) == GlobMatcher.MATCH;
        }
      }
      if (match) {
        matched.add(JsonPointer.index(entryPointer(entry.key) + "/binaries", i));
      }
    }
  }

  // ------------------------------------------------------------------------------------------ rules

  /** Every rule of {@code e} that matches {@code r}, when the endpoint's path selector matches. */
  private static void rules(CompiledEndpoint e, L7Request r, EvaluationScratch s, Set<String> matched) {
    if (e.selectorMatches(r.path(), s) != GlobMatcher.MATCH) {
      return;
    }
    if (e.graphqlPolicy && r.graphql().isPresent()) {
      graphql(e, r.graphql().get(), s, matched);
    } else if (e.isJsonRpcFamily()) {
      if (r.jsonRpc().isPresent()) {
        for (JsonRpcCall call : r.jsonRpc().get().calls()) {
          if (e.protocol == Protocol.MCP) {
            mcp(e, r, call, s, matched);
          } else {
            jsonRpc(e, r, call, matched);
          }
        }
      }
    } else {
      for (CompiledRule rule : e.deny) {
        mark(rule.matchesRest(r, true, s), rule, matched);
      }
      for (CompiledRule rule : e.allow) {
        mark(rule.matchesRest(r, false, s), rule, matched);
      }
    }
  }

  private static void graphql(CompiledEndpoint e, GraphqlRequest g, EvaluationScratch s, Set<String> matched) {
    if (g.lifecycle() || g.error().isPresent()) {
      return;
    }
    for (GraphqlOperation op : g.operations()) {
      String type = op.operationType();
      String name = op.operationName();
      List<String> fields = op.fields();
      if (op.persistedQuery() && type.isEmpty()) {
        PersistedQuery registered = e.registeredQuery(op);
        if (registered == null) {
          return; // the endpoint refuses the request here, before any rule of this or a later operation
        }
        type = registered.operationType();
        name = registered.operationName();
        fields = registered.fields();
      }
      for (CompiledRule rule : e.deny) {
        mark(rule.deniesOperation(type, name, fields, s), rule, matched);
      }
      for (CompiledRule rule : e.allow) {
        mark(rule.allowsOperation(type, name, fields, s), rule, matched);
      }
    }
  }

  private static void jsonRpc(CompiledEndpoint e, L7Request r, JsonRpcCall call, Set<String> matched) {
    for (CompiledRule rule : e.deny) {
      mark(rule.jsonRpcMethodMatches(call.method()) ? GlobMatcher.MATCH : GlobMatcher.NO_MATCH, rule, matched);
    }
    if ("POST".equals(r.method())) {
      for (CompiledRule rule : e.allow) {
        mark(rule.jsonRpcMethodMatches(call.method()) ? GlobMatcher.MATCH : GlobMatcher.NO_MATCH, rule, matched);
      }
    }
  }

  private static void mcp(CompiledEndpoint e, L7Request r, JsonRpcCall call, EvaluationScratch s, Set<String> matched) {
    if (e.strictToolNames && call.paramsName().isPresent()
        && !EndpointVerdict.validToolName(call.paramsName().get())) {
      return; // refused as an invalid tool name before the rules
    }
    for (CompiledRule rule : e.deny) {
      mark(rule.mcpMatches(call, s), rule, matched);
    }
    if ("POST".equals(r.method())) {
      for (CompiledRule rule : e.allow) {
        mark(rule.mcpMatches(call, s), rule, matched);
      }
    }
  }

  private static void mark(int result, CompiledRule rule, Set<String> matched) {
    if (result == GlobMatcher.MATCH) {
      matched.add(rule.pointer());
    }
  }

  private static String entryPointer(String key) {
    return JsonPointer.key("/network_policies", key);
  }
}
