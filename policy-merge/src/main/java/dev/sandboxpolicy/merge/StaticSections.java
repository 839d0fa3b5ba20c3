package dev.sandboxpolicy.merge;

import dev.sandboxpolicy.model.Policy;
import dev.sandboxpolicy.model.Problem;
import dev.sandboxpolicy.model.SourceLocation;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The static sections of a policy ({@code filesystem_policy}, {@code landlock}, {@code process}) are applied
 * once, when the sandbox starts, and cannot change on a live sandbox (OpenShell policy language spec §0 and
 * §4). Only {@code network_policies} and {@code network_middlewares} are hot-reloadable.
 *
 * <p>A section counts as changed when its value differs, including when it is added or dropped. Source
 * locations do not count. Preset merges never touch these sections; this check guards whole-policy updates.
 */
final class StaticSections {

  private StaticSections() {}

  /** One {@code static_section_changed} error per static section that differs between the two policies. */
  static List<Problem> changes(Policy live, Policy proposed) {
    List<Problem> out = new ArrayList<>(3);
    check(out, "filesystem_policy", live.filesystemPolicy(), proposed.filesystemPolicy());
    check(out, "landlock", live.landlock(), proposed.landlock());
    check(out, "process", live.process(), proposed.process());
    return out;
  }

  /**
   * Refuses {@code proposed} when it changes a static section of {@code live}.
   *
   * @throws PresetLayerException {@code static_section_changed}, naming every changed section
   */
  static void requireUnchanged(Policy live, Policy proposed) throws PresetLayerException {
    List<Problem> problems = changes(live, proposed);
    if (!problems.isEmpty()) {
      String sections = String.join(", ", problems.stream().map(p -> p.pointer().substring(1)).toList());
      throw PresetLayerException.withProblems(
          PresetLayerError.STATIC_SECTION_CHANGED,
          "Cannot update a live sandbox policy: " + sections
              + (problems.size() == 1 ? " is" : " are")
              + " locked at sandbox creation (static sections filesystem_policy, landlock and process cannot"
              + " change on a live sandbox; recreate the sandbox to change them).",
          problems);
    }
  }

  private static void check(List<Problem> out, String section, Object live, Object proposed) {
    if (!Objects.equals(live, proposed)) {
      out.add(Problem.error(
          PresetLayerError.STATIC_SECTION_CHANGED.problemCode(),
          SourceLocation.ofPointer("/" + section),
          section + " is a static section: it is fixed when the sandbox is created and cannot change on a live"
              + " sandbox"));
    }
  }
}
