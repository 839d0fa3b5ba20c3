package dev.sandboxpolicy.cli;

import dev.sandboxpolicy.model.Problem;
import dev.sandboxpolicy.model.SourceLocation;
import dev.sandboxpolicy.model.io.DocumentFormat;
import dev.sandboxpolicy.model.io.PolicyReader;
import dev.sandboxpolicy.model.io.ReadMode;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Validates one document of a given kind and returns every problem: what {@code policyctl validate} and the
 * protocol's {@code validate} operation share.
 */
final class DocumentValidation {

  /** The kinds of document that can be validated. */
  enum Kind {
    POLICY,
    PRESET,
    BLUEPRINT;

    /** The kind named {@code name} ({@code policy}, {@code preset}, {@code blueprint}). */
    static Optional<Kind> named(String name) {
      for (Kind k : values()) {
        if (k.label().equals(name)) {
          return Optional.of(k);
        }
      }
      return Optional.empty();
    }

    String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  private DocumentValidation() {}

  /** Validates text. {@code custom} applies the rules for user-supplied presets. */
  static List<Problem> validate(Kind kind, String text, DocumentFormat format, ReadMode mode, boolean custom) {
    PolicyReader reader = PolicyReader.of(mode);
    return switch (kind) {
      case POLICY -> reader.readPolicy(PolicyGetOutput.withoutHeader(text), format).problems();
      case PRESET -> reader.readPreset(text, format).problems();
      case BLUEPRINT -> reader.readBlueprint(text).problems();
    };
  }

  /** Validates a document read from the command line. */
  static List<Problem> validate(Kind kind, InputDocument document, ReadMode mode, boolean custom) {
    Optional<String> text = document.utf8Text();
    if (text.isEmpty()) {
      PolicyReader reader = PolicyReader.of(mode);
      return switch (kind) {
        case POLICY -> reader.readPolicy(document.bytes(), document.format()).problems();
        case PRESET -> reader.readPreset(document.bytes(), document.format()).problems();
        case BLUEPRINT ->
            List.of(
                Problem.error(
                    "invalid_encoding", new SourceLocation("", 1, 1), "a blueprint must be UTF-8 text"));
      };
    }
    return validate(kind, text.get(), document.format(), mode, custom);
  }
}
