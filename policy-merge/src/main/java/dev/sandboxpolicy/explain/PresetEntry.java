package dev.sandboxpolicy.explain;

import dev.sandboxpolicy.rules.PresetOrigin;
import java.util.List;
import java.util.Objects;

/**
 * One preset in the explain context ({@code PresetEntry} of spec nemoclaw-preset-layer §6.1). Carries only the name,
 * description and host summary: never rule bodies, binaries, enforcement modes or credential settings.
 *
 * @param name the preset name
 * @param description the one-line description ("" when none)
 * @param allowedHostCategories public host stems, sorted
 * @param redactedHostCount how many host values were withheld
 * @param source builtin or custom
 * @param verification the gateway verification status
 */
public record PresetEntry(
    String name,
    String description,
    List<String> allowedHostCategories,
    int redactedHostCount,
    PresetOrigin source,
    Verification verification) {

  /** An entry; lists are copied, nothing may be null. */
  public PresetEntry {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(description, "description");
    allowedHostCategories = List.copyOf(allowedHostCategories);
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(verification, "verification");
  }
}
