package dev.sandboxpolicy.merge;

import dev.sandboxpolicy.io.DocumentFormat;
import dev.sandboxpolicy.io.PolicyReader;
import dev.sandboxpolicy.io.ReadResult;
import dev.sandboxpolicy.model.Problem;
import dev.sandboxpolicy.model.ProblemCode;
import dev.sandboxpolicy.model.WireNamed;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Navigation of the plain ordered tree that {@link PolicyReader#readTree(String, DocumentFormat)} returns
 * ({@code Map<String, Object>} in document order, {@code List<Object>}, {@code String}, {@code Long} or
 * {@code BigInteger}, {@code Double}, {@code Boolean}, {@code null}), for the few checks upstream makes on the raw
 * document rather than on a typed model: key presence whatever the value, {@code null} versus an empty mapping,
 * names that the model could not bind, and documents the model does not describe (the policy stack, the catalog
 * index).
 *
 * <p>There is no second YAML parser in this package: every user-supplied text goes through the model's reader, so
 * its limits (document size, depth, alias expansion, collection size, scalar length) and checks (duplicate keys,
 * invalid UTF-8) apply everywhere, with the reader's problem codes and positions.
 */
final class PlainTree {

  /**
   * Whether the reader reported that the text is not a usable YAML document: its syntax, encoding or one of its
   * limits ({@link ProblemCode#isUnreadableText()}).
   */
  static boolean isUnreadableText(Problem problem) {
    return WireNamed.fromWireName(ProblemCode.class, problem.code()).map(ProblemCode::isUnreadableText).orElse(false);
  }

  private PlainTree() {}

  /**
   * The plain tree of a YAML (or JSON) document read by {@code reader}, or empty when the reader reported an error
   * (the text is not YAML, or breaks one of the reader's limits). The tree of a {@code null} document is empty too.
   */
  static Optional<Object> read(PolicyReader reader, String text) {
    ReadResult<Object> r = reader.readTree(text, DocumentFormat.YAML);
    return r.hasErrors() ? Optional.empty() : r.value();
  }

  /** {@code node} as a mapping, or empty when it is not one. */
  @SuppressWarnings("unchecked")
  static Optional<Map<String, Object>> mapping(Object node) {
    return node instanceof Map<?, ?> m ? Optional.of((Map<String, Object>) m) : Optional.empty();
  }

  /** {@code node} as a sequence, or empty when it is not one. */
  @SuppressWarnings("unchecked")
  static Optional<List<Object>> sequence(Object node) {
    return node instanceof List<?> l ? Optional.of((List<Object>) l) : Optional.empty();
  }

  /** {@code node} as a string scalar, or empty when it is anything else (numbers and booleans are not strings). */
  static Optional<String> string(Object node) {
    return node instanceof String s ? Optional.of(s) : Optional.empty();
  }

  /**
   * The value at {@code key} of {@code node}; {@code null} when {@code node} is not a mapping, the key is absent
   * or its value is {@code null} (use {@link #has} to tell those apart).
   */
  static Object child(Object node, String key) {
    return node instanceof Map<?, ?> m ? m.get(key) : null;
  }

  /** Whether {@code node} is a mapping with the key {@code key}, whatever its value (even {@code null}). */
  static boolean has(Object node, String key) {
    return node instanceof Map<?, ?> m && m.containsKey(key);
  }

  /** The string at {@code preset.name} of a preset tree, or empty when absent or not a string. */
  static Optional<String> presetName(Object tree) {
    return string(child(child(tree, "preset"), "name"));
  }
}
