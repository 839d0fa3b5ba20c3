package dev.sandboxpolicy.testkit;

import java.util.Objects;

/**
 * One mutated document made by {@link DocumentMutator}.
 *
 * @param text the mutated document text
 * @param operator what was done, for example {@code wrong_type /network_policies/a/endpoints/0/port}
 * @param expectation what a strict reader (and validator) must do with it
 */
public record Mutant(String text, String operator, Expectation expectation) {

  /** What a consumer of the mutant must do with it. */
  public enum Expectation {
    /** A strict read must report at least one error (wrong type, unknown key, out-of-range integer, ...). */
    READ_ERROR,
    /** The document reads, but semantic validation (§2) must report at least one error. */
    VALIDATION_ERROR,
    /** Anything may happen (a blind text edit): the document is valid or rejected with problems, never a crash. */
    VALID_OR_REJECTED
  }

  /** Validates the components. */
  public Mutant {
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(operator, "operator");
    Objects.requireNonNull(expectation, "expectation");
  }

  /** Shows the operator and the first 200 characters of the text. */
  @Override
  public String toString() {
    String shown = text.length() > 200 ? text.substring(0, 200) + "…(" + text.length() + " chars)" : text;
    return operator + " [" + expectation + "]\n" + shown;
  }
}
