package dev.sandboxpolicy.io;

import dev.sandboxpolicy.model.ProblemCode;
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
import java.util.Set;

/**
 * Binds a {@link Node} tree to the model through the shapes of {@link DocumentLayout}, collecting every problem
 * (wrong types, unknown keys, missing required keys, integers out of range) instead of stopping at the first. This
 * class holds what every shape shares: the read mode, the problem list, scalar and matcher reading.
 */
final class Binder {

  /**
   * The longest path an unknown-key message shows; the problem's pointer is always complete. Upstream #3334 bounds
   * its unknown-field diagnostics at 1024 bytes ({@code MAX_UNKNOWN_FIELD_PATH_BYTES}).
   */
  static final int MAX_SHOWN_PATH_CHARS = 1024;

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

  void error(ProblemCode code, SourceLocation at, String message) {
    problems.add(Problem.error(code, at, message));
  }

  /**
   * Reports a key that no field of the mapping takes. A strict read makes it an error, as every OpenShell load path
   * does since #3334; the legacy tolerant read keeps it with a warning. The message names the mapping and its full
   * path, suggests a known key one or two edits away, and adds {@code hint} for known mistakes.
   *
   * @param code the problem code, or null for {@code unknown_key} (an error only in a strict read); a mapping that
   *     is closed in every mode ({@code json_rpc}) passes its own code, always an error
   */
  void unknownKey(SourceLocation at, String what, String key, Set<String> known, String hint, ProblemCode code) {
    StringBuilder message = new StringBuilder("unknown key ").append(Problem.quote(key)).append(" in ").append(what);
    String parent = JsonPointer.parent(at.pointer());
    message.append(parent.isEmpty() ? " at the top level" : " at " + shownPath(parent));
    String suggestion = KeySuggestion.closest(key, known);
    if (suggestion != null) {
      message.append(" (did you mean '").append(suggestion).append("'?)");
    }
    if (hint != null) {
      message.append("; ").append(hint);
    }
    if (code != null) {
      problems.add(Problem.error(code, at, message.toString()));
    } else if (mode == ReadMode.STRICT) {
      problems.add(Problem.error(ProblemCode.UNKNOWN_KEY, at, message + "; OpenShell rejects unknown keys on every load path"));
    } else {
      problems.add(Problem.warning(ProblemCode.UNKNOWN_KEY, at, message
          + " (kept by the legacy tolerant reading; current OpenShell rejects it)"));
    }
  }

  /**
   * A JSON Pointer as messages show it: at most {@link #MAX_SHOWN_PATH_CHARS} characters, like upstream's bounded
   * unknown-field paths.
   */
  private static String shownPath(String pointer) {
    return pointer.length() <= MAX_SHOWN_PATH_CHARS ? pointer : pointer.substring(0, MAX_SHOWN_PATH_CHARS - 3) + "...";
  }

