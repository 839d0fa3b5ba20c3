package dev.sandboxpolicy.matcher;

import dev.sandboxpolicy.model.RuleBody;
import dev.sandboxpolicy.model.SourceLocation;
import dev.sandboxpolicy.model.ValueMatcher;
import dev.sandboxpolicy.model.glob.GlobDelimiters;
import java.util.List;
import java.util.Map;

/**
 * One allow or deny rule body compiled for every protocol that may read it (spec §3.5, §3.7, §3.8). Which fields
 * apply is decided by the endpoint's protocol, not here.
 */
final class CompiledRule extends DecisionSite {
  static final String ANY = RequestMethods.ANY;
  private static final String[] NO_KEYS = {};
  private static final ValueGlobs[] NO_MATCHERS = {};
  private static final Glob[] NO_GLOBS = {};

  /** {@link #site} of the rules an {@code access} preset stands for (they share the pointer {@code .../access}). */
  static final int ACCESS = -1;
  /** {@link #site} of the rule {@code allow_all_known_mcp_methods} stands for ({@code .../mcp}). */
  static final int MCP_ALLOW_ALL = -2;
  /** {@link #site} of deny rule {@code i} is {@code DENY + i} ({@code .../deny_rules/i}). */
  static final int DENY = 1 << 20;

  /** The endpoint the rule belongs to. */
  final CompiledEndpoint endpoint;
  /** Where it is written: {@code i} ({@code rules/i}), {@link #ACCESS}, {@link #MCP_ALLOW_ALL}, {@link #DENY} + i. */
  private final int site;
  final String method;
  /** The {@link RequestMethods} ids {@link #method} matches. */
  private final int methodMask;
  private final Glob path;
  private final boolean pathMatchesAll;
  private final String[] queryKeys;
  private final ValueGlobs[] queryMatchers;
  final String operationType;
  private final Glob operationName;
  private final Glob[] fields;
  private final Glob mcpMethod;
  final ValueGlobs mcpName;

  CompiledRule(CompiledEndpoint endpoint, RuleBody body, int site, SourceLocation location, CompileCache cache) {
    this(endpoint, body, site, location, cache, RequestMethods.mask(body.method()));
  }

  /**
   * A rule whose REST method test is {@code methodMask} (for one rule standing for several that differ only in a
   * known method: an {@code access} preset on a REST or WebSocket endpoint). {@link #method} is the body's.
   */
  CompiledRule(CompiledEndpoint endpoint, RuleBody body, int site, SourceLocation location, CompileCache cache,
      int methodMask) {
    super(location);
    this.endpoint = endpoint;
    this.site = site;
    this.method = body.method();
    this.methodMask = methodMask;
    String p = body.path();
    this.pathMatchesAll = p.equals("**");
    this.path = p.isEmpty() || pathMatchesAll ? null : cache.glob(p, GlobDelimiters.SLASH);
    Map<String, ValueMatcher> query = body.query();
    this.queryKeys = query.isEmpty() ? NO_KEYS : query.keySet().toArray(NO_KEYS);
    this.queryMatchers = query.isEmpty() ? NO_MATCHERS : new ValueGlobs[queryKeys.length];
    for (int i = 0; i < queryKeys.length; i++) {
      queryMatchers[i] = ValueGlobs.of(query.get(queryKeys[i]), cache);
    }
    this.operationType = body.operationType();
    this.operationName = body.operationName().isEmpty() ? null : cache.glob(body.operationName(), GlobDelimiters.DOT);
    List<String> f = body.fields();
    this.fields = f.isEmpty() ? NO_GLOBS : new Glob[f.size()];
    for (int i = 0; i < fields.length; i++) {
      fields[i] = cache.glob(f.get(i), GlobDelimiters.DOT);
    }
    this.mcpMethod = method.isEmpty() ? null : cache.glob(method, GlobDelimiters.DOT);
    ValueMatcher name = body.params().get("name");
    this.mcpName = name == null ? null : ValueGlobs.of(name, cache);
  }

  @Override
  CompiledEntry entry() {
    return endpoint.entry;
  }

  /** {@code .../rules/<i>}, {@code .../access}, {@code .../mcp} or {@code .../deny_rules/<i>} of the endpoint. */
  @Override
  String pointer() {
    String at = endpoint.pointer();
    if (site == ACCESS) {
      return at + "/access";
    }
    if (site == MCP_ALLOW_ALL) {
      return at + "/mcp";
    }
    return site >= DENY ? at + "/deny_rules/" + (site - DENY) : at + "/rules/" + site;
  }

  // ---------------------------------------------------------------- what the globs read (for NulScreen)

  /** True when a REST evaluation hands the request path to a glob (a path other than empty or {@code **}). */
  boolean hasPathGlob() {
    return path != null;
  }

  /** The query keys this rule constrains; each of their values is handed to a glob. */
  List<String> queryKeys() {
    return List.of(queryKeys);
  }

  /** True when the GraphQL operation name is handed to a glob. */
  boolean hasOperationNameGlob() {
    return operationName != null;
  }

  /** True when GraphQL root fields are handed to globs. */
  boolean hasFieldGlobs() {
    return fields.length > 0;
  }

  /** True when an MCP call's method is handed to a glob. */
  boolean hasMcpMethodGlob() {
    return mcpMethod != null;
  }

  // ---------------------------------------------------------------- REST / WebSocket (§3.5)

