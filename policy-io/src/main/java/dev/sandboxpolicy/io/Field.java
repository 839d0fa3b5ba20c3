package dev.sandboxpolicy.io;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * One key of a closed mapping in a document: its name, the JSON-Schema type it has, how it is read from the
 * document tree into a model builder, and how it is written back from a model value. Every key of every document
 * is one {@code Field} in {@link DocumentLayout}: the binder, the writer and the schema-agreement test all iterate
 * the same fields, so adding a key to the language is one line there (plus the model's accessor).
 *
 * @param <T> the model type the key belongs to
 * @param <B> that type's builder
 */
final class Field<T, B> {

  /** Reads the value of {@code key} from a mapping being bound into a builder. */
  @FunctionalInterface
  interface Reader<B> {
    void read(ObjectFields from, String key, B into);
  }

  /** Writes the value of {@code key} of a model value into a tree mapping (or nothing, for a default). */
  @FunctionalInterface
  interface Writer<T> {
    void write(DocumentTree tree, T from, String key, Map<String, Object> into);
  }

  /**
   * The plain kinds of field, read and written here with one call to the model's getter or builder's setter: most
   * keys are one of these, and the document writer and binder visit thousands of them per document, so they avoid
   * a second indirect call through a per-field lambda.
   */
  enum Plain {
    /** A string, {@code ""} when absent, omitted when empty. */
    STRING,
    /** A required string ({@code missing_field} when absent), always written. */
    REQUIRED_STRING,
    /** A string read as written and always written (a binary's {@code path}). */
    STRING_ALWAYS,
    /** A string whose absence is kept. */
    OPTIONAL_STRING,
    /** A boolean, {@code false} when absent, written only when {@code true}. */
    FLAG,
    /** A boolean whose absence is kept. */
    OPTIONAL_FLAG,
    /** An unsigned 32-bit integer whose absence is kept. */
    U32,
    /** A list of strings, empty when absent, omitted when empty. */
    STRING_LIST
  }

  private final String key;
  private final SchemaType type;
  private final Reader<B> reader;
  private final Writer<T> writer;
  private final Plain plain;
  private final Function<T, ?> getter;
  private final BiConsumer<B, Object> setter;

  Field(String key, SchemaType type, Reader<B> reader, Writer<T> writer) {
    this.key = Objects.requireNonNull(key, "key");
    this.type = Objects.requireNonNull(type, "type");
    this.reader = Objects.requireNonNull(reader, "reader");
    this.writer = Objects.requireNonNull(writer, "writer");
    this.plain = null;
    this.getter = null;
    this.setter = null;
  }

  @SuppressWarnings("unchecked")
  private <V> Field(String key, SchemaType type, Plain plain, Function<T, V> getter, BiConsumer<B, ? super V> setter) {
    this.key = Objects.requireNonNull(key, "key");
    this.type = Objects.requireNonNull(type, "type");
    this.plain = Objects.requireNonNull(plain, "plain");
    this.getter = Objects.requireNonNull(getter, "getter");
    this.setter = (BiConsumer<B, Object>) Objects.requireNonNull(setter, "setter");
    this.reader = null;
    this.writer = null;
  }

  /** A field of a {@link Plain} kind: {@code getter} reads the model, {@code setter} fills the builder. */
  static <T, B, V> Field<T, B> plain(String key, SchemaType type, Plain plain, Function<T, V> getter,
      BiConsumer<B, ? super V> setter) {
    return new Field<>(key, type, plain, getter, setter);
  }

  /** This field with another writer (the same key, type and reader). */
  Field<T, B> writtenBy(Writer<T> otherWriter) {
    return new Field<>(key, type, this::read, otherWriter);
  }

  /** This field, running {@code check} before its own reader (the same key, type and writer). */
  Field<T, B> checkedFirst(Reader<B> check) {
    return new Field<>(key, type, (from, k, into) -> {
      check.read(from, k, into);
      read(from, into);
    }, this::write);
  }

  /** The key as written in documents (snake_case). */
  String key() {
    return key;
  }

  /** The JSON-Schema type of the value, for the schema-agreement check. */
  SchemaType type() {
    return type;
  }

  private void read(ObjectFields from, String ignored, B into) {
    read(from, into);
  }

  private void write(DocumentTree tree, T from, String ignored, Map<String, Object> into) {
    write(tree, from, into);
  }

  void read(ObjectFields from, B into) {
    if (plain == null) {
      reader.read(from, key, into);
      return;
    }
    // a value equal to the builder's default is not set: most keys of a document are absent
    switch (plain) {
      case STRING -> {
        String value = from.string(key);
        if (!value.isEmpty()) {
          setter.accept(into, value);
        }
      }
      case STRING_ALWAYS -> setter.accept(into, from.string(key));
      case REQUIRED_STRING -> setter.accept(into, from.requiredString(key));
      case OPTIONAL_STRING -> setIfPresent(into, from.optString(key));
      case FLAG -> {
        if (from.bool(key)) {
          setter.accept(into, Boolean.TRUE);
        }
      }
      case OPTIONAL_FLAG -> setIfPresent(into, from.optBool(key));
      case U32 -> setIfPresent(into, from.optInteger(key, 0, DocumentLayout.U32_MAX, DocumentLayout.U32_RANGE));
      case STRING_LIST -> {
        List<String> value = from.stringList(key);
        if (!value.isEmpty()) {
          setter.accept(into, value);
        }
      }
    }
  }

  private void setIfPresent(B into, Optional<?> value) {
    if (value.isPresent()) {
      setter.accept(into, value);
    }
  }

  void write(DocumentTree tree, T from, Map<String, Object> into) {
    if (plain == null) {
      writer.write(tree, from, key, into);
      return;
    }
    Object value = getter.apply(from);
    switch (plain) {
      case STRING -> {
        if (!((String) value).isEmpty()) {
          into.put(key, value);
        }
      }
      case REQUIRED_STRING, STRING_ALWAYS -> into.put(key, value);
      case OPTIONAL_STRING, OPTIONAL_FLAG, U32 -> {
        Optional<?> present = (Optional<?>) value;
        if (present.isPresent()) {
          into.put(key, present.get());
        }
      }
      case FLAG -> {
        if ((Boolean) value) {
          into.put(key, Boolean.TRUE);
        }
      }
      case STRING_LIST -> {
        if (!((List<?>) value).isEmpty()) {
          into.put(key, value);
        }
      }
    }
  }

  @Override
  public String toString() {
    return key + ": " + type;
  }

  /**
   * The JSON-Schema type of a field's value, as the shipped schemas spell it: a scalar ({@code string},
   * {@code boolean}, an integer range), a sequence or a mapping of a value type, an object of a known
   * {@link MappingShape}, or one of the language's special values ({@code matcher}, nested {@code params}, an
   * open {@code object}).
   */
  record SchemaType(String kind, long min, long max, SchemaType element, MappingShape<?, ?> shape) {

    static final SchemaType STRING = new SchemaType("string", 0, 0, null, null);
    static final SchemaType BOOLEAN = new SchemaType("boolean", 0, 0, null, null);
    /** A glob string or {@code {any: [glob, ...]}}. */
    static final SchemaType MATCHER = new SchemaType("matcher", 0, 0, null, null);
    /** MCP {@code params}: a mapping of matchers or of nested parameter mappings. */
    static final SchemaType PARAMS = new SchemaType("params", 0, 0, null, null);
    /** An open mapping of user data (middleware {@code config}, blueprint {@code components}). */
    static final SchemaType OPEN_OBJECT = new SchemaType("object", 0, 0, null, null);

    static SchemaType integer(long min, long max) {
      return new SchemaType("integer", min, max, null, null);
    }

    static SchemaType arrayOf(SchemaType element) {
      return new SchemaType("array", 0, 0, element, null);
    }

    static SchemaType mapOf(SchemaType element) {
      return new SchemaType("map", 0, 0, element, null);
    }

    static SchemaType object(MappingShape<?, ?> shape) {
      return new SchemaType("object", 0, 0, null, shape);
    }

    @Override
    public String toString() {
      return switch (kind) {
        case "integer" -> "integer " + min + ".." + max;
        case "array" -> "array of " + element;
        case "map" -> "map of " + element;
        case "object" -> shape == null ? "open object" : "object " + shape.what();
        default -> kind;
      };
    }
  }
}
