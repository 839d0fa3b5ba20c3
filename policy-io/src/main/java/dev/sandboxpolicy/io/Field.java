package dev.sandboxpolicy.io;

import java.util.Map;
import java.util.Objects;

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

  private final String key;
  private final SchemaType type;
  private final Reader<B> reader;
  private final Writer<T> writer;

  Field(String key, SchemaType type, Reader<B> reader, Writer<T> writer) {
    this.key = Objects.requireNonNull(key, "key");
    this.type = Objects.requireNonNull(type, "type");
    this.reader = Objects.requireNonNull(reader, "reader");
    this.writer = Objects.requireNonNull(writer, "writer");
  }

  /** This field with another writer (the same key, type and reader). */
  Field<T, B> writtenBy(Writer<T> otherWriter) {
    return new Field<>(key, type, reader, otherWriter);
  }

  /** This field, running {@code check} before its own reader (the same key, type and writer). */
  Field<T, B> checkedFirst(Reader<B> check) {
    Reader<B> own = reader;
    return new Field<>(key, type, (from, k, into) -> {
      check.read(from, k, into);
      own.read(from, k, into);
    }, writer);
  }

  /** The key as written in documents (snake_case). */
  String key() {
    return key;
  }

  /** The JSON-Schema type of the value, for the schema-agreement check. */
  SchemaType type() {
    return type;
  }

  void read(ObjectFields from, B into) {
    reader.read(from, key, into);
  }

  void write(DocumentTree tree, T from, Map<String, Object> into) {
    writer.write(tree, from, key, into);
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
