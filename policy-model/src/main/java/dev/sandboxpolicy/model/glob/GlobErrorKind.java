package dev.sandboxpolicy.model.glob;

import dev.sandboxpolicy.model.WireNamed;
import dev.sandboxpolicy.model.glob.tree.GlobParser;

/**
 * Why a glob pattern does not compile (spec §3.2, last bullet). Each kind has a stable snake_case {@link #wireName()}
 * that tools and tests may rely on.
 *
 * <p>Upstream, a pattern that does not compile is an <em>evaluation error</em> when it is used (the decision fails
 * closed); at load time it is only a warning. Which severity to report is the caller's choice.
 */
public enum GlobErrorKind implements WireNamed {
  /** A {@code [} without its closing {@code ]}. */
  UNCLOSED_CLASS(GlobParser.UNCLOSED_CLASS),
  /** A class range whose end is smaller than its start, e.g. {@code [z-a]}. */
  INVALID_RANGE(GlobParser.INVALID_RANGE),
  /** A <code>&#123;</code> without its closing <code>&#125;</code>. */
  UNCLOSED_ALTERNATES(GlobParser.UNCLOSED_ALTERNATES),
  /** A <code>&#125;</code> without an opening <code>&#123;</code>. */
  UNOPENED_ALTERNATES(GlobParser.UNOPENED_ALTERNATES),
  /** A {@code \} at the very end of the pattern (after the delimiter transformation). */
  DANGLING_ESCAPE(GlobParser.DANGLING_ESCAPE),
  /** The pattern contains U+0000, which the upstream primitive refuses before anything else. */
  NUL_CHARACTER(GlobParser.NUL_CHARACTER);

  private final String wireName;

  GlobErrorKind(String wireName) {
    this.wireName = wireName;
  }

  /**
   * Returns the stable snake_case code of this kind as reports spell it, e.g. {@code glob_unclosed_class}.
   *
   * @return the code
   */
  @Override
  public String wireName() {
    return wireName;
  }
}
