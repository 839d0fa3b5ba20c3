package dev.sandboxpolicy.io;

import dev.sandboxpolicy.model.PolicyNode;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JsonGenerator;

/**
 * Writes model values as the events of a Jackson generator (YAML or JSON text, or the content hash's canonical
 * JSON) in the layout of a {@link DocumentTree}, without building the tree: the events are exactly those of
 * {@link PolicyWriter}'s walk over the tree {@link MappingShape#write} builds, so the text is byte for byte the
 * same. Keys come in the tree's order: the fields in document order, or sorted by key in the canonical layout
 * (the order of its {@code TreeMap}s). A field with its own writer still writes its value as a tree, which is then
 * walked in place.
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

  void name(String key) {
    out.writeName(key);
  }

  /** A key and its plain value (a scalar, or a list of strings), as the tree holds them. */
  void field(String key, Object value) {
    out.writeName(key);
    PolicyWriter.write(out, value);
  }

  /** A value already in tree form (the whole mapping of a value with unknown keys). */
  void tree(Object value) {
    PolicyWriter.write(out, value);
  }

  /** A sequence of mappings of {@code shape}. */
  void list(MappingShape<PolicyNode, ?> shape, List<?> items) {
    out.writeStartArray();
    for (Object item : items) {
      shape.stream(this, (PolicyNode) item);
    }
    out.writeEndArray();
  }

  /** A mapping of names to mappings of {@code shape}: in its own order, or sorted by name when canonical. */
  void map(MappingShape<PolicyNode, ?> shape, Map<?, ?> named) {
    out.writeStartObject();
    if (layout.canonical() && named.size() > 1) {
      Object[] names = named.keySet().toArray();
      Arrays.sort(names);
      for (Object name : names) {
        out.writeName((String) name);
        shape.stream(this, (PolicyNode) named.get(name));
      }
    } else {
      for (Map.Entry<?, ?> e : named.entrySet()) {
        out.writeName((String) e.getKey());
        shape.stream(this, (PolicyNode) e.getValue());
      }
    }
    out.writeEndObject();
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