  /**
   * Method: {@code *} any; ASCII case-insensitive; HEAD satisfies GET (also for deny rules). A known request method
   * is one bit test ({@link RequestMethods}); another is compared with the rule's method.
   */
  boolean methodMatches(String requestMethod, int requestMethodId) {
    if (requestMethodId != RequestMethods.OTHER) {
      return (methodMask & (1 << requestMethodId)) != 0;
    }
    return !method.isEmpty()
        && (method.equals(ANY) || RequestMethods.asciiEqualsIgnoreCase(method, requestMethod));
  }

  /**
   * A REST rule: method, path and query (allow: every value; deny: some value, every key present). The request has
   * passed the endpoint's {@link NulScreen#rest} (no U+0000 in any field a rule glob reads), so the globs do not
   * scan for one again.
   */
  int matchesRest(L7Request request, boolean deny, EvaluationScratch scratch) {
    if (!methodMatches(request.method(), request.methodId())) {
      return GlobMatcher.NO_MATCH;
    }
    if (!pathMatchesAll) {
      if (path == null) {
        return GlobMatcher.NO_MATCH; // a rule without path never matches (§6 rule 15)
      }
      int r = path.evaluateScreened(request.path()); // the endpoint's NulScreen has ruled out U+0000
      if (r == GlobMatcher.ERROR) {
        return scratch.fail(path.errorReason(request.path()));
      }
      if (r == GlobMatcher.NO_MATCH) {
        return r;
      }
    }
    Map<String, List<String>> query = request.query();
    for (int k = 0; k < queryKeys.length; k++) {
      List<String> values = query.get(queryKeys[k]);
      if (values == null || values.isEmpty()) {
        return GlobMatcher.NO_MATCH;
      }
      ValueGlobs m = queryMatchers[k];
      boolean someMatched = false;
      for (int v = 0; v < values.size(); v++) {
        String value = values.get(v);
        int r = m.evaluateScreened(value);
        if (r == GlobMatcher.ERROR) {
          return scratch.fail(m.errorReason(value));
        }
        if (r == GlobMatcher.MATCH) {
          someMatched = true;
          if (deny) {
            break;
          }
        } else if (!deny) {
          return GlobMatcher.NO_MATCH;
        }
      }
      if (deny && !someMatched) {
        return GlobMatcher.NO_MATCH;
      }
    }
    return GlobMatcher.MATCH;
  }

  // ---------------------------------------------------------------- GraphQL (§3.7)

  /** An allow rule needs an operation type; every selected root field must match some rule field. */
  int allowsOperation(String type, String name, List<String> opFields, EvaluationScratch scratch) {
    if (operationType.isEmpty()) {
      return GlobMatcher.NO_MATCH;
    }
    int r = typeAndName(type, name, scratch);
    if (r != GlobMatcher.MATCH || fields.length == 0) {
      return r;
    }
    if (opFields.isEmpty()) {
      return GlobMatcher.NO_MATCH;
    }
    for (int i = 0; i < opFields.size(); i++) {
      int any = anyField(opFields.get(i), scratch);
      if (any != GlobMatcher.MATCH) {
        return any;
      }
    }
    return GlobMatcher.MATCH;
  }

  /** A deny rule fires when type and name match and (no fields, or any selected field matches). */
  int deniesOperation(String type, String name, List<String> opFields, EvaluationScratch scratch) {
    int r = typeAndName(type, name, scratch);
    if (r != GlobMatcher.MATCH || fields.length == 0) {
      return r;
    }
    for (int i = 0; i < opFields.size(); i++) {
      int any = anyField(opFields.get(i), scratch);
      if (any != GlobMatcher.NO_MATCH) {
        return any;
      }
    }
    return GlobMatcher.NO_MATCH;
  }

  private int typeAndName(String type, String name, EvaluationScratch scratch) {
    if (!operationType.isEmpty() && !operationType.equals(ANY)
        && !RequestMethods.asciiEqualsIgnoreCase(operationType, type)) {
      return GlobMatcher.NO_MATCH;
    }
    if (operationName == null) {
      return GlobMatcher.MATCH;
    }
    int r = operationName.evaluate(name);
    return r == GlobMatcher.ERROR ? scratch.fail(operationName.errorReason(name)) : r;
  }

  private int anyField(String field, EvaluationScratch scratch) {
    for (Glob g : fields) {
      int r = g.evaluate(field);
      if (r == GlobMatcher.ERROR) {
        return scratch.fail(g.errorReason(field));
      }
      if (r == GlobMatcher.MATCH) {
        return r;
      }
    }
    return GlobMatcher.NO_MATCH;
  }

  // ---------------------------------------------------------------- JSON-RPC and MCP (§3.8)

  /** json-rpc: {@code *} or exact string equality (a glob like {@code reports.*} is literal). */
  boolean jsonRpcMethodMatches(String callMethod) {
    return !method.isEmpty() && (method.equals(ANY) || method.equals(callMethod));
  }

  /** mcp: the method is a dot-grammar glob; {@code params.name}, when constrained, must be a matching string. */
  int mcpMatches(JsonRpcCall call, EvaluationScratch scratch) {
    if (mcpMethod == null) {
      return GlobMatcher.NO_MATCH;
    }
    int r = mcpMethod.evaluate(call.method());
    if (r == GlobMatcher.ERROR) {
      return scratch.fail(mcpMethod.errorReason(call.method()));
    }
    if (r == GlobMatcher.NO_MATCH || mcpName == null) {
      return r;
    }
    if (call.paramsName().isEmpty()) {
      return GlobMatcher.NO_MATCH;
    }
    String name = call.paramsName().get();
    r = mcpName.evaluate(name);
    return r == GlobMatcher.ERROR ? scratch.fail(mcpName.errorReason(name)) : r;
  }

}
