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
import java.util.function.Function;

/**
 * The shape of one closed mapping of a document, tied to its model type: the {@link Field}s it may hold, in the
 * order of the language reference (the order they are read, written and listed in the JSON Schemas), how
 * messages name it, and which unknown keys it writes. Instances live in {@link DocumentLayout} and are immutable
 * once the table is built.
 *
 * <p>The code that makes, fills and builds the model's builder and writes the model's values calls the model
 * directly: it is {@link LayoutCode}, generated from this table (its test fails when the two differ), found by
 * the shape's {@link #name()}, the name of its constant in {@link DocumentLayout}.
 *
 * @param <T> the model type
 * @param <B> its builder
 */
final class MappingShape<T extends PolicyNode, B> {

  /**
   * What {@link LayoutCode} does for one shape, calling the model's methods directly: makes, locates, fills and
   * builds a builder, and writes a value's fields into a tree or a generator.
   */
  abstract static class Access<T, B> {

    abstract B newBuilder();

    abstract void location(B builder, SourceLocation at);

    abstract void unknownFields(B builder, Map<String, Object> unknown);

    abstract T build(B builder);

    /** Calls the setter of field number {@code field} (in document order) with {@code value}. */
    abstract void set(int field, B builder, Object value);

    /** Writes a value into a new tree mapping: its fields, then its unknown keys. */
    abstract Map<String, Object> write(DocumentTree tree, T value);

    /** Writes the fields of a value into {@code into}, without unknown keys. */
    abstract void writeFields(DocumentTree tree, T value, Map<String, Object> into);

    /** Writes a value as generator events: exactly those of walking the tree {@link #write} builds. */
    abstract void stream(DocumentStream out, T value);
  }

  private final String name;
  private final String what;
  private final Class<T> type;
  /** The builder's method that takes the unknown keys. */
  private final String unknownFieldsSetter;
  /** The unknown keys written after the fields, or null for all of them ({@link PolicyNode#unknownFields()}). */
  private final Function<T, Map<String, Object>> writtenUnknownFields;
  private final List<Field<T, B>> fields = new ArrayList<>();
  /** {@link #fields} as an array, in document order. */
  private Field<T, B>[] inOrder = newArray(0);
  private final Map<String, String> hints = new HashMap<>();
  private ProblemCode unknownKeyCode;
  /** Null only while {@link LayoutCode} lacks this shape (before it is regenerated). */
  private final Access<T, B> access;

  @SuppressWarnings("unchecked")
  private MappingShape(String name, String what, Class<T> type, String unknownFieldsSetter,
      Function<T, Map<String, Object>> writtenUnknownFields) {
    this.name = Objects.requireNonNull(name, "name");
    this.what = Objects.requireNonNull(what, "what");
    this.type = Objects.requireNonNull(type, "type");
    this.unknownFieldsSetter = Objects.requireNonNull(unknownFieldsSetter, "unknownFieldsSetter");
    this.writtenUnknownFields = writtenUnknownFields;
    this.access = (Access<T, B>) LayoutCode.access(name);
  }

  /**
   * A shape without fields yet.
   *
   * @param name the name of its constant in {@link DocumentLayout} ({@code "ENDPOINT"})
   * @param what how messages name such a mapping ({@code "an endpoint"}, {@code "json_rpc"})
   * @param type the model type, whose nested {@code Builder} builds it
   */
  static <T extends PolicyNode, B> MappingShape<T, B> of(String name, String what, Class<T> type) {
    return new MappingShape<>(name, what, type, "unknownFields", null);
  }

  /**
   * This shape giving its builder the unknown keys with {@code setter} instead of {@code unknownFields} (the preset
   * adds them to those its header already put).
   */
  MappingShape<T, B> unknownFieldsSetBy(String setter) {
    return copy(setter, writtenUnknownFields);
  }

  /** This shape writing only the unknown keys {@code written} selects (the preset header keeps its own). */
  MappingShape<T, B> writingUnknown(Function<T, Map<String, Object>> written) {
    return copy(unknownFieldsSetter, written);
  }

