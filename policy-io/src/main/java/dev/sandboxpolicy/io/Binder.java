package dev.sandboxpolicy.io;

import dev.sandboxpolicy.model.Blueprint;
import dev.sandboxpolicy.model.JsonPointer;
import dev.sandboxpolicy.model.Policy;
import dev.sandboxpolicy.model.PolicyNode;
import dev.sandboxpolicy.model.Preset;
import dev.sandboxpolicy.model.Problem;
import dev.sandboxpolicy.model.SourceLocation;
import dev.sandboxpolicy.model.TierCatalog;
import dev.sandboxpolicy.model.ValueMatcher;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Binds a {@link Node} tree to the model through the shapes of {@link DocumentLayout}, collecting every problem
 * (wrong types, unknown keys, missing required keys, integers out of range) instead of stopping at the first. This
 * class holds what every shape shares: the read mode, the problem list, scalar and matcher reading.
 */
final class Binder {

  private final ReadMode mode;
  private final List<Problem> problems;

  Binder(ReadMode mode, List<Problem> problems) {
    this.mode = mode;
    this.problems = problems;
  }

  /** The mode of this read. */
  ReadMode mode() {
    return mode;
  }

  // ---------------------------------------------------------------- problems and scalars

  void error(String code, SourceLocation at, String message) {
    problems.add(Problem.error(code, at, message));
  }

  void unknownKey(SourceLocation at, String what, String key, String hint) {
    String message = "unknown key '" + key + "' in " + what + (hint == null ? "" : "; " + hint);
    if (mode == ReadMode.STRICT) {
      problems.add(Problem.error("unknown_key", at, message));
    } else {
      problems.add(Problem.warning("unknown_key", at, message + " (kept)"));
    }
  }

  void wrongType(Node n, String pointer, String expected) {
    error("wrong_type", at(n, pointer), "expected " + expected + ", got " + article(n.kind()));
  }

  private static String article(String kind) {
    return (kind.startsWith("i") ? "an " : "a ") + kind;
  }

  static SourceLocation at(Node n, String pointer) {
    return new SourceLocation(pointer, n.line, n.column);
  }

  /** A string value; numbers and booleans are an error in a strict read and coerced (with a warning) otherwise. */
  String string(Node n, String pointer) {
    if (n instanceof Node.ScalarNode s) {
      if (s.type == Node.ScalarType.STRING) {
        return s.text;
      }
      if (s.type == Node.ScalarType.NULL) {
        return null;
      }
      if (mode == ReadMode.LENIENT) {
        problems.add(
            Problem.warning(
                "coerced_scalar", at(n, pointer), "expected a string, got " + article(s.kind()) + "; read as '" + s.text + "'"));
        return s.text;
      }
    }
    wrongType(n, pointer, "a string");
    return null;
  }

  /** The string items of a sequence (items that are not strings are reported and left out). */
  List<String> strings(Node.ListNode l, String pointer) {
    List<String> out = new ArrayList<>(l.items.size());
    for (int i = 0; i < l.items.size(); i++) {
      String s = string(l.items.get(i), pointer + "/" + i);
      if (s != null) {
        out.add(s);
      }
    }
    return out;
  }

  Optional<Long> integer(Node n, String pointer, long min, long max, String range) {
    if (!(n instanceof Node.ScalarNode s) || s.type != Node.ScalarType.INTEGER) {
      wrongType(n, pointer, "an integer " + range);
      return Optional.empty();
    }
    long v;
    try {
      v = parseInteger(s.text).longValueExact();
    } catch (ArithmeticException | NumberFormatException e) {
      error("integer_out_of_range", at(n, pointer), "integer " + abbreviate(s.text) + " is out of range " + range);
      return Optional.empty();
    }
    if (v < min || v > max) {
      error("integer_out_of_range", at(n, pointer), "integer " + v + " is out of range " + range);
      return Optional.empty();
    }
    return Optional.of(v);
  }

  private static String abbreviate(String s) {
    return s.length() > 40 ? s.substring(0, 40) + "..." : s;
  }

  /** The plain Java value of a node: String, Long, BigInteger, Double, Boolean, null, List or Map. */
  static Object raw(Node n) {
    if (n instanceof Node.MapNode m) {
      Map<String, Object> out = new LinkedHashMap<>();
      for (Node.Entry e : m.entries.values()) {
        out.put(e.key(), raw(e.value()));
      }
      return java.util.Collections.unmodifiableMap(out);
    }
    if (n instanceof Node.ListNode l) {
      List<Object> out = new ArrayList<>(l.items.size());
      for (Node item : l.items) {
        out.add(raw(item));
      }
      return java.util.Collections.unmodifiableList(out);
    }
    Node.ScalarNode s = (Node.ScalarNode) n;
    return switch (s.type) {
      case STRING -> s.text;
      case BOOLEAN -> Boolean.valueOf(s.text);
      case NULL -> null;
      case INTEGER -> integerValue(s.text);
      case FLOAT -> parseDouble(s.text);
    };
  }

