package dev.sandboxpolicy.io;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A node of the document tree that a reader builds from the token stream before binding it to the model: a
 * mapping, a sequence or a scalar, each with its line and column. YAML aliases share the anchored node.
 */
abstract sealed class Node permits Node.MapNode, Node.ListNode, Node.ScalarNode {

  final int line;
  final int column;

  Node(int line, int column) {
    this.line = line;
    this.column = column;
  }

  /** A short name of the node's kind for messages: {@code mapping}, {@code sequence}, {@code string}, ... */
  abstract String kind();

  /** A mapping; keys are unique (duplicates are rejected while reading) and kept in document order. */
  static final class MapNode extends Node {
    final Map<String, Entry> entries = new LinkedHashMap<>();

    MapNode(int line, int column) {
      super(line, column);
    }

    @Override
    String kind() {
      return "mapping";
    }

    Node get(String key) {
      Entry e = entries.get(key);
      return e == null ? null : e.value;
    }
  }

  /** A mapping entry: the key's own position, and the value. */
  record Entry(String key, int keyLine, int keyColumn, Node value) {}

  /** A sequence. */
  static final class ListNode extends Node {
    final List<Node> items = new ArrayList<>();

    ListNode(int line, int column) {
      super(line, column);
    }

    @Override
    String kind() {
      return "sequence";
    }
  }

  /** The type a scalar resolved to under the YAML 1.2 core schema (or JSON). */
  enum ScalarType {
    STRING("string"),
    INTEGER("integer"),
    FLOAT("number"),
    BOOLEAN("boolean"),
    NULL("null");

    final String label;

    ScalarType(String label) {
      this.label = label;
    }
  }

  /** A scalar with its resolved type and the text as written. */
  static final class ScalarNode extends Node {
    final ScalarType type;
    final String text;

    ScalarNode(int line, int column, ScalarType type, String text) {
      super(line, column);
      this.type = type;
      this.text = text;
    }

    @Override
    String kind() {
      return type.label;
    }
  }
}
