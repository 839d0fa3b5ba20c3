package dev.sandboxpolicy.model;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A matcher for a query value or an MCP tool name: a glob string, {@code {any: [glob, ...]}}, or the
 * runtime-only {@code {glob: "..."}} object form (accepted by a lenient read, rejected by the strict schema).
 *
 * <p>A value matches when it matches the glob, or any glob of {@link #any()}. Globs here use {@code .} as their
 * delimiter: {@code *} does not match {@code v1.2}.
 */
public final class ValueMatcher {

  private final String glob;
  private final List<String> any;
  private final boolean objectForm;
  private final SourceLocation location;

  private ValueMatcher(String glob, List<String> any, boolean objectForm, SourceLocation location) {
    this.glob = glob;
    this.any = List.copyOf(any);
    this.objectForm = objectForm;
    this.location = Objects.requireNonNull(location, "location");
  }

  /** The plain string form: {@code tag: "v*"}. */
  public static ValueMatcher glob(String glob) {
    return new ValueMatcher(Objects.requireNonNull(glob, "glob"), List.of(), false, SourceLocation.NONE);
  }

  /** The object form {@code {glob: "v*"}} (not accepted by the strict schema). */
  public static ValueMatcher globObject(String glob) {
    return new ValueMatcher(Objects.requireNonNull(glob, "glob"), List.of(), true, SourceLocation.NONE);
  }

  /** The object form {@code {any: [...]}}. */
  public static ValueMatcher any(List<String> globs) {
    return new ValueMatcher(null, globs, true, SourceLocation.NONE);
  }

  /**
   * The general object form, as a lenient read may find it (both keys may be present, which validation
   * reports).
   */
  public static ValueMatcher object(Optional<String> glob, List<String> any) {
    return new ValueMatcher(glob.orElse(null), any, true, SourceLocation.NONE);
  }

  /** This matcher with a source location. */
  public ValueMatcher withLocation(SourceLocation location) {
    return new ValueMatcher(glob, any, objectForm, location);
  }

  /** The single glob, when this is the string form or a {@code {glob: ...}} object. */
  public Optional<String> glob() {
    return Optional.ofNullable(glob);
  }

  /** The globs of {@code {any: [...]}}, or an empty list. */
  public List<String> any() {
    return any;
  }

  /** Whether this matcher was written as an object rather than a plain string. */
  public boolean objectForm() {
    return objectForm;
  }

  /** Every glob of this matcher: the single glob, then the {@code any} globs. */
  public List<String> globs() {
    if (glob == null) {
      return any;
    }
    if (any.isEmpty()) {
      return List.of(glob);
    }
    var all = new java.util.ArrayList<String>(any.size() + 1);
    all.add(glob);
    all.addAll(any);
    return List.copyOf(all);
  }

  /** Where this matcher was read from. Not part of equality. */
  public SourceLocation location() {
    return location;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ValueMatcher m
        && Objects.equals(glob, m.glob)
        && any.equals(m.any)
        && objectForm == m.objectForm;
  }

  @Override
  public int hashCode() {
    return Objects.hash(glob, any, objectForm);
  }

  @Override
  public String toString() {
    if (!objectForm) {
      return glob;
    }
    return glob != null ? "{glob: " + glob + (any.isEmpty() ? "" : ", any: " + any) + "}" : "{any: " + any + "}";
  }
}
