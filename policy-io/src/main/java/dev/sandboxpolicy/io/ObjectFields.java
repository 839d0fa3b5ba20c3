package dev.sandboxpolicy.io;

import dev.sandboxpolicy.model.ProblemCode;
import dev.sandboxpolicy.model.JsonPointer;
import dev.sandboxpolicy.model.SourceLocation;
import java.util.LinkedHashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Typed access to the keys of one mapping while binding it to a model type. Every accessor records the key as
 * known; {@link #unknown()} then reports the rest (an error in a strict read, a warning in a lenient one) and
 * returns them for the model's {@code unknownFields}. A wrong type is an error at the value; the accessor then
 * returns the field's default so binding can go on and collect every problem.
 */
final class ObjectFields {

  private final Binder binder;
  private final Node.MapNode map;
  private final String pointer;
  private final String what;
  private final Set<String> known = new HashSet<>();

  ObjectFields(Binder binder, Node.MapNode map, String pointer, String what) {
    this.binder = binder;
    this.map = map;
    this.pointer = pointer;
    this.what = what;
  }

  String pointer() {
    return pointer;
  }

  /** The binder this mapping is read with (mode, problems, scalar and matcher reading). */
  Binder binder() {
    return binder;
  }

  /** How messages name this mapping ({@code "an endpoint"}). */
  String what() {
    return what;
  }

  /** The fields of {@code m}, the mapping under {@code key} of this one, named {@code what} in messages. */
  ObjectFields nested(Node.MapNode m, String key, String what) {
    return new ObjectFields(binder, m, child(key), what);
  }

  String child(String key) {
    return JsonPointer.key(pointer, key);
  }

  SourceLocation location() {
    return new SourceLocation(pointer, map.line, map.column);
  }

  /** The value node of {@code key}, or null when absent or YAML null; marks the key known. */
  Node node(String key) {
    known.add(key);
    Node n = map.get(key);
    if (n instanceof Node.ScalarNode s && s.type == Node.ScalarType.NULL) {
      return null;
    }
    return n;
  }

  /** Where the value of {@code key} is written (the mapping's own location when the key is absent). */
  SourceLocation valueLocation(String key) {
    Node n = map.get(key);
    return n == null ? location() : new SourceLocation(child(key), n.line, n.column);
  }

  /** Whether {@code key} is written with an explicit null ({@code key:} or {@code key: null}); marks the key known. */
  boolean isNull(String key) {
    known.add(key);
    return map.get(key) instanceof Node.ScalarNode s && s.type == Node.ScalarType.NULL;
  }

  boolean has(String key) {
    return node(key) != null;
  }

  Optional<String> optString(String key) {
    Node n = node(key);
    return n == null ? Optional.empty() : Optional.ofNullable(binder.string(n, child(key)));
  }

  String string(String key) {
    return optString(key).orElse("");
  }

  /** A required string: a missing key is an error {@code missing_field}. */
  String requiredString(String key) {
    Node n = node(key);
    if (n == null) {
      binder.error(ProblemCode.MISSING_FIELD, location(), what + " requires '" + key + "'");
      return "";
    }
    String s = binder.string(n, child(key));
    return s == null ? "" : s;
  }

  Optional<Boolean> optBool(String key) {
    Node n = node(key);
    if (n == null) {
      return Optional.empty();
    }
    if (n instanceof Node.ScalarNode s && s.type == Node.ScalarType.BOOLEAN) {
      return Optional.of(Boolean.parseBoolean(s.text));
    }
    binder.wrongType(n, child(key), "a boolean (true or false)");
    return Optional.empty();
  }

  boolean bool(String key) {
    return optBool(key).orElse(false);
  }

  /** An integer in {@code [min, max]}; anything else is an error. */
  Optional<Long> optInteger(String key, long min, long max, String range) {
    Node n = node(key);
    return n == null ? Optional.empty() : binder.integer(n, child(key), min, max, range);
  }

  List<String> stringList(String key) {
    Node n = node(key);
    if (n == null) {
      return List.of();
    }
    if (!(n instanceof Node.ListNode l)) {
      binder.wrongType(n, child(key), "a sequence of strings");
      return List.of();
    }
    return binder.strings(l, child(key));
  }

  /** The sequence under {@code key} (null when absent; a wrong type is reported). */
  Node.ListNode list(String key) {
    Node n = node(key);
    if (n == null) {
      return null;
    }
    if (n instanceof Node.ListNode l) {
      return l;
    }
    binder.wrongType(n, child(key), "a sequence");
    return null;
  }

  /** The mapping under {@code key} (null when absent; a wrong type is reported). */
  Node.MapNode mapping(String key) {
    Node n = node(key);
    if (n == null) {
      return null;
    }
    if (n instanceof Node.MapNode m) {
      return m;
    }
    binder.wrongType(n, child(key), "a mapping");
    return null;
  }

  /** The keys no accessor asked for yet, in document order (nothing is reported). */
  List<String> unknownKeys() {
    List<String> out = new java.util.ArrayList<>();
    for (String key : map.entries.keySet()) {
      if (!known.contains(key)) {
        out.add(key);
      }
    }
    return out;
  }

  /** Reports keys no accessor asked for and returns them with their values, in document order. */
  Map<String, Object> unknown() {
    return unknown(Map.of(), null);
  }

  /**
   * {@link #unknown()}, adding {@code hints.get(key)} to the message of an unknown key that is a known mistake.
   *
   * @param code null for {@code unknown_key}; the code of a mapping whose unknown keys are errors in every mode
   */
  Map<String, Object> unknown(Map<String, String> hints, ProblemCode code) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (Node.Entry e : map.entries.values()) {
      if (!known.contains(e.key())) {
        String p = child(e.key());
        binder.unknownKey(new SourceLocation(p, e.keyLine(), e.keyColumn()), what, e.key(), known,
            hints.get(e.key()), code);
        out.put(e.key(), Binder.raw(e.value()));
      }
    }
    return out;
  }
}
