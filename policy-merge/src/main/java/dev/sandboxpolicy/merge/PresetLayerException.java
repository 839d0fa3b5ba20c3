package dev.sandboxpolicy.merge;

import dev.sandboxpolicy.model.Problem;
import dev.sandboxpolicy.model.SourceLocation;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The preset layer refused an operation. Nothing was changed: every operation of this package either returns a
 * complete new value or throws this exception and leaves its inputs as they were.
 *
 * <p>{@link #error()} says why (with a stable {@link #code()}), {@link #presetName()} names the preset that
 * failed when one did, and {@link #problems()} carries the located problems behind the refusal (for example the
 * reader's problems for an unreadable live policy). {@link #getMessage()} is one line for people, already
 * prefixed with the preset name when there is one.
 */
public final class PresetLayerException extends Exception {

  private static final long serialVersionUID = 1L;

  private final PresetLayerError error;
  private final String presetName;
  private final transient List<Problem> problems;

  private PresetLayerException(PresetLayerError error, String presetName, String message, List<Problem> problems) {
    super(presetName == null || namesPreset(message, presetName) ? message
        : namePrefix(presetName) + ": " + message);
    this.error = Objects.requireNonNull(error, "error");
    this.presetName = presetName;
    this.problems = List.copyOf(problems);
  }

  /** Whether {@code message} starts by naming the preset ({@code Preset '<name>'} or {@code Preset name '<name>'}). */
  private static boolean namesPreset(String message, String name) {
    return message.startsWith(namePrefix(name)) || message.startsWith("Preset name '" + name + "'");
  }

  /** {@code Preset '<name>'}: how messages name a preset (NemoClaw's messages start with it already). */
  private static String namePrefix(String name) {
    return "Preset '" + name + "'";
  }

  /** A refusal with one problem at {@code location} (use {@link SourceLocation#NONE} when there is none). */
  public static PresetLayerException of(PresetLayerError error, SourceLocation location, String message) {
    return new PresetLayerException(
        error, null, message, List.of(Problem.error(error.problemCode(), location, message)));
  }

  /** A refusal explained by {@code problems} (for example the problems of a failed read). */
  static PresetLayerException withProblems(
      PresetLayerError error, String message, List<Problem> problems) {
    return new PresetLayerException(error, null, message, problems);
  }

  /**
   * The same refusal, attributed to the preset {@code name} (used by batch operations so the caller learns
   * which preset of the batch failed). The message gains a {@code Preset '<name>': } prefix, unless it already
   * starts with {@code Preset '<name>'} or {@code Preset name '<name>'} (as NemoClaw's own messages do).
   */
  public PresetLayerException forPreset(String name) {
    if (presetName != null) {
      return this;
    }
    return new PresetLayerException(error, name, reason(), problems);
  }

  /** Why the operation was refused. */
  public PresetLayerError error() {
    return error;
  }

  /** The stable snake_case code of {@link #error()}. */
  public String code() {
    return error.wireName();
  }

  /** The preset that failed, when the refusal concerns one preset. */
  public Optional<String> presetName() {
    return Optional.ofNullable(presetName);
  }

  /** The reason without the {@code Preset '<name>': } prefix this exception added (if it added one). */
  public String reason() {
    String m = getMessage();
    String added = presetName == null ? null : namePrefix(presetName) + ": ";
    return added != null && m.startsWith(added) ? m.substring(added.length()) : m;
  }

  /** The located problems behind this refusal (at least one). */
  public List<Problem> problems() {
    return problems;
  }
}
