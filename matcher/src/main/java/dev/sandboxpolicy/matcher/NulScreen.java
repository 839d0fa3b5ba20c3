package dev.sandboxpolicy.matcher;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which request fields the rule globs of one endpoint (or the binary globs of one entry) read, and the U+0000 check on exactly those fields (spec §3.2
 * step 2, §3.10, §6 rule 13): a NUL in a value that reaches a glob is an evaluation error that fails the whole
 * decision closed, whatever the glob and whether or not another glob already decided.
 *
 * <p>The rule loops stop at the first matching rule and the first matching value, so they cannot be relied on to
 * see every value; this screen runs once per evaluated endpoint, before its rules, over every value that upstream's
 * Rego (which evaluates the globs of every rule over every value) would hand to a glob of that endpoint:
 *
 * <ul>
 *   <li>REST/WebSocket rules: the path when some rule has a path glob (not {@code **}); every value of every query
 *       key that some rule constrains.
 *   <li>GraphQL rules: operation names when some rule has an {@code operation_name}; root fields when some rule
 *       lists {@code fields} (hash-only persisted queries take both from the policy's registry, not the request).
 *   <li>MCP rules: every call's method when some rule has a method; every {@code params.name} when some rule
 *       constrains it and {@code strict_tool_names} is off (with it on, a name with U+0000 is refused as an invalid
 *       tool name before evaluation, as upstream).
 *   <li>Binaries (the network decision, {@link #ofBinaries}): the executable path and every ancestor when the entry
 *       has a binary glob; upstream evaluates every binary glob over all of them, so an exact binary that matched
 *       an ancestor does not keep the NUL from erring.
 * </ul>
 *
 * <p>Never screened, because no glob reads them (upstream compares them by equality): the HTTP method of REST rules,
 * query keys, JSON-RPC methods on {@code protocol: json-rpc}. The endpoint path selector is a glob that is always
 * evaluated first ({@link CompiledEndpoint#selectorMatches}), so it errs on a NUL path on its own.
 */
final class NulScreen {
  private static final char NUL = '\u0000';
  private static final String[] NO_KEYS = {};
  /** The screen of rules or binaries that hand no glob any request field: it never errs, one instance serves all. */
  private static final NulScreen NOTHING = new NulScreen(false, NO_KEYS, false, false, false, false, false);
  /** The screen of an entry with binary globs: the same for every such entry. */
  private static final NulScreen BINARIES = new NulScreen(false, NO_KEYS, false, false, false, false, true);

  private final boolean pathGlobbed;
  private final String[] queryKeys;
  private final boolean operationNameGlobbed;
  private final boolean fieldsGlobbed;
  private final boolean mcpMethodGlobbed;
  private final boolean mcpNameGlobbed;
  private final boolean binaryGlobbed;

  private NulScreen(
      boolean pathGlobbed,
      String[] queryKeys,
      boolean operationNameGlobbed,
      boolean fieldsGlobbed,
      boolean mcpMethodGlobbed,
      boolean mcpNameGlobbed,
      boolean binaryGlobbed) {
    this.pathGlobbed = pathGlobbed;
    this.queryKeys = queryKeys;
    this.operationNameGlobbed = operationNameGlobbed;
    this.fieldsGlobbed = fieldsGlobbed;
    this.mcpMethodGlobbed = mcpMethodGlobbed;
    this.mcpNameGlobbed = mcpNameGlobbed;
    this.binaryGlobbed = binaryGlobbed;
  }

  /**
   * The screen of one endpoint's allow and deny rules (the request decision); equal screens are shared through
   * {@code cache} (a screen holds no policy key: callers name it when the screen errs).
   */
  static NulScreen ofRules(CompiledRule[] allow, CompiledRule[] deny, boolean strictToolNames, CompileCache cache) {
    boolean path = false;
    boolean name = false;
    boolean fields = false;
    boolean mcpMethod = false;
    boolean mcpName = false;
    Set<String> keys = new LinkedHashSet<>();
    for (CompiledRule[] rules : new CompiledRule[][] {allow, deny}) {
      for (CompiledRule r : rules) {
        path |= r.hasPathGlob();
        keys.addAll(r.queryKeys());
        name |= r.hasOperationNameGlob();
        fields |= r.hasFieldGlobs();
        mcpMethod |= r.hasMcpMethodGlob();
        mcpName |= r.mcpName != null;
      }
    }
    boolean nameGlobbed = mcpName && !strictToolNames;
    if (!path && keys.isEmpty() && !name && !fields && !mcpMethod && !nameGlobbed) {
      return NOTHING;
    }
    return cache.shared(new NulScreen(path, keys.toArray(NO_KEYS), name, fields, mcpMethod, nameGlobbed, false));
  }

  /**
   * The screen of one entry's binaries (the network decision, spec §3.4): with {@code globBinaries} &gt; 0 every
   * binary glob reads the executable path and every ancestor, so a NUL in any of them errs, even when a literal
   * binary entry already matched.
   */
  static NulScreen ofBinaries(int globBinaries) {
    return globBinaries == 0 ? NOTHING : BINARIES;
  }

  /**
   * The binary screen: {@link GlobMatcher#ERROR} (reason in the scratch) when a binary glob of the entry would read
   * a U+0000 in the executable path or an ancestor, else {@link GlobMatcher#MATCH}. Command-line paths are never
   * read (they never grant access). With a null scratch, the error comes without a reason.
   */
  int binaries(NetworkRequest r, EvaluationScratch s, String policyKey) {
    if (!binaryGlobbed || !r.identityHasNul()) {
      return GlobMatcher.MATCH;
    }
    if (s == null) {
      return GlobMatcher.ERROR; // the caller asks again with a scratch for the reason
    }
    if (r.binary().indexOf(NUL) >= 0) {
      return s.fail(reason("the executable path", policyKey));
    }
    List<String> ancestors = r.ancestors();
    for (int i = 0; i < ancestors.size(); i++) {
      if (ancestors.get(i).indexOf(NUL) >= 0) {
        return s.fail(reason("ancestor " + (i + 1) + " of the executable", policyKey));
      }
    }
    return GlobMatcher.MATCH;
  }

  /** The REST/WebSocket screen: {@link GlobMatcher#ERROR} (reason in the scratch) or {@link GlobMatcher#MATCH}. */
  int rest(L7Request r, EvaluationScratch s, String policyKey) {
    if (pathGlobbed && r.path().indexOf(NUL) >= 0) {
      return s.fail(reason("the request path", policyKey));
    }
    if (queryKeys.length == 0 || !r.queryHasNul()) {
      return GlobMatcher.MATCH;
    }
    Map<String, List<String>> query = r.query();
    for (String key : queryKeys) {
      List<String> values = query.get(key);
      for (int v = 0; values != null && v < values.size(); v++) {
        if (values.get(v).indexOf(NUL) >= 0) {
          return s.fail(reason("value " + (v + 1) + " of query parameter '" + key + "'", policyKey));
        }
      }
    }
    return GlobMatcher.MATCH;
  }

  /** The GraphQL screen over every operation of the request. */
  int graphql(GraphqlRequest g, EvaluationScratch s, String policyKey) {
    if (!operationNameGlobbed && !fieldsGlobbed) {
      return GlobMatcher.MATCH;
    }
    List<GraphqlOperation> ops = g.operations();
    for (int i = 0; i < ops.size(); i++) {
      GraphqlOperation op = ops.get(i);
      if (op.persistedQuery() && op.operationType().isEmpty()) {
        continue; // hash-only: name and fields come from the registry
      }
      if (operationNameGlobbed && op.operationName().indexOf(NUL) >= 0) {
        return s.fail(reason("the name of GraphQL operation " + (i + 1), policyKey));
      }
      List<String> fields = op.fields();
      for (int f = 0; fieldsGlobbed && f < fields.size(); f++) {
        if (fields.get(f).indexOf(NUL) >= 0) {
          return s.fail(reason("root field " + (f + 1) + " of GraphQL operation " + (i + 1), policyKey));
        }
      }
    }
    return GlobMatcher.MATCH;
  }

  /** The MCP screen over one call of the request ({@code index} counts from 0, for the reason). */
  int mcp(JsonRpcCall call, int index, EvaluationScratch s, String policyKey) {
    if (mcpMethodGlobbed && call.method().indexOf(NUL) >= 0) {
      return s.fail(reason("the method of JSON-RPC call " + (index + 1), policyKey));
    }
    if (mcpNameGlobbed && call.paramsName().isPresent() && call.paramsName().get().indexOf(NUL) >= 0) {
      return s.fail(reason("params.name of JSON-RPC call " + (index + 1), policyKey));
    }
    return GlobMatcher.MATCH;
  }

  private static String reason(String field, String policyKey) {
    return "evaluation error: " + field + " contains U+0000, which a glob of policy '" + policyKey
        + "' evaluates (spec §3.2: a NUL reaching a glob is an evaluation error); the decision fails closed";
  }
}
