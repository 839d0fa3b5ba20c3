package dev.sandboxpolicy.merge;

import dev.sandboxpolicy.model.Preset;
import java.nio.file.Path;
import java.util.Objects;

/**
 * A user-supplied preset that passed the custom preset checks ({@link CustomPresetLoader}): its name, its
 * content as a model, the full original text (what NemoClaw records, so the preset can be removed or replayed
 * after the file is gone), and the absolute path it was loaded from.
 */
public final class CustomPreset {

  private final Preset preset;
  private final String content;
  private final Path sourcePath;

  private CustomPreset(Preset preset, String content, Path sourcePath) {
    this.preset = Objects.requireNonNull(preset, "preset");
    this.content = Objects.requireNonNull(content, "content");
    this.sourcePath = Objects.requireNonNull(sourcePath, "sourcePath");
  }

  static CustomPreset of(Preset preset, String content, Path sourcePath) {
    return new CustomPreset(preset, content, sourcePath);
  }

  /** The preset name ({@code preset.name}, not normalised). */
  public String name() {
    return preset.name();
  }

  /** The parsed content. */
  public Preset preset() {
    return preset;
  }

  /** The full original file text. */
  public String content() {
    return content;
  }

  /** The absolute path of the file. */
  public Path sourcePath() {
    return sourcePath;
  }

  /** This preset as a custom layer of a {@link PolicyStack}. */
  public StackLayer toLayer() {
    return StackLayer.custom(preset, sourcePath.toString());
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof CustomPreset other
        && preset.equals(other.preset)
        && content.equals(other.content)
        && sourcePath.equals(other.sourcePath);
  }

  @Override
  public int hashCode() {
    return Objects.hash(preset, content, sourcePath);
  }

  @Override
  public String toString() {
    return "CustomPreset{" + name() + " from " + sourcePath + "}";
  }
}
