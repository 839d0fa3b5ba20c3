package dev.sandboxpolicy.io;

import dev.sandboxpolicy.model.ProblemCode;
import dev.sandboxpolicy.model.PolicyNode;
import dev.sandboxpolicy.model.SourceLocation;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The shape of one closed mapping of a document, tied to its model type: the {@link Field}s it may hold, in the
 * order of the language reference (the order they are read, written and listed in the JSON Schemas), and how a
 * builder for the model type is made, located, given its unknown keys and built. Instances live in
 * {@link DocumentLayout} and are immutable once the table is built.
 *
 * @param <T> the model type
 * @param <B> its builder
 */
final class MappingShape<T extends PolicyNode, B> {

  private final String what;
  private final Supplier<B> newBuilder;
  private final BiConsumer<B, SourceLocation> location;
  private final BiConsumer<B, Map<String, Object>> unknownFields;
  private final Function<T, Map<String, Object>> writtenUnknownFields;
  private final Function<B, T> build;
  private final List<Field<T, B>> fields = new ArrayList<>();
  private final Map<String, String> hints = new HashMap<>();
  private ProblemCode unknownKeyCode;

  private MappingShape(String what, Supplier<B> newBuilder, BiConsumer<B, SourceLocation> location,
      BiConsumer<B, Map<String, Object>> unknownFields, Function<T, Map<String, Object>> writtenUnknownFields,
      Function<B, T> build) {
    this.what = what;
    this.newBuilder = newBuilder;
    this.location = location;
    this.unknownFields = unknownFields;
    this.writtenUnknownFields = writtenUnknownFields;
    this.build = build;
  }

  /**
   * A shape without fields yet.
   *
   * @param what how messages name such a mapping ({@code "an endpoint"}, {@code "json_rpc"})
   */
  static <T extends PolicyNode, B> MappingShape<T, B> of(String what, Supplier<B> newBuilder,
      BiConsumer<B, SourceLocation> location, BiConsumer<B, Map<String, Object>> unknownFields,
      Function<B, T> build) {
    return new MappingShape<>(what, newBuilder, location, unknownFields, PolicyNode::unknownFields, build);
  }

  /** This shape writing only the unknown keys {@code written} selects (the preset header keeps its own). */
  MappingShape<T, B> writingUnknown(Function<T, Map<String, Object>> written) {
    MappingShape<T, B> copy = new MappingShape<>(what, newBuilder, location, unknownFields, written, build);
    copy.fields.addAll(fields);
    copy.hints.putAll(hints);
    copy.unknownKeyCode = unknownKeyCode;
    return copy;
  }

  /** Adds a field after the ones already there. */
  MappingShape<T, B> with(Field<T, B> field) {
    for (Field<T, B> f : fields) {
      if (f.key().equals(field.key())) {
        throw new IllegalArgumentException("duplicate key " + field.key() + " in " + what);
      }
    }
    fields.add(field);
    return this;
  }

  /**
   * Adds a hint to the message of an unknown key that is a known mistake ({@code mcp_versions} on an endpoint: the
   * flattened spelling of {@code mcp.versions}); the key stays unknown.
   */
  MappingShape<T, B> hint(String unknownKey, String hint) {
    if (field(unknownKey) != null) {
      throw new IllegalArgumentException(unknownKey + " is a field of " + what);
    }
    hints.put(unknownKey, hint);
    return this;
  }

  /**
   * Makes an unknown key of this mapping an error with {@code code} in every read mode, the legacy tolerant one
   * included (a mapping whose unknown keys must never be kept, such as {@code json_rpc}).
   */
  MappingShape<T, B> unknownKeysAreErrors(ProblemCode code) {
    this.unknownKeyCode = code;
    return this;
  }

  String what() {
    return what;
  }

  List<Field<T, B>> fields() {
    return Collections.unmodifiableList(fields);
  }

  /** The field for {@code key}, or null. */
  Field<T, B> field(String key) {
    for (Field<T, B> f : fields) {
      if (f.key().equals(key)) {
        return f;
      }
    }
    return null;
  }

  /** Binds a mapping: every field in order, then the keys no field took. */
  T bind(ObjectFields from) {
    B builder = newBuilder.get();
    location.accept(builder, from.location());
    readFields(from, builder);
    Map<String, String> keyHints = hints;
    if (unknownKeyCode != null) {
      // a mapping closed in every mode says what it does take
      List<String> keys = new ArrayList<>();
      fields.forEach(f -> keys.add(f.key()));
      keyHints = new java.util.HashMap<>();
      for (String key : from.unknownKeys()) {
        keyHints.put(key, hints.getOrDefault(key, what + " takes only " + String.join(", ", keys)
            + ", and OpenShell rejects any other key instead of ignoring it"));
      }
    }
    unknownFields.accept(builder, from.unknown(keyHints, unknownKeyCode));
    return build.apply(builder);
  }

  /** Reads every field of this shape into {@code into} (a mapping that shares its owner's builder). */
  void readFields(ObjectFields from, B into) {
    for (Field<T, B> f : fields) {
      f.read(from, into);
    }
  }

  /** Writes a value: every field in order (defaults omitted by each field), then its unknown keys. */
  Map<String, Object> write(DocumentTree tree, T value) {
    Map<String, Object> out = tree.newMap();
    writeFields(tree, value, out);
    tree.putUnknown(out, writtenUnknownFields.apply(Objects.requireNonNull(value)));
    return out;
  }

  /** Writes every field of this shape into {@code into}, without unknown keys. */
  void writeFields(DocumentTree tree, T value, Map<String, Object> into) {
    for (Field<T, B> f : fields) {
      f.write(tree, value, into);
    }
  }

  @Override
  public String toString() {
    return what + " " + fields;
  }
}
