package dev.sandboxpolicy.explain;

import dev.sandboxpolicy.merge.NameCheck;
import dev.sandboxpolicy.merge.SandboxName;
import dev.sandboxpolicy.model.Preset;
import dev.sandboxpolicy.model.TierCatalog;
import dev.sandboxpolicy.rules.PresetOrigin;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Builds the {@link PolicyContext} of {@code policy-explain} (spec nemoclaw-preset-layer §6.1-6.4) from registry state
 * (tier, applied names, custom presets), the built-in preset catalog and a {@link GatewaySnapshot}. Immutable; build
 * with {@link #builder()}.
 *
 * <p>Partition (§6.2): a built-in preset is active when applied or gateway-only, otherwise known-unapplied; every
 * custom preset is active with source {@code custom} (a custom preset named like a built-in replaces it). Applied names
 * that are neither built-in nor custom are ignored. Host stems come from the parsed presets (§6.3 step D: the sorted
 * public stems and the count of redacted host occurrences).
 */
public final class PolicyExplainer {

  private final String sandboxName;
  private final Optional<TierSummary> tier;
  private final List<Preset> builtIns;
  private final Set<String> applied;
  private final List<Preset> customPresets;
  private final GatewaySnapshot gateway;
  private final Clock clock;

  private PolicyExplainer(Builder b) {
    this.sandboxName = b.sandboxName;
    this.tier = b.tierName == null ? Optional.empty() : b.tiers.find(b.tierName).map(TierSummary::of);
    this.builtIns = List.copyOf(b.builtIns);
    this.applied = Set.copyOf(b.applied);
    this.customPresets = List.copyOf(b.customPresets);
    this.gateway = b.gateway;
    this.clock = b.clock;
  }

  /**
   * A new builder. Required: {@link Builder#sandboxName(String)}; everything else defaults to empty, the gateway to
   * {@link GatewaySnapshot#unavailable()} and the clock to UTC system time.
   *
   * @return the builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Builds the context.
   *
   * @return the context, with {@code generatedAt} from the clock
   */
  public PolicyContext explain() {
    Map<String, Preset> custom = new LinkedHashMap<>();
    for (Preset preset : customPresets) {
      custom.put(preset.name(), preset);
    }
    List<PresetEntry> active = new ArrayList<>();
    List<PresetEntry> unapplied = new ArrayList<>();
    Set<String> seen = new LinkedHashSet<>();
    for (Preset preset : builtIns) {
      if (custom.containsKey(preset.name()) || !seen.add(preset.name())) {
        continue;
      }
      boolean isApplied = applied.contains(preset.name());
      boolean enforced = gateway.enforces(preset);
      Verification verification = Verification.of(gateway.isAvailable(), isApplied, enforced);
      PresetEntry entry = entry(preset, PresetOrigin.BUILT_IN, verification);
      if (isApplied || verification == Verification.GATEWAY_ONLY) {
        active.add(entry);
      } else {
        unapplied.add(entry);
      }
    }
    for (Preset preset : custom.values()) {
      Verification verification = Verification.of(gateway.isAvailable(), true, gateway.enforces(preset));
      active.add(entry(preset, PresetOrigin.CUSTOM, verification));
    }
    Comparator<PresetEntry> byName = Comparator.comparing(PresetEntry::name);
    active.sort(byName);
    unapplied.sort(byName);
    return new PolicyContext(
        sandboxName,
        tier,
        active,
        unapplied,
        ApprovalPath.forSandbox(sandboxName),
        supportBoundaries(),
        clock.instant());
  }

  private static PresetEntry entry(Preset preset, PresetOrigin source, Verification verification) {
    HostCategories hosts = HostCategories.of(preset);
    return new PresetEntry(
        preset.name(),
        preset.description(),
        hosts.allowedHostCategories(),
        hosts.redactedHostCount(),
        source,
        verification);
  }

  private List<SupportBoundary> supportBoundaries() {
    return List.of(
        new SupportBoundary(
            "preset selection", "nemoclaw", tier.map(t -> "tier: " + t.label()).orElse("no tier recorded")),
        new SupportBoundary(
            "host allowlist enforcement", "openshell", "policy is enforced by the OpenShell gateway"),
        new SupportBoundary("shields toggle", "nemoclaw", "shields up locks down mutable config"),
        new SupportBoundary(
            "credential storage", "nemoclaw", "credentials are stored outside the policy context surface"),
        new SupportBoundary(
            "ad-hoc host approval",
            "external",
            "requests outside the applied presets require a new preset or tier change"));
  }

  /** Collects the inputs of a {@link PolicyExplainer}. Not thread-safe. */
  public static final class Builder {
    private String sandboxName;
    private String tierName;
    private TierCatalog tiers = TierCatalog.builder().build();
    private List<Preset> builtIns = List.of();
    private Set<String> applied = Set.of();
    private List<Preset> customPresets = List.of();
    private GatewaySnapshot gateway = GatewaySnapshot.unavailable();
    private Clock clock = Clock.systemUTC();

    private Builder() {}

    /**
     * The sandbox name.
     *
     * @param name a valid sandbox name (see {@link SandboxName#check(String)})
     * @return this
     * @throws IllegalArgumentException ({@code sandbox_name_invalid: ...}) for an invalid name, which could otherwise
     *     inject text into the commands of the Markdown
     */
    public Builder sandboxName(String name) {
      NameCheck check = SandboxName.check(name);
      if (!check.isValid()) {
        throw new IllegalArgumentException(check.toString());
      }
      this.sandboxName = name;
      return this;
    }

    /**
     * The registry's {@code policyTier} and the tier catalog to look it up in; an unknown name gives no tier.
     *
     * @param tierName the recorded tier, or {@code null} when none
     * @param catalog tiers.yaml
     * @return this
     */
    public Builder tier(String tierName, TierCatalog catalog) {
      this.tierName = tierName;
      this.tiers = Objects.requireNonNull(catalog, "catalog");
      return this;
    }

    /**
     * The built-in presets (for example {@code PresetCatalog.builtIn().presets()}).
     *
     * @param presets the catalog's presets
     * @return this
     */
    public Builder builtInPresets(List<Preset> presets) {
      this.builtIns = List.copyOf(presets);
      return this;
    }

    /**
     * The registry's applied preset names ({@code policies} plus custom names).
     *
     * @param names applied names; CLI-typed names should already be trimmed and lowercased
     * @return this
     */
    public Builder applied(Iterable<String> names) {
      Set<String> copy = new LinkedHashSet<>();
      names.forEach(copy::add);
      this.applied = copy;
      return this;
    }

    /**
     * The registry's custom presets, parsed from their stored content.
     *
     * @param presets the custom presets
     * @return this
     */
    public Builder customPresets(List<Preset> presets) {
      this.customPresets = List.copyOf(presets);
      return this;
    }

    /**
     * What the gateway enforces.
     *
     * @param snapshot the snapshot
     * @return this
     */
    public Builder gateway(GatewaySnapshot snapshot) {
      this.gateway = Objects.requireNonNull(snapshot, "snapshot");
      return this;
    }

    /**
     * The clock for {@code generatedAt} (tests pin it).
     *
     * @param clock the clock
     * @return this
     */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * The explainer.
     *
     * @return the explainer
     * @throws IllegalStateException when no sandbox name was set
     */
    public PolicyExplainer build() {
      if (sandboxName == null) {
        throw new IllegalStateException("sandbox_name_missing: call sandboxName(..) first");
      }
      return new PolicyExplainer(this);
    }
  }
}
