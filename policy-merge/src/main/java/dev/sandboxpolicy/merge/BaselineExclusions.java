package dev.sandboxpolicy.merge;

import dev.sandboxpolicy.io.PolicyWriter;
import dev.sandboxpolicy.model.AllowRule;
import dev.sandboxpolicy.model.Binary;
import dev.sandboxpolicy.model.Endpoint;
import dev.sandboxpolicy.model.JsonPointer;
import dev.sandboxpolicy.model.NetworkPolicy;
import dev.sandboxpolicy.model.Policy;
import dev.sandboxpolicy.model.Preset;
import dev.sandboxpolicy.model.RuleBody;
import dev.sandboxpolicy.model.SourceLocation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Baseline exclusions (NVIDIA/NemoClaw#7194, #8124, #10515): take one entry of the sandbox's baseline policy out of
 * the live policy by key ({@code policy exclude <key>}), and put it back ({@code policy restore <key>}). The live
 * policy is the only state: an entry is excluded exactly when the baseline has the key and the live policy does not
 * ({@link #excluded(Policy, Policy)}).
 *
 * <pre>{@code
 * BaselineChange plan = BaselineExclusions.exclude(live, baseline, "nvidia", PresetCatalog.builtIn());
 * plan.scope().forEach(System.out::println);   // every endpoint, rule and binary that would go (the dry run)
 * String next = plan.result().toYaml();         // what `policy set` would receive
 * }</pre>
 *
 * <p>Refusals ({@link PresetLayerException}; nothing changes):
 * <ul>
 *   <li>{@code baseline_key_unknown}: the baseline has no entry under the key;
 *   <li>{@code baseline_key_protected}: the key is required by the managed sandbox contract ({@link #PROTECTED_KEYS}:
 *       {@code Baseline entry '<key>' is required and cannot be excluded.});
 *   <li>{@code baseline_key_owned_by_preset}: the live entry under the key is a preset's (a built-in preset that
 *       declares the key with that content): remove the preset instead;
 *   <li>{@code baseline_entry_changed}: the live entry under the key is neither the baseline's nor a preset's; it
 *       was changed elsewhere, and excluding or restoring it would act on content nobody reviewed.
 * </ul>
 * Excluding an entry that is already absent, and restoring one that is already there, change nothing (an empty
 * diff), like re-applying a preset.
 */
public final class BaselineExclusions {

  /** Baseline keys the managed sandbox contract requires (NemoClaw's {@code PROTECTED_BASELINE_EXCLUSION_KEYS}). */
  public static final Set<String> PROTECTED_KEYS = Set.of("managed_inference");

  /** What NemoClaw discloses about every exclusion. */
  public static final String SUPPORT_IMPACT =
      "Excluded egress leaves dependent agent features unsupported for this sandbox.";

  private BaselineExclusions() {}

  /**
   * Plans excluding the baseline entry {@code key} from {@code live}.
   *
   * @param catalog the sandbox agent's view, to recognise entries that belong to a preset
   * @throws PresetLayerException see the class comment
   */
  public static BaselineChange exclude(Policy live, Policy baseline, String key, PresetCatalog catalog)
      throws PresetLayerException {
    NetworkPolicy entry = baselineEntry(baseline, key);
    if (PROTECTED_KEYS.contains(key)) {
      throw refusal(PresetLayerError.BASELINE_KEY_PROTECTED, key,
          "Baseline entry '" + key + "' is required and cannot be excluded.");
    }
    NetworkPolicy now = live.networkPolicies().get(key);
    if (now == null) {
      return new BaselineChange(key, entry, MergeResult.of(live, PolicyDiff.empty()), true);
    }
    requireBaselineContent(key, entry, now, catalog, "excluded");
    LinkedHashMap<String, NetworkPolicy> kept = new LinkedHashMap<>(live.networkPolicies());
    kept.remove(key);
    Policy next = PresetMerger.rebuild(live, live.version(), kept);
    PolicyDiff diff = PolicyDiff.of(List.of(KeyChange.removed(key, now)), live.version(), live.version());
    return new BaselineChange(key, entry, MergeResult.of(next, diff), true);
  }

  /**
   * Plans restoring the baseline entry {@code key} into {@code live}: the baseline's current entry is put back under
   * its key (appended, as a merge appends a new key; {@code version} kept, or 1 when absent).
   *
   * @throws PresetLayerException {@code baseline_key_unknown}, {@code baseline_key_owned_by_preset},
   *     {@code baseline_entry_changed}
   */
  public static BaselineChange restore(Policy live, Policy baseline, String key, PresetCatalog catalog)
      throws PresetLayerException {
    NetworkPolicy entry = baselineEntry(baseline, key);
    NetworkPolicy now = live.networkPolicies().get(key);
    if (now != null) {
      requireBaselineContent(key, entry, now, catalog, "restored");
      return new BaselineChange(key, entry, MergeResult.of(live, PolicyDiff.empty()), false);
    }
    MergeResult r = PresetMerger.mergePrepared(live, List.of(Map.of(key, entry)));
    return new BaselineChange(key, entry, r, false);
  }

  /** The baseline keys that the live policy does not hold: the excluded entries, in baseline order. */
  public static List<String> excluded(Policy live, Policy baseline) {
    return baseline.networkPolicies().keySet().stream()
        .filter(k -> !live.networkPolicies().containsKey(k))
        .collect(Collectors.toUnmodifiableList());
  }

  /**
   * The content digest NemoClaw binds an exclusion approval to: {@link PolicyWriter#hash(Policy)} of a policy holding
   * only this entry under its key (independent of map order and YAML layout).
   */
  public static String digest(String key, NetworkPolicy entry) {
    return PolicyWriter.hash(Policy.builder().putNetworkPolicies(key, entry).build());
  }

  /**
   * Every endpoint, rule and binary an entry allows, one per line (NemoClaw's {@code renderBaselineEntryScope}):
   * <pre>{@code
   *   nvidia:
   *     endpoint: integrate.api.nvidia.com:443 (rest)
   *       allow: POST /v1/chat/completions
   *     binary: /usr/local/bin/openclaw
   * }</pre>
   * An endpoint with {@code access} shows {@code access: <preset>}; deny rules show as {@code deny:}; an endpoint
   * without a host (an {@code allowed_ips}-only endpoint) shows its address ranges.
   */
  public static List<String> scope(String key, NetworkPolicy entry) {
    List<String> lines = new ArrayList<>();
    lines.add("  " + key + ":");
    for (Endpoint ep : entry.endpoints()) {
      String ports = ep.effectivePorts().stream().map(String::valueOf).collect(Collectors.joining(","));
      String where = ep.host().isEmpty() ? String.join(",", ep.allowedIps()) : ep.host();
      lines.add("    endpoint: " + (where.isEmpty() ? "(unspecified)" : where) + (ports.isEmpty() ? "" : ":" + ports)
          + (ep.protocol().isEmpty() ? "" : " (" + ep.protocol() + ")"));
      if (!ep.access().isEmpty()) {
        lines.add("      access: " + ep.access());
      }
      for (AllowRule r : ep.rules().orElse(List.of())) {
        lines.add("      allow: " + describe(r.allow()));
      }
      for (RuleBody d : ep.denyRules().orElse(List.of())) {
        lines.add("      deny: " + describe(Optional.of(d)));
      }
    }
    for (Binary b : entry.binaries()) {
      lines.add("    binary: " + b.path());
    }
    return List.copyOf(lines);
  }

  private static String describe(Optional<RuleBody> body) {
    if (body.isEmpty()) {
      return "(any)";
    }
    RuleBody b = body.get();
    String text = (b.method() + " " + b.path()).strip();
    if (text.isEmpty() && b.tool().isPresent()) {
      text = "tool " + b.tool().get();
    }
    return text.isEmpty() ? "(any)" : text;
  }

  private static NetworkPolicy baselineEntry(Policy baseline, String key) throws PresetLayerException {
    Objects.requireNonNull(key, "key");
    NetworkPolicy entry = baseline.networkPolicies().get(key);
    if (entry == null) {
      throw refusal(PresetLayerError.BASELINE_KEY_UNKNOWN, key,
          "Baseline entry '" + key + "' does not exist in the baseline policy. Baseline keys: "
              + String.join(", ", baseline.networkPolicies().keySet()));
    }
    return entry;
  }

  /** The live entry must be the baseline's own before it is excluded or (re)stored. */
  private static void requireBaselineContent(
      String key, NetworkPolicy baselineEntry, NetworkPolicy now, PresetCatalog catalog, String verb)
      throws PresetLayerException {
    if (now.equals(baselineEntry)) {
      return;
    }
    for (Preset p : catalog.presets()) {
      if (now.equals(p.networkPolicies().get(key))) {
        throw refusal(PresetLayerError.BASELINE_KEY_OWNED_BY_PRESET, key,
            "Network policy key '" + key + "' is owned by preset '" + p.name() + "', not by the baseline; remove the"
                + " preset instead. Nothing was " + verb + ".");
      }
    }
    throw refusal(PresetLayerError.BASELINE_ENTRY_CHANGED, key,
        "The live entry under '" + key + "' differs from the baseline entry (digest "
            + digest(key, baselineEntry) + "); review it before it is " + verb + ". Nothing was " + verb + ".");
  }

  private static PresetLayerException refusal(PresetLayerError error, String key, String message) {
    return PresetLayerException.of(error, SourceLocation.ofPointer(JsonPointer.key("/network_policies", key)), message);
  }
}
