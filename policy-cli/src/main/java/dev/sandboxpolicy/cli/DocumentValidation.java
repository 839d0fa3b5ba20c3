package dev.sandboxpolicy.cli;

import dev.sandboxpolicy.io.PolicyReader;
import dev.sandboxpolicy.io.ReadMode;
import dev.sandboxpolicy.model.Problem;
import dev.sandboxpolicy.model.ProblemCode;
import dev.sandboxpolicy.model.SourceLocation;
import dev.sandboxpolicy.rules.PresetOrigin;
import dev.sandboxpolicy.schema.DocumentKind;
import dev.sandboxpolicy.schema.PolicyValidator;
import dev.sandboxpolicy.schema.ValidationProfile;
import java.util.List;
import java.util.Optional;

/**
 * Validates one document of a given kind and returns every problem: what {@code policyctl validate} and the
 * protocol's {@code validate} operation share.
 */
final class DocumentValidation {

  /** The kind names ({@link DocumentKind#wireName()}), for shell completion and help. */
  static final class KindNames implements Iterable<String> {
    @Override
    public java.util.Iterator<String> iterator() {
      return java.util.Arrays.stream(DocumentKind.values()).map(DocumentKind::wireName).iterator();
    }
  }

  private DocumentValidation() {}

  /**
   * Validates text: syntax, the JSON Schema, the reader's structural problems and every semantic rule, in one
   * list ({@link PolicyValidator#validateText}). {@code custom} applies the rules for user-supplied presets.
   * A policy may be {@code openshell policy get --full} output.
   */
  static List<Problem> validate(DocumentKind kind, String text, ReadMode mode, boolean custom) {
    return validate(kind, text, mode, custom, ValidationProfile.OPENSHELL);
  }

  /** {@link #validate(DocumentKind, String, ReadMode, boolean)} with {@code profile}'s rules on top. */
  static List<Problem> validate(
      DocumentKind kind, String text, ReadMode mode, boolean custom, ValidationProfile profile) {
    PolicyValidator validator =
        (mode == ReadMode.LEGACY_TOLERANT ? PolicyValidator.legacyTolerant() : PolicyValidator.strict())
            .withPresetOrigin(custom ? PresetOrigin.CUSTOM : PresetOrigin.BUILT_IN)
            .withProfile(profile);
    String body = kind == DocumentKind.POLICY ? PolicyGetOutput.withoutHeader(text) : text;
    return validator.validateText(kind, body, mode).problems();
  }

  /** Validates a document read from the command line. */
  static List<Problem> validate(
      DocumentKind kind, InputDocument document, ReadMode mode, boolean custom, ValidationProfile profile) {
    Optional<String> text = document.utf8Text();
    if (text.isEmpty()) {
      PolicyReader reader = PolicyReader.of(mode);
      return switch (kind) {
        case POLICY -> reader.readPolicy(document.bytes(), document.format()).problems();
        case PRESET -> reader.readPreset(document.bytes(), document.format()).problems();
        case BLUEPRINT ->
            List.of(
                Problem.error(
                    ProblemCode.INVALID_ENCODING, new SourceLocation("", 1, 1), "a blueprint must be UTF-8 text"));
      };
    }
    return validate(kind, text.get(), mode, custom, profile);
  }

  /** The profile names ({@link ValidationProfile#wireName()}), for shell completion and help. */
  static final class ProfileNames implements Iterable<String> {
    @Override
    public java.util.Iterator<String> iterator() {
      return java.util.Arrays.stream(ValidationProfile.values()).map(ValidationProfile::wireName).iterator();
    }
  }
}
