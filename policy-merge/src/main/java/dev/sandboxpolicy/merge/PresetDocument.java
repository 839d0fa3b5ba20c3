package dev.sandboxpolicy.merge;

import dev.sandboxpolicy.io.PolicyReader;
import dev.sandboxpolicy.io.ReadMode;
import dev.sandboxpolicy.io.ReadResult;
import dev.sandboxpolicy.model.Preset;
import dev.sandboxpolicy.model.Problem;
import dev.sandboxpolicy.model.ProblemCode;
import dev.sandboxpolicy.model.SourceLocation;
import dev.sandboxpolicy.model.SourceMap;
import java.util.List;
import java.util.Objects;

/**
 * A preset read from text, with what the preset layer needs to know beyond the model: whether the document has
 * a {@code network_policies} section at all, and the reader's source map.
 *
 * <p>Reading is lenient, as upstream's runtime is (it validates presets against the schema only at build time):
 * unknown keys are kept as warnings. Structural errors still refuse, because the model cannot hold them.
 *
 * <p><b>Deviation from upstream:</b> NemoClaw finds a preset's entries by a text scan for a line that is exactly
 * {@code network_policies:} in column 0, so {@code network_policies: {...}} written inline, CRLF line endings and
 * a comment after the colon all count as "no section" there. This library parses the YAML, so all of those work.
 */
public final class PresetDocument {

  private static final PolicyReader READER = PolicyReader.of(ReadMode.STRICT);

  private final Preset preset;
  private final String text;
  private final SourceMap sourceMap;
  private final List<Problem> warnings;
  private final List<Problem> errors;

  private PresetDocument(Preset preset, String text, SourceMap sourceMap, List<Problem> warnings,
      List<Problem> errors) {
    this.preset = preset;
    this.text = text;
    this.sourceMap = sourceMap;
    this.warnings = List.copyOf(warnings);
    this.errors = List.copyOf(errors);
  }

  /**
   * Reads a preset document and checks that it has entries to apply (spec §2.1).
   *
   * @param text the preset YAML
   * @param verb {@code "merge"} or {@code "remove"}, for the message of an entries error
   * @throws PresetLayerException {@code preset_unreadable} (not YAML, not a mapping, wrong shapes),
   *     {@code preset_no_network_policies}, or {@code preset_entries_invalid} (entries not a non-empty mapping
   *     of mappings)
   */
  public static PresetDocument read(String text, String verb) throws PresetLayerException {
    PresetDocument doc = readUnchecked(text, verb);
    doc.requireEntries(verb);
    return doc;
  }

  /**
   * Reads a preset document without requiring entries (a custom preset with {@code network_policies: {}} loads,
   * and fails only when applied).
   *
   * @throws PresetLayerException {@code preset_unreadable} when the text cannot be read as a preset
   */
  public static PresetDocument readUnchecked(String text) throws PresetLayerException {
    return readUnchecked(text, "merge");
  }

  static PresetDocument readUnchecked(String text, String verb) throws PresetLayerException {
    PresetDocument doc = parse(text, READER);
    if (doc.errors.isEmpty()) {
      return doc;
    }
    // A text that is not a usable YAML document is not read twice; otherwise the raw tree names the preset.
    String name = doc.hasSyntaxError() ? null
        : PlainTree.read(READER, text).flatMap(PlainTree::presetName).orElse(null);
    PresetLayerException e;
    if (doc.hasSyntaxError()) {
      e = PresetLayerException.withProblems(PresetLayerError.PRESET_UNREADABLE,
          "Invalid YAML: " + doc.errors.get(0).message(), doc.errors);
    } else if (!doc.isMapping()) {
      e = PresetLayerException.withProblems(PresetLayerError.PRESET_UNREADABLE, "Preset must be a YAML mapping",
          doc.errors);
    } else if (doc.errors.stream().allMatch(p -> isEntryLevel(p.pointer()))) {
      e = PresetMerger.entriesInvalid(verb);
    } else {
      e = PresetLayerException.withProblems(PresetLayerError.PRESET_UNREADABLE,
          "The preset cannot be read: " + doc.errors.get(0), doc.errors);
    }
    throw name == null ? e : e.forPreset(name);
  }

  /** Reads without judging: {@link #preset()} is null when the reader found an error; errors are kept. */
  static PresetDocument parse(String text, PolicyReader reader) {
    Objects.requireNonNull(text, "text");
    ReadResult<Preset> r = reader.readPreset(text);
    List<Problem> errors = r.problems().stream().filter(Problem::isError).toList();
    List<Problem> warnings = r.problems().stream().filter(p -> !p.isError()).toList();
    return new PresetDocument(r.value().orElse(null), text, r.sourceMap(), warnings, errors);
  }

  /** The reader's errors (empty for a document returned by {@link #read} or {@link #readUnchecked}). */
  List<Problem> errors() {
    return errors;
  }

  /** Whether the document root is a mapping (false for scalar or list documents). */
  boolean isMapping() {
    return errors.stream().noneMatch(p -> p.pointer().isEmpty() && p.code().equals(ProblemCode.WRONG_TYPE.wireName()));
  }

  /** Whether the text is not a usable YAML document at all. */
  boolean hasSyntaxError() {
    return errors.stream().anyMatch(PlainTree::isUnreadableText);
  }

  String firstErrorMessage() {
    return errors.isEmpty() ? "(no detail)" : errors.get(0).message();
  }

  /** The preset. */
  public Preset preset() {
    return preset;
  }

  /** The text it was read from. */
  public String text() {
    return text;
  }

  /** Positions of the document's nodes. */
  public SourceMap sourceMap() {
    return sourceMap;
  }

  /** The reader's warnings (unknown keys kept, and the like). */
  public List<Problem> warnings() {
    return warnings;
  }

  /** Whether the document has a {@code network_policies} key (whatever its value). */
  public boolean hasNetworkPoliciesSection() {
    return sourceMap.locate("/network_policies").isPresent();
  }

  /** Whether the document has a key at {@code pointer} (an RFC 6901 pointer), whatever its value. */
  public boolean has(String pointer) {
    return sourceMap.locate(pointer).isPresent();
  }

  void requireEntries(String verb) throws PresetLayerException {
    if (!hasNetworkPoliciesSection()) {
      throw PresetLayerException.of(PresetLayerError.PRESET_NO_NETWORK_POLICIES, SourceLocation.ofPointer(""),
          "Preset " + displayName() + " has no network_policies section.").forPreset(displayName());
    }
    if (preset.networkPolicies().isEmpty()) {
      throw PresetMerger.entriesInvalid(verb).forPreset(displayName());
    }
  }

  private String displayName() {
    return preset.name().isEmpty() ? "(unnamed)" : preset.name();
  }

  /** A wrong shape of {@code network_policies} itself or of one of its values. */
  static boolean isEntryLevel(String pointer) {
    if (pointer.equals("/network_policies")) {
      return true;
    }
    if (!pointer.startsWith("/network_policies/")) {
      return false;
    }
    return pointer.indexOf('/', "/network_policies/".length()) < 0;
  }

}
