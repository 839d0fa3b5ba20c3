package dev.sandboxpolicy.io;

import dev.sandboxpolicy.model.Problem;
import dev.sandboxpolicy.model.SourceMap;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What reading a document produced: the value (when the document could be bound to the model), every problem
 * found (errors and warnings, each with a code and a location), and the positions of the document's nodes.
 *
 * <p>A result has a value exactly when it has no error. Warnings (for example unknown keys in a lenient read)
 * come with a value.
 *
 * @param <T> the model type read ({@code Policy}, {@code Preset}, {@code TierCatalog}, {@code Blueprint})
 */
public final class ReadResult<T> {

  private final T value;
  private final List<Problem> problems;
  private final SourceMap sourceMap;
  /** The parsed document a plain-tree read came from, so that it can be bound without parsing again; else null. */
  final Node root;

  ReadResult(T value, List<Problem> problems, SourceMap sourceMap) {
    this(value, problems, sourceMap, null);
  }

  ReadResult(T value, List<Problem> problems, SourceMap sourceMap, Node root) {
    this.problems = List.copyOf(problems);
    this.value = hasError(this.problems) ? null : value;
    this.sourceMap = Objects.requireNonNull(sourceMap);
    this.root = root;
  }

  private static boolean hasError(List<Problem> problems) {
    for (Problem p : problems) {
      if (p.isError()) {
        return true;
      }
    }
    return false;
  }

  /** The value, or empty when the document had an error. */
  public Optional<T> value() {
    return Optional.ofNullable(value);
  }

  /** Every problem found while reading, in document order where possible. */
  public List<Problem> problems() {
    return problems;
  }

  /** Whether some problem is an error (then there is no value). */
  public boolean hasErrors() {
    return value == null;
  }

  /** The positions of the document's nodes, for locating problems found later. */
  public SourceMap sourceMap() {
    return sourceMap;
  }

  /** The value, or a {@link PolicyReadException} carrying the problems. */
  public T orElseThrow() throws PolicyReadException {
    if (value == null) {
      throw new PolicyReadException(problems);
    }
    return value;
  }
}
