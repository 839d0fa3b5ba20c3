package dev.sandboxpolicy.explain;

import dev.sandboxpolicy.model.WireNamed;

/** Where a preset of the explain context comes from (spec nemoclaw-preset-layer §6.1 {@code source}). */
public enum PresetSource implements WireNamed {
  /** A preset shipped with NemoClaw. */
  BUILTIN("builtin"),
  /** A user preset recorded in the registry ({@code --from-file} / {@code --from-dir}). */
  CUSTOM("custom");

  private final String wireName;

  PresetSource(String wireName) {
    this.wireName = wireName;
  }

  /**
   * The JSON value.
   *
   * @return {@code builtin} or {@code custom}
   */
  @Override
  public String wireName() {
    return wireName;
  }
}
