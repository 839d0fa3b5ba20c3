package dev.sandboxpolicy.merge;

import dev.sandboxpolicy.io.PolicyWriter;
import dev.sandboxpolicy.model.Policy;
import dev.sandboxpolicy.model.Preset;
import dev.sandboxpolicy.rules.ValidationReport;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A user-supplied preset that passed the custom preset checks ({@link CustomPresetLoader}): its name, its
 * content as a model, the full original text (what NemoClaw records, so the preset can be removed or replayed
 * after the file is gone), and the absolute path it was loaded from.
 *
 * <p>Only this library creates instances, so a custom preset that carries {@link #pins()} carries addresses the
 * library resolved itself for trusted private hosts ({@link TrustedPrivateHosts#pin(List)}): those
 * {@code allowed_ips}, and only those, are accepted when the preset is applied ({@link #toLayer()}).
 */
public final class CustomPreset {

  private final Preset preset;
  private final String content;
  private final Path sourcePath;
  private final ValidationReport validation;
  private final Map<String, List<String>> pins;

  private CustomPreset(
      Preset preset, String content, Path sourcePath, ValidationReport validation, Map<String, List<String>> pins) {
    this.preset = Objects.requireNonNull(preset, "preset");
    this.content = Objects.requireNonNull(content, "content");
    this.sourcePath = Objects.requireNonNull(sourcePath, "sourcePath");
    this.validation = Objects.requireNonNull(validation, "validation");
    this.pins = Map.copyOf(pins);
  }

  static CustomPreset of(Preset preset, String content, Path sourcePath, ValidationReport validation) {
    return new CustomPreset(preset, content, sourcePath, validation, Map.of());
  }

  /** This preset with pinned content (only {@link TrustedPrivateHosts} calls this). */
  CustomPreset withPins(TrustedPrivateHosts.Pinned pinned) {
    return new CustomPreset(pinned.preset(), content, sourcePath, validation, pinned.pins());
  }

  /**
   * The {@code allowed_ips} pins the library resolved for trusted private hosts of this preset, by normalised host
   * (each list lower case, de-duplicated, sorted); empty when none was pinned.
   */
  public Map<String, List<String>> pins() {
    return pins;
  }

  /**
   * A digest binding the pins to the exact pinned content: {@link PolicyWriter#hash(Policy)} of a policy holding
   * just this preset's entries under their live keys ({@code nemoclaw_custom__<preset>__<key>}, so the name is bound
   * too); empty when nothing was pinned. Record it to show later that the content applied is the content that was
   * pinned (NemoClaw's pin receipt {@code contentDigest}).
   */
  public Optional<String> pinsDigest() {
    if (pins.isEmpty()) {
      return Optional.empty();
    }
    Policy.Builder b = Policy.builder();
    preset.networkPolicies().forEach((k, v) -> b.putNetworkPolicies(CustomPresetKeys.key(preset.name(), k), v));
    return Optional.of(PolicyWriter.hash(b.build()));
  }

  /**
   * What the schema validator says about the preset: the JSON Schema, strict structure, every value rule and the
   * custom-preset rules, i.e. what NemoClaw's build-time check would say. <b>Advisory</b>: like upstream, which validates presets against the schema only at build
   * time, loading does not refuse a preset the validator finds fault with (for example one without
   * {@code binaries}); OpenShell judges it when the policy is set. Callers that want to refuse can check
   * {@link ValidationReport#hasErrors()}.
   */
  public ValidationReport validation() {
    return validation;
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

  /** This preset as a custom layer of a {@link PolicyStack}, with its pins. */
  public StackLayer toLayer() {
    return StackLayer.custom(preset, sourcePath.toString()).withPins(pins);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof CustomPreset other
        && preset.equals(other.preset)
        && content.equals(other.content)
        && sourcePath.equals(other.sourcePath)
        && pins.equals(other.pins);
  }

  @Override
  public int hashCode() {
    return Objects.hash(preset, content, sourcePath, pins);
  }

  @Override
  public String toString() {
    return "CustomPreset{" + name() + " from " + sourcePath + "}";
  }
}
