package dev.sandboxpolicy.matcher;

import dev.sandboxpolicy.model.glob.GlobDelimiters;
import dev.sandboxpolicy.model.glob.GlobError;
import dev.sandboxpolicy.model.glob.GlobSyntaxException;

/**
 * A policy glob as evaluated at request time: a compiled {@link GlobMatcher}, or — when the pattern does not compile
 * — a marker that makes every evaluation an error (spec §3.2: a compile error is an evaluation error, fail closed).
 */
final class Glob {
  private final String source;
  private final GlobMatcher matcher;
  private final GlobError error;

  private Glob(String source, GlobMatcher matcher, GlobError error) {
    this.source = source;
    this.matcher = matcher;
    this.error = error;
  }

  static Glob of(String pattern, GlobDelimiters delimiters) {
    try {
      return new Glob(pattern, GlobMatcher.compile(pattern, delimiters), null);
    } catch (GlobSyntaxException e) {
      return new Glob(pattern, null, e.error());
    }
  }

  static Glob lowerCased(String pattern, GlobDelimiters delimiters) {
    try {
      return new Glob(pattern, GlobMatcher.compileLowerCased(pattern, delimiters), null);
    } catch (GlobSyntaxException e) {
      return new Glob(pattern, null, e.error());
    }
  }

  /** {@link GlobMatcher#MATCH}, {@link GlobMatcher#NO_MATCH} or {@link GlobMatcher#ERROR}. */
  int evaluate(String value) {
    return matcher == null ? GlobMatcher.ERROR : matcher.evaluate(value);
  }

  /** {@link #evaluate} of a value already screened for U+0000 ({@link GlobMatcher#evaluateScreened}). */
  int evaluateScreened(String value) {
    return matcher == null ? GlobMatcher.ERROR : matcher.evaluateScreened(value);
  }

  /** {@link GlobMatcher#evaluateLowerCase} (a lower-cased value without U+0000). */
  int evaluateLowerCase(String value) {
    return matcher == null ? GlobMatcher.ERROR : matcher.evaluateLowerCase(value);
  }

  /** The compiled matcher, or null when the pattern does not compile. */
  GlobMatcher matcher() {
    return matcher;
  }

  String source() {
    return source;
  }

  /** The compile error, or null. */
  GlobError error() {
    return error;
  }

  /** Explains an {@link GlobMatcher#ERROR} result for {@code value}. */
  String errorReason(String value) {
    if (error != null) {
      return "evaluation error: glob '" + source + "' does not compile (" + error.code() + ": " + error.message() + ")";
    }
    return "evaluation error: value matched against glob '" + source + "' contains U+0000";
  }
}
