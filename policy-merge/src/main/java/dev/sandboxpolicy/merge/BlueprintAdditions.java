package dev.sandboxpolicy.merge;

import dev.sandboxpolicy.io.PolicyReader;
import dev.sandboxpolicy.io.ReadMode;
import dev.sandboxpolicy.io.ReadResult;
import dev.sandboxpolicy.model.Access;
import dev.sandboxpolicy.model.AllowRule;
import dev.sandboxpolicy.model.Blueprint;
import dev.sandboxpolicy.model.Endpoint;
import dev.sandboxpolicy.model.Enforcement;
import dev.sandboxpolicy.model.JsonPointer;
import dev.sandboxpolicy.model.NetworkPolicy;
import dev.sandboxpolicy.model.Policy;
import dev.sandboxpolicy.model.Problem;
import dev.sandboxpolicy.model.Protocol;
import dev.sandboxpolicy.model.RuleBody;
import dev.sandboxpolicy.model.SourceLocation;
import dev.sandboxpolicy.model.SourceMap;
import dev.sandboxpolicy.model.internal.Names;
import dev.sandboxpolicy.model.net.Port;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Blueprint {@code components.policy.additions}: network entries (without binaries) that a NemoClaw blueprint
 * lays over the live policy when it is applied (preset layer spec §5).
 *
 * <p><b>Validation</b> is narrower than the preset schema (which the docs wrongly claim is used):
 * <ul>
 *   <li>an addition has only {@code name} (a string) and {@code endpoints} (a non-empty list): no
 *       {@code binaries};
 *   <li>an endpoint has only {@code host}, {@code port} ({@value Port#MIN_VALUE}..{@value Port#MAX_VALUE},
 *       required), {@code protocol} (absent or {@code rest}), {@code enforcement} ({@code enforce}/{@code
 *       audit}), {@code tls} ({@code terminate}/{@code passthrough}/{@code skip}), {@code access} (only {@code
 *       full}) and
 *       {@code rules} (non-empty when present, required with {@code protocol: rest});
 *   <li>a rule is exactly {@code {allow: {method, path}}} with one of the seven HTTP verbs (no {@code *}) and a
 *       path starting with {@code /}.
 * </ul>
 * Any violation fails the whole blueprint ({@code blueprint_additions_invalid}), with one located problem per
 * violation.
 *
 * <p><b>Merge</b> reads the live policy strictly ({@link LivePolicy}), requires every top-level section other
 * than {@code version} and {@code network_policies} to be a mapping, keeps {@code version} (or writes
 * {@value PresetMerger#DEFAULT_VERSION}), lays the additions over {@code network_policies} by key with
 * wholesale replacement, and drops {@code _provider_} keys. {@link MergeResult#toYaml()} writes the sections in
 * upstream's order for this path: other sections, then {@code version}, then {@code network_policies}.
 *
 * <p>Like upstream, only plain mappings are accepted: the reader refuses tagged nodes such as {@code !!set}.
 */
public final class BlueprintAdditions {

  /** The HTTP methods a blueprint rule may name (spec §1.4 / §5: no {@code *}). */
  public static final Set<String> METHODS = Set.of("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS");

  private static final Set<String> TLS_MODES = Set.of("", "terminate", "passthrough", "skip");

  /** Endpoint keys of the policy language that a blueprint addition may not use. */
  private static final List<String> FORBIDDEN_ENDPOINT_KEYS = List.of(
      "ports", "path", "deny_rules", "allowed_ips", "allow_encoded_slash", "websocket_credential_rewrite",
      "request_body_credential_rewrite", "allow_uninspected_credentials", "persisted_queries",
      "graphql_persisted_queries", "graphql_max_body_bytes", "credential_signing", "signing_service",
      "signing_region", "credential_binding", "json_rpc", "mcp");

  /** Rule keys other than method and path. */
  private static final List<String> FORBIDDEN_RULE_KEYS = List.of(
      "command", "query", "operation_type", "operation_name", "fields", "tool", "params");

  private static final String INVALID =
      "blueprint.yaml must contain a YAML mapping with valid nested component shapes";

  private BlueprintAdditions() {}

  /**
   * Reads a blueprint and returns its validated additions (empty when it has none).
   *
   * @throws PresetLayerException {@code blueprint_additions_invalid}, with every violation as a problem
   */
  public static Map<String, NetworkPolicy> read(String blueprintText) throws PresetLayerException {
    ReadResult<Blueprint> r = PolicyReader.of(ReadMode.STRICT).readBlueprint(blueprintText);
    List<Problem> problems = new ArrayList<>(r.problems().stream().filter(Problem::isError).toList());
    if (r.value().isEmpty() || !problems.isEmpty()) {
      throw PresetLayerException.withProblems(PresetLayerError.BLUEPRINT_ADDITIONS_INVALID, INVALID, problems);
    }
    Map<String, NetworkPolicy> additions =
        r.value().get().policy().map(p -> p.additions()).orElse(Map.of());
    List<Problem> violations = validate(additions, r.sourceMap());
    if (!violations.isEmpty()) {
      throw PresetLayerException.withProblems(PresetLayerError.BLUEPRINT_ADDITIONS_INVALID,
          INVALID + ": " + violations.get(0).message(), violations);
    }
    return additions;
  }

  /**
   * Checks additions against the narrower blueprint rules.
   *
   * @param additions the additions by key
   * @param sourceMap positions of the blueprint document ({@link SourceMap#empty()} for additions built in code)
   * @return one problem per violation; empty when valid
   */
  public static List<Problem> validate(Map<String, NetworkPolicy> additions, SourceMap sourceMap) {
    List<Problem> out = new ArrayList<>();
    for (Map.Entry<String, NetworkPolicy> e : additions.entrySet()) {
      String at = JsonPointer.key("/components/policy/additions", e.getKey());
      NetworkPolicy a = e.getValue();
      if (!a.binaries().isEmpty() || sourceMap.locate(at + "/binaries").isPresent()
          || a.unknownFields().containsKey("binaries")) {
        out.add(problem(sourceMap, at + "/binaries", "an addition has only 'name' and 'endpoints' (no binaries)"));
      }
      for (String k : a.unknownFields().keySet()) {
        if (!k.equals("binaries")) {
          out.add(problem(sourceMap, JsonPointer.key(at, k), "an addition has only 'name' and 'endpoints'"));
        }
      }
      if (a.endpoints().isEmpty()) {
        out.add(problem(sourceMap, at + "/endpoints", "an addition needs a non-empty 'endpoints' list"));
      }
      for (int i = 0; i < a.endpoints().size(); i++) {
        endpoint(a.endpoints().get(i), JsonPointer.index(at + "/endpoints", i), sourceMap, out);
      }
    }
    return out;
  }

  private static void endpoint(Endpoint ep, String at, SourceMap map, List<Problem> out) {
    for (String k : FORBIDDEN_ENDPOINT_KEYS) {
      if (map.locate(at + "/" + k).isPresent()) {
        out.add(problem(map, at + "/" + k, "a blueprint endpoint may not have '" + k + "'"));
      }
    }
    for (String k : ep.unknownFields().keySet()) {
      out.add(problem(map, JsonPointer.key(at, k), "a blueprint endpoint may not have '" + k + "'"));
    }
    if (map.size() == 0 && (!ep.ports().isEmpty() || !ep.path().isEmpty() || !ep.allowedIps().isEmpty()
        || ep.denyRules().isPresent() || ep.mcp().isPresent() || ep.jsonRpc().isPresent())) {
      out.add(problem(map, at, "a blueprint endpoint has only host, port, protocol, enforcement, tls, access, rules"));
    }
    if (ep.host().isEmpty() && map.locate(at + "/host").isEmpty()) {
      out.add(problem(map, at + "/host", "a blueprint endpoint needs 'host'"));
    }
    if (!Port.isValid(ep.port())) {
      out.add(problem(map, at + "/port", "a blueprint endpoint needs 'port' between " + Port.MIN_VALUE + " and "
          + Port.MAX_VALUE));
    }
    if (!ep.protocol().isEmpty() && !Protocol.REST.is(ep.protocol())) {
      out.add(problem(map, at + "/protocol", "protocol must be absent or 'rest', not '" + ep.protocol() + "'"));
    }
    if (!ep.enforcement().isEmpty() && Enforcement.fromWireName(ep.enforcement()).isEmpty()) {
      out.add(problem(map, at + "/enforcement", "enforcement must be 'enforce' or 'audit'"));
    }
    if (!TLS_MODES.contains(ep.tls())) {
      out.add(problem(map, at + "/tls", "tls must be 'terminate', 'passthrough' or 'skip'"));
    }
    if (!ep.access().isEmpty() && !Access.FULL.is(ep.access())) {
      out.add(problem(map, at + "/access", "access must be absent or 'full', not '" + ep.access() + "'"));
    }
    Optional<List<AllowRule>> rules = ep.rules();
    if (rules.isPresent() && rules.get().isEmpty()) {
      out.add(problem(map, at + "/rules", "rules must be a non-empty list when present"));
    }
    if (Protocol.REST.is(ep.protocol()) && rules.isEmpty()) {
      out.add(problem(map, at + "/rules", "protocol 'rest' requires rules"));
    }
    List<AllowRule> list = rules.orElse(List.of());
    for (int i = 0; i < list.size(); i++) {
      rule(list.get(i), at + "/rules/" + i, map, out);
    }
  }

  private static void rule(AllowRule r, String at, SourceMap map, List<Problem> out) {
    if (!r.unknownFields().isEmpty() || r.allow().isEmpty()) {
      out.add(problem(map, at, "a rule is exactly {allow: {method, path}}"));
      return;
    }
    RuleBody b = r.allow().get();
    String ab = at + "/allow";
    boolean extra = !b.unknownFields().isEmpty() || !b.command().isEmpty() || !b.query().isEmpty()
        || !b.operationType().isEmpty() || !b.operationName().isEmpty() || !b.fields().isEmpty()
        || b.tool().isPresent() || !b.params().isEmpty();
    for (String k : FORBIDDEN_RULE_KEYS) {
      extra |= map.locate(ab + "/" + k).isPresent();
    }
    if (extra) {
      out.add(problem(map, ab, "a rule's allow has only 'method' and 'path'"));
    }
    if (!METHODS.contains(b.method())) {
      out.add(problem(map, ab + "/method", "method must be one of GET, POST, PUT, PATCH, DELETE, HEAD, OPTIONS"));
    }
    if (!b.path().startsWith("/")) {
      out.add(problem(map, ab + "/path", "path must start with '/'"));
    }
  }

  private static Problem problem(SourceMap map, String pointer, String message) {
    return Problem.error(PresetLayerError.BLUEPRINT_ADDITIONS_INVALID.problemCode(), map.nearest(pointer), message);
  }

  /**
   * Lays {@code additions} over {@code current} (spec §5 steps 3-5). With no additions nothing happens.
   *
   * @throws PresetLayerException {@code live_policy_bad_section} when a top-level section other than
   *     {@code version} and {@code network_policies} is not a mapping ({@code Current policy top-level field
   *     "<k>" must be a YAML mapping})
   */
  public static MergeResult merge(Policy current, Map<String, NetworkPolicy> additions) throws PresetLayerException {
    if (additions.isEmpty()) {
      return MergeResult.of(current, PolicyDiff.empty(), SectionOrder.BLUEPRINT_ADDITIONS);
    }
    for (Map.Entry<String, Object> e : current.unknownFields().entrySet()) {
      if (!(e.getValue() instanceof Map)) {
        throw PresetLayerException.of(PresetLayerError.LIVE_POLICY_BAD_SECTION,
            SourceLocation.ofPointer(JsonPointer.key("", e.getKey())),
            "Current policy top-level field \"" + e.getKey() + "\" must be a YAML mapping");
      }
    }
    Map<String, NetworkPolicy> kept = new LinkedHashMap<>(additions.size());
    additions.forEach((k, v) -> {
      if (!Names.isProviderKey(k)) {
        kept.put(k, v);
      }
    });
    // Additions come from the blueprint, reviewed content like the built-in catalog: not custom presets.
    MergeResult r = PresetMerger.mergePrepared(current, List.of(kept));
    return MergeResult.of(r.policy(), r.diff(), SectionOrder.BLUEPRINT_ADDITIONS);
  }

  /**
   * Reads the live policy strictly and lays the blueprint's additions over it.
   *
   * @param liveText {@code openshell policy get --base} output or a plain policy
   * @param blueprintText the blueprint document
   * @throws PresetLayerException {@code blueprint_additions_invalid}, a {@code live_policy_*} refusal
   */
  public static MergeResult mergeText(String liveText, String blueprintText) throws PresetLayerException {
    Map<String, NetworkPolicy> additions = read(blueprintText);
    if (additions.isEmpty()) {
      return MergeResult.of(LivePolicy.parse(liveText).policy(), PolicyDiff.empty(), SectionOrder.BLUEPRINT_ADDITIONS);
    }
    return merge(LivePolicy.parse(liveText).policy(), additions);
  }
}