  void wrongType(Node n, String pointer, String expected) {
    error(ProblemCode.WRONG_TYPE, at(n, pointer), "expected " + expected + ", got " + article(n.kind()));
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
      if (mode == ReadMode.LEGACY_TOLERANT) {
        problems.add(
            Problem.warning(
                ProblemCode.COERCED_SCALAR, at(n, pointer), "expected a string, got " + article(s.kind()) + "; read as "
                    + Problem.quote(s.text) + " by the legacy tolerant reading (current OpenShell rejects it: quote it)"));
        return s.text;
      }
      error(ProblemCode.WRONG_TYPE, at(n, pointer), "expected a string, got " + article(s.kind()) + "; write it quoted ("
          + quotedScalar(s.text) + ") if it is meant as text");
      return null;
    }
    wrongType(n, pointer, "a string");
    return null;
  }

  /** A scalar's text as a double-quoted YAML string, for messages (bounded like {@link Problem#quote}). */
  private static String quotedScalar(String text) {
    String shown = Problem.quote(text);
    return "\"" + shown.substring(1, shown.length() - 1) + "\"";
  }

  /** The string items of a sequence (items that are not strings are reported and left out). */
  List<String> strings(Node.ListNode l, String pointer) {
    List<String> out = new ArrayList<>(l.items.size());
    for (int i = 0; i < l.items.size(); i++) {
      String s = string(l.items.get(i), JsonPointer.index(pointer, i));
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
      error(ProblemCode.INTEGER_OUT_OF_RANGE, at(n, pointer), "integer " + abbreviate(s.text) + " is out of range " + range);
      return Optional.empty();
    }
    if (v < min || v > max) {
      error(ProblemCode.INTEGER_OUT_OF_RANGE, at(n, pointer), "integer " + v + " is out of range " + range);
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
      String p = JsonPointer.key(pointer, e.key());
      String key = prefix.isEmpty() ? e.key() : prefix + "." + e.key();
      if (e.value() instanceof Node.MapNode m && !isMatcherObject(m)) {
        flattenParams(m, p, key, out);
      } else {
        ValueMatcher vm = matcher(e.value(), p, "params value " + Problem.quote(key));
        if (vm != null) {
          out.put(key, vm);
        }
      }
    }
  }

  private static boolean isMatcherObject(Node.MapNode m) {
    return m.entries.containsKey("any") || m.entries.containsKey("glob");
  }

  /**
   * A matcher ({@code query} values, {@code tool}, MCP {@code params} leaves): a glob string, or a matcher object
   * ({@code {any: [...]}}; {@code {glob: ...}} only in a legacy tolerant read). Anything else ({@code force: 123},
   * {@code true}, a sequence, an empty value) is {@code matcher_value_invalid} in every mode: it is never coerced to
   * a glob and never dropped, since a dropped query constraint would widen an allow rule. An empty object {@code {}}
   * is kept (as {@code {any: []}}) so that the value rules reject it like any other matcher object without globs.
   *
   * @param what how the message names the value ({@code query value 'force'})
   */
  ValueMatcher matcher(Node n, String pointer, String what) {
    if (n instanceof Node.ScalarNode s && s.type == Node.ScalarType.STRING) {
      return ValueMatcher.glob(s.text).withLocation(at(n, pointer));
    }
    if (!(n instanceof Node.MapNode m)) {
      String hint;
      if (n instanceof Node.ListNode) {
        hint = "; to match any of several globs write {any: [glob, ...]}";
      } else if (((Node.ScalarNode) n).type == Node.ScalarType.NULL) {
        hint = "; write a glob (\"*\" matches every value) or remove the key";
      } else {
        hint = "; write it quoted (" + quotedScalar(((Node.ScalarNode) n).text) + ") to match that text";
      }
      error(ProblemCode.MATCHER_VALUE_INVALID, at(n, pointer), what + " must be a glob string or a matcher object"
          + " {any: [glob, ...]}, got " + article(n.kind()) + hint);
      return null;
    }
    ObjectFields f = new ObjectFields(this, m, pointer, "a matcher");
    Optional<String> glob = Optional.empty();
    if (mode == ReadMode.LEGACY_TOLERANT || f.has("glob")) {
      Node g = f.node("glob");
      if (g != null && mode == ReadMode.STRICT) {
        error(ProblemCode.UNKNOWN_KEY, at(g, f.child("glob")), "the object form {glob: ...} is not accepted by a strict read;"
            + " write the glob as a plain string");
      } else if (g != null) {
        glob = Optional.ofNullable(string(g, f.child("glob")));
      }
    }
    List<String> any = f.stringList("any");
    for (String key : m.entries.keySet()) {
      if (!key.equals("any") && !key.equals("glob")) {
        Node.Entry e = m.entries.get(key);
        error(ProblemCode.UNKNOWN_KEY, new SourceLocation(f.child(key), e.keyLine(), e.keyColumn()), "unknown key "
            + Problem.quote(key) + " in a matcher (only 'any' is allowed)");
      }
    }
    return ValueMatcher.object(glob, any).withLocation(f.location());
  }
}
