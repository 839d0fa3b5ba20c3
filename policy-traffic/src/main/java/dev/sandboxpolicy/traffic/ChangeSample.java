package dev.sandboxpolicy.traffic;

import java.io.Serializable;
import java.util.Comparator;
import java.util.Objects;
import java.util.Optional;

/** One changed event kept as an example: where it was logged, the request, and both decisions. Immutable. */
public final class ChangeSample implements Serializable {
  private static final long serialVersionUID = 1L;

  static final Comparator<ChangeSample> ORDER =
      Comparator.comparing(ChangeSample::source).thenComparingLong(ChangeSample::line);

  private final String source;
  private final long line;
  private final String method;
  private final String path;
  private final ReplayDecision reference;
  private final ReplayDecision candidate;

  private ChangeSample(ReplayResult r) {
    this.source = r.event().source();
    this.line = r.event().line();
    this.method = r.event().method().orElse(null);
    this.path = r.event().path().orElse(null);
    this.reference = r.reference();
    this.candidate = r.candidate();
  }

  static ChangeSample of(ReplayResult r) {
    return new ChangeSample(r);
  }

  /**
   * Returns the input the event was read from.
   *
   * @return the source name
   */
  public String source() {
    return source;
  }

  /**
   * Returns the event's line number.
   *
   * @return the line
   */
  public long line() {
    return line;
  }

  /**
   * Returns the request method of an L7 event.
   *
   * @return the method, or empty
   */
  public Optional<String> method() {
    return Optional.ofNullable(method);
  }

  /**
   * Returns the request path of an L7 event.
   *
   * @return the path, or empty
   */
  public Optional<String> path() {
    return Optional.ofNullable(path);
  }

  /**
   * Returns the reference decision.
   *
   * @return the reference
   */
  public ReplayDecision reference() {
    return reference;
  }

  /**
   * Returns the candidate's decision.
   *
   * @return the candidate decision
   */
  public ReplayDecision candidate() {
    return candidate;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ChangeSample s
        && source.equals(s.source)
        && line == s.line
        && Objects.equals(method, s.method)
        && Objects.equals(path, s.path)
        && reference.equals(s.reference)
        && candidate.equals(s.candidate);
  }

  @Override
  public int hashCode() {
    return Objects.hash(source, line);
  }

  @Override
  public String toString() {
    return source + ":" + line + (method == null ? "" : " " + method + " " + path) + " " + reference + " -> "
        + candidate;
  }
}
