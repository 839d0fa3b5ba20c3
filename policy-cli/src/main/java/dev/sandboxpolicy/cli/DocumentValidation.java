package dev.sandboxpolicy.cli;

import dev.sandboxpolicy.io.PolicyReader;
import dev.sandboxpolicy.io.ReadMode;
import dev.sandboxpolicy.model.Problem;
import dev.sandboxpolicy.model.SourceLocation;
import dev.sandboxpolicy.rules.PresetOrigin;
import dev.sandboxpolicy.schema.DocumentKind;
import dev.sandboxpolicy.schema.PolicyValidator;
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

  /** The kind names, for shell completion and help. */
  static final class KindNames implements Iterable<String> {
    @Override
    public java.util.Iterator<String> iterator() {
      return java.util.Arrays.stream(Kind.values()).map(Kind::label).iterator();
    }
  }

  private DocumentValidation() {}

  /**
   * Validates text: syntax, the JSON Schema, the reader's structural problems and every semantic rule, in one
   * list ({@link PolicyValidator#validateText}). {@code custom} applies the rules for user-supplied presets.
   * A policy may be {@code openshell policy get --full} output.
   */
  static List<Problem> validate(Kind kind, String text, ReadMode mode, boolean custom) {
    PolicyValidator validator =
        (mode == ReadMode.LENIENT ? PolicyValidator.lenient() : PolicyValidator.strict())
            .withPresetOrigin(custom ? PresetOrigin.CUSTOM : PresetOrigin.BUILT_IN);
    return switch (kind) {
      case POLICY -> validator.validateText(DocumentKind.POLICY, PolicyGetOutput.withoutHeader(text), mode).problems();
      case PRESET -> validator.validateText(DocumentKind.PRESET, text, mode).problems();
      case BLUEPRINT -> validator.validateText(DocumentKind.BLUEPRINT, text, mode).problems();
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
    return validate(kind, text.get(), mode, custom);
  }
}
