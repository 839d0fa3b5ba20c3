package dev.sandboxpolicy.merge;

import dev.sandboxpolicy.model.Preset;
import dev.sandboxpolicy.model.WireNamed;
import java.util.List;
import java.util.Objects;

/**
 * One preset found in a live policy by {@link AppliedPresets}: its name, its verification state, the live keys it
 * owns, and its content (the catalog's for a built-in preset; what the live policy holds, under the original keys,
 * for a custom preset). Immutable.
 */
public final class AppliedPreset {

  /** How the live policy holds the preset. */
  public enum State implements WireNamed {
    /** Built-in; every key is live with exactly the preset's content. */
    VERIFIED("verified"),
    /** Built-in; every key is live, but some live entry differs from the preset's content. */
    DRIFTED("drifted"),
    /** Built-in; only some of its keys are live. Not applied. */
    PARTIAL("partial"),
    /** Built-in; its live keys hold the baseline's own entries (NemoClaw's {@code agent-base}). Not applied. */
    BASELINE("baseline"),
    /** Custom; identified by the keys it owns ({@code nemoclaw_custom__<preset>__<key>}). */
    CUSTOM("custom");

    private final String wireName;

    State(String wireName) {
      this.wireName = wireName;
    }

    /** The lower-case form used by the command line and JSON ({@code verified}, ...). */
    @Override
    public String wireName() {
      return wireName;
    }
  }

  private final String name;
  private final State state;
  private final List<String> keys;
  private final Preset preset;

  AppliedPreset(String name, State state, List<String> keys, Preset preset) {
    this.name = Objects.requireNonNull(name, "name");
    this.state = Objects.requireNonNull(state, "state");
    this.keys = List.copyOf(keys);
    this.preset = Objects.requireNonNull(preset, "preset");
  }

  /** The preset name. */
  public String name() {
    return name;
  }

  /** The verification state. */
  public State state() {
    return state;
  }

  /** Whether the preset counts as applied: verified, drifted or custom. */
  public boolean isApplied() {
    return state == State.VERIFIED || state == State.DRIFTED || state == State.CUSTOM;
  }

  /** Whether the preset is a custom preset. */
  public boolean isCustom() {
    return state == State.CUSTOM;
  }

  /** The live keys this preset owns (namespaced for a custom preset), in live order. */
  public List<String> keys() {
    return keys;
  }

  /**
   * The preset's content: the catalog's for a built-in preset; for a custom preset, the live entries under their
   * original keys (its description is not recorded in the live policy and is empty).
   */
  public Preset preset() {
    return preset;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof AppliedPreset other
        && name.equals(other.name) && state == other.state && keys.equals(other.keys) && preset.equals(other.preset);
  }

  @Override
  public int hashCode() {
    return Objects.hash(name, state, keys, preset);
  }

  @Override
  public String toString() {
    return name + " " + state.wireName() + " " + keys;
  }
}
