package dev.sandboxpolicy.merge;

import dev.sandboxpolicy.model.Preset;
import dev.sandboxpolicy.rules.PresetOrigin;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One applied preset of a {@link PolicyStack}: its name, whether it is built in or user-supplied, and the
 * preset content that was applied.
 *
 * <p>When a stack is serialized, a built-in layer is written by name only (it is resolved again from the
 * catalog when the stack is read, as NemoClaw does on rebuild); a custom layer is written with its full
 * content and source path, so it can be replayed after the file is gone.
 */
public final class StackLayer {

  private final Preset preset;
  private final PresetOrigin source;
  private final String sourcePath;
  private final Map<String, List<String>> pins;

  private StackLayer(Preset preset, PresetOrigin source, String sourcePath, Map<String, List<String>> pins) {
    this.preset = Objects.requireNonNull(preset, "preset");
    this.source = source;
    this.sourcePath = sourcePath;
    this.pins = Map.copyOf(pins);
  }

  /**
   * A layer for a built-in preset. A preset that is not a preset of the built-in catalog
   * ({@link PresetCatalog#isBuiltIn(Preset)}) is still checked as a custom preset when the layer is applied: the
   * label does not make content trusted.
   */
  public static StackLayer builtIn(Preset preset) {
    return new StackLayer(preset, PresetOrigin.BUILT_IN, null, Map.of());
  }

  /** A layer for a user-supplied preset, with the path it was loaded from ({@code null} when unknown). */
  public static StackLayer custom(Preset preset, String sourcePath) {
    return new StackLayer(preset, PresetOrigin.CUSTOM, sourcePath, Map.of());
  }

  /** This layer with library-issued pins ({@link CustomPreset#toLayer()}). */
  StackLayer withPins(Map<String, List<String>> newPins) {
    return new StackLayer(preset, source, sourcePath, newPins);
  }

  /** The trusted-private-host pins this layer's {@code allowed_ips} may carry (empty for none). */
  Map<String, List<String>> pins() {
    return pins;
  }

  /** Whether this layer's content is a preset of the built-in catalog (then it is not checked as custom). */
  boolean isCatalogPreset() {
    return PresetCatalog.builtIn().isBuiltIn(preset);
  }

  /** The layer's name: the preset name. */
  public String name() {
    return preset.name();
  }

  /** The applied content. */
  public Preset preset() {
    return preset;
  }

  /** Built-in or custom. */
  public PresetOrigin source() {
    return source;
  }

  /** The file a custom preset was loaded from, when known. */
  public Optional<String> sourcePath() {
    return Optional.ofNullable(sourcePath);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof StackLayer other
        && preset.equals(other.preset)
        && source == other.source
        && Objects.equals(sourcePath, other.sourcePath)
        && pins.equals(other.pins);
  }

  @Override
  public int hashCode() {
    return Objects.hash(preset, source, sourcePath, pins);
  }

  @Override
  public String toString() {
    return (source == PresetOrigin.BUILT_IN ? "built-in " : "custom ") + name();
  }
}
