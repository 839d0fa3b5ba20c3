package dev.sandboxpolicy.merge;

import dev.sandboxpolicy.model.NetworkPolicy;
import dev.sandboxpolicy.model.Preset;
import dev.sandboxpolicy.model.SourceLocation;
import dev.sandboxpolicy.model.Tier;
import dev.sandboxpolicy.model.TierCatalog;
import dev.sandboxpolicy.model.TierPreset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The built-in presets and tiers, bundled with the library so that {@code policy-add pypi} works offline.
 *
 * <p>The catalog holds 21 central presets (brave ... weather) and 6 messaging presets (telegram, discord, wechat,
 * slack, whatsapp, teams), written for this library from the facts of NemoClaw's shipped presets, plus the tier
 * definitions. {@link #builtIn()} is the view NemoClaw shows when no agent is known (the OpenClaw view, all 27
 * names); {@link #forAgent(String)} gives the view of a sandbox that runs a given agent:
 * <ul>
 *   <li><b>List order</b>: central presets first, then messaging presets. A messaging preset hides a central
 *       preset of the same name.
 *   <li><b>Messaging presets</b> exist only for {@code openclaw} and {@code hermes}, with content written for
 *       each. Other agents see only the central presets.
 *   <li><b>Agent-specific content</b>: an agent that brings its own network entries (at present {@code hermes}
 *       and {@code langchain-deepagents-code}) gets a central preset's content from those entries, chosen by the
 *       first rule that applies: (1) the agent has every key of the preset; (2) the agent has a key equal to the
 *       preset name; (3) a messaging alias key; (4) entries whose {@code name} equals the preset name. The
 *       result is described as {@code "<Agent display name> <preset> policy"}. When no rule applies the central
 *       content is used. (This is how Hermes gets its own {@code pypi}.)
 * </ul>
 *
 * <p>Names are looked up exactly; normalise a typed name with {@link PresetName#normalize(String)} first.
 * Unknown names (including path-like names such as {@code ../../etc/passwd}) are simply not found.
 *
 * <p>The catalog is loaded once, on first use, and is immutable and thread-safe.
 */
public final class PresetCatalog {

  /** The agent whose view {@link #builtIn()} is, and whose messaging content an unnamed sandbox gets. */
  public static final String DEFAULT_AGENT = "openclaw";

  /** The tier used when none is chosen (NemoClaw preset layer spec §4). */
  public static final String DEFAULT_TIER = "balanced";

  /** The tier access values that may override a tier's own ({@code read}, {@code read-write}). */
  public static final Set<String> ACCESS_VALUES = Set.of("read", "read-write");

  /** Messaging key aliases of rule 3 of the agent-specific selection (spec §1.1). */
  private static final Map<String, List<String>> MESSAGING_KEY_ALIASES = Map.of(
      "telegram", List.of("telegram_bot", "telegram"),
      "discord", List.of("discord"),
      "wechat", List.of("wechat_bridge"),
      "slack", List.of("slack"),
      "whatsapp", List.of("whatsapp"),
      "teams", List.of("teams"));

  private static final class Holder {
    static final PresetCatalog BUILT_IN = CatalogLoader.loadBuiltIn();
  }

  private final CatalogData data;
  private final String agent;
  private final List<Preset> presets;
  private final Map<String, Preset> byName;
  private final Map<String, PresetCatalog> views;
  /** Every built-in preset of every agent view, computed once on the root view ({@link #isBuiltIn(Preset)}). */
  private volatile Set<Preset> variants;

  private PresetCatalog(CatalogData data, String agent, Map<String, PresetCatalog> views) {
    this.data = data;
    this.agent = agent;
    this.views = views;
    this.byName = compose(data, agent);
    this.presets = List.copyOf(byName.values());
  }

  static PresetCatalog root(CatalogData data) {
    return new PresetCatalog(data, "", new ConcurrentHashMap<>());
  }

  /** The built-in catalog, OpenClaw view (all 27 presets). */
  public static PresetCatalog builtIn() {
    return Holder.BUILT_IN;
  }

  /**
   * The view of a sandbox that runs {@code agent}: {@code null} or {@code ""} gives the default view
   * ({@link #builtIn()}); an agent the catalog does not know sees the central presets only.
   */
  public PresetCatalog forAgent(String agent) {
    String a = agent == null ? "" : agent;
    if (a.equals(this.agent)) {
      return this;
    }
    return views.computeIfAbsent(a, k -> new PresetCatalog(data, k, views));
  }

  /** The agent of this view, {@code ""} for the default view. */
  public String agent() {
    return agent;
  }

  /** The presets of this view, in listing order. */
  public List<Preset> presets() {
    return presets;
  }

  /** The preset names of this view, in listing order. */
  public List<String> names() {
    return List.copyOf(byName.keySet());
  }

  /** The preset named {@code name} in this view (exact match), with this view's content. */
  public Optional<Preset> find(String name) {
    return Optional.ofNullable(byName.get(name));
  }

  /**
   * The preset named {@code name}, or a {@code preset_unknown} refusal that lists the valid names.
   *
   * @throws PresetLayerException {@code preset_unknown}
   */
  public Preset require(String name) throws PresetLayerException {
    Preset p = byName.get(name);
    if (p == null) {
      throw PresetLayerException.of(
          PresetLayerError.PRESET_UNKNOWN,
          SourceLocation.NONE,
          "Unknown preset '" + name + "'. Valid presets: " + String.join(", ", byName.keySet()));
    }
    return p;
  }

  /**
   * Whether {@code name} is a built-in preset name in <em>any</em> view (the 27 names of the OpenClaw view).
   * Custom presets may not take these names, whatever agent the sandbox runs.
   */
  public boolean isBuiltInName(String name) {
    return data.allNames().contains(name);
  }

  /**
   * Whether {@code preset} is a preset of the built-in catalog: equal (name, description and every entry) to the
   * preset of its name in some agent's view. Everything else is custom, whatever its name, and is checked as such
   * when it is merged ({@link PresetMerger}).
   */
  public boolean isBuiltIn(Preset preset) {
    return preset != null && isBuiltInName(preset.name()) && builtInVariants().contains(preset);
  }

  private Set<Preset> builtInVariants() {
    PresetCatalog root = forAgent("");
    Set<Preset> all = root.variants;
    if (all == null) {
      Set<Preset> s = new java.util.HashSet<>(root.presets);
      for (String a : data.agents().keySet()) {
        s.addAll(root.forAgent(a).presets);
      }
      all = Set.copyOf(s);
      root.variants = all;
    }
    return all;
  }

  /**
   * The presets the interactive {@code policy-add} picker offers in this view: {@code nous-*} only to
   * {@code hermes}, {@code observability-otlp-local} only to {@code langchain-deepagents-code},
   * {@code openclaw-pricing} and {@code openclaw-diagnostics-otel-local} only to {@code openclaw} or no agent.
   */
  public List<Preset> pickerPresets() {
    List<Preset> out = new ArrayList<>();
    for (Preset p : presets) {
      CatalogEntry e = data.entry(p.name());
      if (e.offeredInPickerTo(agent)) {
        out.add(p);
      }
    }
    return List.copyOf(out);
  }

  /** The tier definitions, in file order (restricted, balanced, open). */
  public TierCatalog tiers() {
    return data.tiers();
  }

  /** The tier named {@code name}; empty for an unknown tier. */
  public Optional<Tier> tier(String name) {
    return data.tiers().find(name);
  }

  /**
   * The presets of a tier (NemoClaw's {@code resolveTierPresets}).
   *
   * @param tierName the tier
   * @param accessOverrides per-preset access values; an override replaces the tier's access only when it is
   *     {@code read} or {@code read-write} (others are ignored)
   * @param selected when not {@code null}, keep only these preset names (tier order is kept); {@code null}
   *     means no filter
   * @return the tier's presets, in tier order
   * @throws PresetLayerException {@code tier_unknown} ({@code Unknown tier: <t>})
   */
  public List<TierPreset> resolveTierPresets(
      String tierName, Map<String, String> accessOverrides, Collection<String> selected)
      throws PresetLayerException {
    Tier tier = tier(tierName).orElseThrow(() -> PresetLayerException.of(
        PresetLayerError.TIER_UNKNOWN, SourceLocation.NONE, "Unknown tier: " + tierName));
    Set<String> keep = selected == null ? null : new LinkedHashSet<>(selected);
    List<TierPreset> out = new ArrayList<>();
    for (TierPreset tp : tier.presets()) {
      if (keep != null && !keep.contains(tp.name())) {
        continue;
      }
      String override = accessOverrides == null ? null : accessOverrides.get(tp.name());
      if (override != null && ACCESS_VALUES.contains(override) && !override.equals(tp.access())) {
        out.add(TierPreset.builder().from(tp).access(override).build());
      } else {
        out.add(tp);
      }
    }
    return List.copyOf(out);
  }

  /** The presets of a tier with no overrides and no filter. */
  public List<TierPreset> resolveTierPresets(String tierName) throws PresetLayerException {
    return resolveTierPresets(tierName, Map.of(), null);
  }

  // ---------------------------------------------------------------------------------------------------------

  private static Map<String, Preset> compose(CatalogData data, String agent) {
    AgentProfile profile = data.agents().get(agent.isEmpty() ? DEFAULT_AGENT : agent);
    boolean messaging = agent.isEmpty() || (profile != null && profile.messaging());
    Set<String> messagingNames = new LinkedHashSet<>();
    if (messaging) {
      for (CatalogEntry e : data.entries()) {
        if (e.messaging() && e.documentFor(agent).isPresent()) {
          messagingNames.add(e.name());
        }
      }
    }
    Map<String, Preset> out = new LinkedHashMap<>();
    for (CatalogEntry e : data.entries()) {
      if (!e.messaging() && !messagingNames.contains(e.name())) {
        out.put(e.name(), agentContent(profile, e.central()));
      }
    }
    for (CatalogEntry e : data.entries()) {
      if (messagingNames.contains(e.name())) {
        out.put(e.name(), e.documentFor(agent).orElseThrow());
      }
    }
    return java.util.Collections.unmodifiableMap(out);
  }

  /** The agent-specific content of a central preset (spec §1.1, four rules), or the preset itself. */
  static Preset agentContent(AgentProfile profile, Preset builtIn) {
    if (profile == null || profile.entries().isEmpty()) {
      return builtIn;
    }
    Map<String, NetworkPolicy> agentEntries = profile.entries();
    String name = builtIn.name();
    List<String> keys = new ArrayList<>();
    if (!builtIn.networkPolicies().isEmpty() && agentEntries.keySet().containsAll(builtIn.networkPolicies().keySet())) {
      keys.addAll(builtIn.networkPolicies().keySet());
    } else if (agentEntries.containsKey(name)) {
      keys.add(name);
    } else if (MESSAGING_KEY_ALIASES.containsKey(name)
        && MESSAGING_KEY_ALIASES.get(name).stream().anyMatch(agentEntries::containsKey)) {
      MESSAGING_KEY_ALIASES.get(name).stream().filter(agentEntries::containsKey).forEach(keys::add);
    } else {
      agentEntries.forEach((k, v) -> {
        if (v.name().equals(name)) {
          keys.add(k);
        }
      });
    }
    if (keys.isEmpty()) {
      return builtIn;
    }
    Preset.Builder b = Preset.builder()
        .name(name)
        .description(profile.displayName() + " " + name + " policy");
    for (String k : keys) {
      b.putNetworkPolicies(k, agentEntries.get(k));
    }
    return b.build();
  }

  @Override
  public String toString() {
    return "PresetCatalog{agent=" + (agent.isEmpty() ? "(default)" : agent) + ", presets=" + byName.keySet() + "}";
  }
}
