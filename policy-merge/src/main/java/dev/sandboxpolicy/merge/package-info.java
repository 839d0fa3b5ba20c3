/**
 * The preset layer: {@code policy-add} and {@code policy-remove} on the policy model, with NemoClaw's semantics
 * but without splicing YAML text.
 *
 * <p>A tour:
 * <ul>
 *   <li>{@link dev.sandboxpolicy.merge.PresetCatalog#builtIn()} holds the built-in presets (21 central, 6
 *       messaging, per-agent content) and the tiers, bundled with the library.
 *   <li>{@link dev.sandboxpolicy.merge.LivePolicy#parse(String)} reads a live policy ({@code openshell policy get}
 *       output or plain YAML) and refuses one that cannot be read instead of treating it as empty.
 *   <li>{@link dev.sandboxpolicy.merge.PresetMerger} merges and removes presets (upstream semantics,
 *       all-or-nothing over several presets) and returns a {@link dev.sandboxpolicy.merge.MergeResult} with a
 *       {@link dev.sandboxpolicy.merge.PolicyDiff} for dry runs.
 *   <li>{@link dev.sandboxpolicy.merge.PolicyStack} remembers the baseline and the applied layers, so removing a
 *       preset restores the entry it shadowed; it serializes to YAML/JSON and replays.
 *   <li>{@link dev.sandboxpolicy.merge.PresetName}, {@link dev.sandboxpolicy.merge.SandboxName} and
 *       {@link dev.sandboxpolicy.merge.CustomPresetLoader} implement the name rules and user-supplied presets;
 *       {@link dev.sandboxpolicy.merge.BlueprintAdditions} the blueprint's policy additions;
 *       {@link dev.sandboxpolicy.merge.SandboxPolicyState} the static-section lock (a live sandbox's
 *       {@code filesystem_policy}, {@code landlock} and {@code process} cannot change) and the gateway-global
 *       policy override.
 * </ul>
 *
 * <p>Every value is immutable and thread-safe. Every refusal is a
 * {@link dev.sandboxpolicy.merge.PresetLayerException} with a stable snake_case code and located problems, and
 * leaves its inputs untouched.
 */
package dev.sandboxpolicy.merge;