  private MappingShape<T, B> copy(String setter, Function<T, Map<String, Object>> written) {
    MappingShape<T, B> copy = new MappingShape<>(name, what, type, setter, written);
    copy.fields.addAll(fields);
    copy.inOrder = inOrder;
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
    inOrder = fields.toArray(newArray(0));
    return this;
  }

  @SuppressWarnings("unchecked")
  private static <T, B> Field<T, B>[] newArray(int length) {
    return (Field<T, B>[]) new Field<?, ?>[length];
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

  /** The name of this shape's constant in {@link DocumentLayout}, which names its code in {@link LayoutCode}. */
  String name() {
    return name;
  }

  String what() {
    return what;
  }

  /** The model type. */
  Class<T> type() {
    return type;
  }

  /** The builder's method that takes the unknown keys. */
  String unknownFieldsSetter() {
    return unknownFieldsSetter;
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

  private Access<T, B> access() {
    if (access == null) {
      throw new IllegalStateException("LayoutCode has no code for " + name
          + ": regenerate it (mvn -B -o -pl policy-io -am test -Dtest=LayoutCodeTest -Dlayout.writeCode=true"
          + " -Dsurefire.failIfNoSpecifiedTests=false)");
    }
    return access;
  }

  /** Binds a mapping: every field in order, then the keys no field took. */
  T bind(ObjectFields from) {
    Access<T, B> code = access();
    B builder = code.newBuilder();
    code.location(builder, from.location());
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
    code.unknownFields(builder, from.unknown(keyHints, unknownKeyCode));
    return code.build(builder);
  }

  /** Reads every field of this shape into {@code into} (a mapping that shares its owner's builder). */
  void readFields(ObjectFields from, B into) {
    Access<T, B> code = access();
    Field<T, B>[] all = inOrder;
    for (int i = 0; i < all.length; i++) {
      all[i].read(from, into, code, i);
    }
  }

  /** Writes a value: every field in order (defaults omitted), then its unknown keys. */
  Map<String, Object> write(DocumentTree tree, T value) {
    return access().write(tree, value);
  }

  /** Writes every field of this shape into {@code into}, without unknown keys. */
  void writeFields(DocumentTree tree, T value, Map<String, Object> into) {
    access().writeFields(tree, value, into);
  }

  /**
   * Writes a value as generator events, exactly those of writing {@link #write}'s tree. A value with unknown keys
   * (rare: a document read by the legacy tolerant reading) is written through its tree (see {@link LayoutCode}),
   * which decides where they go: after the fields, or between them in the canonical order, and never over a
   * written field.
   */
  void stream(DocumentStream out, T value) {
    access().stream(out, value);
  }

  // ---------------------------------------------------------------- called by LayoutCode

  /** Adds the unknown keys this shape writes to a tree mapping, after its fields. */
  void writeUnknown(DocumentTree tree, T value, Map<String, Object> into) {
    Map<String, Object> unknown = writtenUnknownFields(Objects.requireNonNull(value));
    if (!unknown.isEmpty()) {
      tree.putUnknown(into, unknown);
    }
  }

  /** Whether {@code value} has unknown keys this shape writes (then it is streamed through its tree). */
  boolean writesUnknown(T value) {
    return !writtenUnknownFields(Objects.requireNonNull(value)).isEmpty();
  }

  /** Writes field number {@code index}, one with its own writer, into a tree mapping. */
  void writeOwn(int index, DocumentTree tree, T value, Map<String, Object> into) {
    inOrder[index].write(tree, value, into);
  }

  /** Writes field number {@code index}, one with its own writer, as generator events. */
  void streamOwn(int index, DocumentStream out, T value) {
    inOrder[index].stream(out, value);
  }

  private Map<String, Object> writtenUnknownFields(T value) {
    return writtenUnknownFields == null ? value.unknownFields() : writtenUnknownFields.apply(value);
  }

  @Override
  public String toString() {
    return what + " " + fields;
  }
}
