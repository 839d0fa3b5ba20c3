package dev.sandboxpolicy.io;

import dev.sandboxpolicy.model.PolicyNode;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.core.JsonGenerator;

/**
 * Writes model values as the events of a Jackson generator (YAML or JSON text, or the content hash's canonical
 * JSON) in the layout of a {@link DocumentTree}, without building the tree: the events are exactly those of
 * {@link PolicyWriter}'s walk over the tree {@link MappingShape#write} builds, so the text is byte for byte the
 * same. {@link LayoutCode} calls it, field by field: keys come in the tree's order, the fields in document order, or
 * sorted by key in the canonical layout (the order of its {@code TreeMap}s). A field with its own writer still
 * writes its value as a tree, which is then walked in place.
 *
 * <p>One instance writes one document; it is not thread-safe.
 */
final class DocumentStream {

  private final DocumentTree layout;
  private final JsonGenerator out;
  /** The one key a field with its own writer writes, taken from it and walked in place. */
  private final Map<String, Object> written = new HashMap<>(4);

  DocumentStream(DocumentTree layout, JsonGenerator out) {
    this.layout = layout;
    this.out = out;
  }

  /** The layout written. */
  DocumentTree layout() {
    return layout;
  }

  /** Writes {@code value} as a document of {@code shape}. */
  <T extends PolicyNode> void document(MappingShape<T, ?> shape, T value) {
    shape.stream(this, value);
  }

  void startMapping() {
    out.writeStartObject();
  }

  void endMapping() {
    out.writeEndObject();
  }

  void startList() {
    out.writeStartArray();
  }

  void endList() {
    out.writeEndArray();
  }

  void name(String key) {
    out.writeName(key);
  }

  /** A key and its plain value (a scalar, or a list of strings), as the tree holds them. */
  void field(String key, Object value) {
    out.writeName(key);
    PolicyWriter.write(out, value);
  }

  // the plain kinds of field, written when DocumentTree's methods of the same names put them into a tree

  /** A string, unless empty. */
  void putString(String key, String value) {
    if (!value.isEmpty()) {
      field(key, value);
    }
  }

  /** A value, unless null. */
  void putNonNull(String key, Object value) {
    if (value != null) {
      field(key, value);
    }
  }

  /** The value of an optional, when present. */
  void putOptional(String key, Optional<?> value) {
    if (value.isPresent()) {
      field(key, value.get());
    }
  }

  /** {@code true}, when true. */
  void putTrue(String key, boolean value) {
    if (value) {
      field(key, Boolean.TRUE);
    }
  }

  /** A list, unless empty. */
  void putList(String key, List<?> value) {
    if (!value.isEmpty()) {
      field(key, value);
    }
  }

  /** A value already in tree form (the whole mapping of a value with unknown keys). */
  void tree(Object value) {
    PolicyWriter.write(out, value);
  }

  /** Whether the names of a mapping of names are written sorted (canonical, and more than one). */
  boolean sortsNames(Map<String, ?> named) {
    return layout.canonical() && named.size() > 1;
  }

  /** The names of a mapping of names, sorted: the order of the canonical tree's {@code TreeMap}. */
  static String[] sortedNames(Map<String, ?> named) {
    String[] names = named.keySet().toArray(new String[0]);
    Arrays.sort(names);
    return names;
  }

  /**
   * The key of a field with its own writer: the writer puts its value (or nothing) into a scratch mapping, which
   * is then walked in place. A writer must write its own key only, or the order of the keys would differ from the
   * tree's.
   */
  <T> void custom(String key, T from, Field.Writer<T> writer) {
    writer.write(layout, from, key, written);
    if (written.isEmpty()) {
      return;
    }
    if (written.size() != 1 || !written.containsKey(key)) {
      Collection<String> keys = List.copyOf(written.keySet());
      written.clear();
      throw new IllegalStateException("the writer of '" + key + "' wrote " + keys);
    }
    field(key, written.remove(key));
  }
}