  /** The value of an integer scalar's text ({@code BigInteger} accepts a leading {@code +}). */
  private static BigInteger parseInteger(String text) {
    return new BigInteger(text);
  }

  /** An integer scalar as a {@code Long} when it fits, else as a {@code BigInteger}. */
  private static Object integerValue(String text) {
    try {
      BigInteger v = parseInteger(text);
      return v.bitLength() < Long.SIZE ? (Object) v.longValue() : v;
    } catch (NumberFormatException e) {
      return text;
    }
  }

  private static Object parseDouble(String text) {
    try {
      return Double.valueOf(text);
    } catch (NumberFormatException e) {
      return text;
    }
  }

  // ---------------------------------------------------------------- documents and shapes

  Policy policy(Node root) {
    return bind(DocumentLayout.POLICY, root, "");
  }

  Preset preset(Node root) {
    return bind(DocumentLayout.PRESET, root, "");
  }

  TierCatalog tiers(Node root) {
    return bind(DocumentLayout.TIER_CATALOG, root, "");
  }

  Blueprint blueprint(Node root) {
    return bind(DocumentLayout.BLUEPRINT, root, "");
  }

  /**
   * Binds {@code n} with {@code shape}, or reports {@code expected a mapping (WHAT)} and returns null when it is
   * not a mapping.
   */
  <T extends PolicyNode, B> T bind(MappingShape<T, B> shape, Node n, String pointer) {
    if (n instanceof Node.MapNode m) {
      return shape.bind(new ObjectFields(this, m, pointer, shape.what()));
    }
    wrongType(n, pointer, "a mapping (" + shape.what() + ")");
    return null;
  }

  /** MCP {@code params}, nested parameter mappings flattened to dotted keys ({@code a.b}), in document order. */
  Map<String, ValueMatcher> flattenParams(Node.MapNode params, String pointer) {
    Map<String, ValueMatcher> out = new LinkedHashMap<>();
    flattenParams(params, pointer, "", out);
    return out;
  }

  private void flattenParams(Node.MapNode params, String pointer, String prefix, Map<String, ValueMatcher> out) {
    for (Node.Entry e : params.entries.values()) {
      String p = pointer + "/" + JsonPointer.escape(e.key());
      String key = prefix.isEmpty() ? e.key() : prefix + "." + e.key();
      if (e.value() instanceof Node.MapNode m && !isMatcherObject(m)) {
        flattenParams(m, p, key, out);
      } else {
        ValueMatcher vm = matcher(e.value(), p);
        if (vm != null) {
          out.put(key, vm);
        }
      }
    }
  }

  private static boolean isMatcherObject(Node.MapNode m) {
    return m.entries.containsKey("any") || m.entries.containsKey("glob");
  }

  /** A glob string or a matcher object ({@code {any: [...]}}; {@code {glob: ...}} in a lenient read). */
  ValueMatcher matcher(Node n, String pointer) {
    if (n instanceof Node.ScalarNode) {
      String s = string(n, pointer);
      return s == null ? null : ValueMatcher.glob(s).withLocation(at(n, pointer));
    }
    if (!(n instanceof Node.MapNode m)) {
      wrongType(n, pointer, "a glob string or {any: [...]}");
      return null;
    }
    ObjectFields f = new ObjectFields(this, m, pointer, "a matcher");
    Optional<String> glob = Optional.empty();
    if (mode == ReadMode.LENIENT || f.has("glob")) {
      Node g = f.node("glob");
      if (g != null && mode == ReadMode.STRICT) {
        error("unknown_key", at(g, f.child("glob")), "the object form {glob: ...} is not accepted by a strict read; write the glob as a plain string");
      } else if (g != null) {
        glob = Optional.ofNullable(string(g, f.child("glob")));
      }
    }
    List<String> any = f.stringList("any");
    for (String key : m.entries.keySet()) {
      if (!key.equals("any") && !key.equals("glob")) {
        Node.Entry e = m.entries.get(key);
        error("unknown_key", new SourceLocation(f.child(key), e.keyLine(), e.keyColumn()), "unknown key '" + key + "' in a matcher (only 'any' is allowed)");
      }
    }
    if (glob.isEmpty() && !f.has("any")) {
      return null;
    }
    return ValueMatcher.object(glob, any).withLocation(f.location());
  }
}
