package dev.sandboxpolicy.io;

import dev.sandboxpolicy.model.PolicyNode;
import java.util.ArrayList;
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

  /**
   * The kinds of field that hold mappings of another {@link MappingShape}, written here with one call to the
   * model's getter; the nested mappings are written by their own shape.
   */
  enum Nesting {
    /** One mapping whose absence is kept ({@code Optional}), written when present. */
    SECTION,
    /** A list of mappings, omitted when empty. */
    LIST,
    /** A list of mappings, always written ({@code endpoints: []}). */
    LIST_ALWAYS,
    /** A list of mappings whose absence is kept ({@code Optional}): written when present, even empty. */
    OPTIONAL_LIST,
    /** A mapping of names to mappings, omitted when empty. */
    MAP,
    /** A mapping of names to mappings, always written. */
    MAP_ALWAYS
  }

  private final String key;
  private final SchemaType type;
  /** How the key is read: null for a plain kind read here through {@link #setter}. */
  private final Reader<B> reader;
  /** How the key is written by a field with its own rules: null for a plain or nested kind. */
  private final Writer<T> writer;
  private final Plain plain;
  private final Nesting nesting;
  /** The shape of the nested mappings of a {@link Nesting} kind. */
  private final MappingShape<PolicyNode, ?> shape;
  /** The model's getter, for a plain or nested kind. */
  private final Function<T, ?> getter;
  private final BiConsumer<B, Object> setter;

  @SuppressWarnings("unchecked")
  private Field(String key, SchemaType type, Reader<B> reader, Writer<T> writer, Plain plain, Nesting nesting,
      MappingShape<?, ?> shape, Function<T, ?> getter, BiConsumer<B, ?> setter) {
    this.key = Objects.requireNonNull(key, "key");
    this.type = Objects.requireNonNull(type, "type");
    this.reader = reader;
    this.writer = writer;
    this.plain = plain;
    this.nesting = nesting;
    this.shape = (MappingShape<PolicyNode, ?>) shape;
    this.getter = getter;
    this.setter = (BiConsumer<B, Object>) setter;
  }

  /** A field with its own rules for reading and writing. */
  Field(String key, SchemaType type, Reader<B> reader, Writer<T> writer) {
    this(key, type, Objects.requireNonNull(reader, "reader"), Objects.requireNonNull(writer, "writer"), null, null,
        null, null, null);
  }

  /** A field of a {@link Plain} kind: {@code getter} reads the model, {@code setter} fills the builder. */
  static <T, B, V> Field<T, B> plain(String key, SchemaType type, Plain plain, Function<T, V> getter,
      BiConsumer<B, ? super V> setter) {
    return new Field<>(key, type, null, null, Objects.requireNonNull(plain, "plain"), null, null,
        Objects.requireNonNull(getter, "getter"), Objects.requireNonNull(setter, "setter"));
  }

  /**
   * A field of a {@link Nesting} kind: {@code reader} reads it, {@code getter} returns what {@code nesting} says
   * (an {@code Optional} mapping, a list, an {@code Optional} list or a map of {@code shape}'s model type).
   */
  static <T, B> Field<T, B> nested(String key, SchemaType type, Reader<B> reader, Nesting nesting,
      MappingShape<?, ?> shape, Function<T, ?> getter) {
    return new Field<>(key, type, Objects.requireNonNull(reader, "reader"), null,
        null, Objects.requireNonNull(nesting, "nesting"), Objects.requireNonNull(shape, "shape"),
        Objects.requireNonNull(getter, "getter"), null);
  }

  /** This field with another writer (the same key, type and reader). */
  Field<T, B> writtenBy(Writer<T> otherWriter) {
    return new Field<>(key, type, this::read, Objects.requireNonNull(otherWriter, "writer"), null, null, null, null,
        null);
  }

  /** This field, running {@code check} before its own reader (the same key, type and writing). */
  Field<T, B> checkedFirst(Reader<B> check) {
    return new Field<>(key, type, (from, k, into) -> {
      check.read(from, k, into);
      read(from, into);
    }, writer, plain, nesting, shape, getter, setter);
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

  void read(ObjectFields from, B into) {
    if (reader != null) {
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

  /** Writes this key of {@code from} into a tree mapping, or nothing when the value is not written. */
  void write(DocumentTree tree, T from, Map<String, Object> into) {
    if (plain != null) {
      Object value = plainValue(getter.apply(from));
      if (value != null) {
        into.put(key, value);
      }
    } else if (nesting != null) {
      Object nested = nestedValue(getter.apply(from));
      if (nested != null) {
        into.put(key, switch (nesting) {
          case SECTION -> shape.write(tree, (PolicyNode) nested);
          case LIST, LIST_ALWAYS, OPTIONAL_LIST -> writeAll(tree, (List<?>) nested);
          case MAP, MAP_ALWAYS -> writeAll(tree, (Map<?, ?>) nested);
        });
      }
    } else {
      writer.write(tree, from, key, into);
    }
  }

  /**
   * Writes this key of {@code from} as generator events: exactly the events of writing the value {@link #write}
   * puts in a tree.
   */
  void stream(DocumentStream out, T from) {
    if (plain != null) {
      Object value = plainValue(getter.apply(from));
      if (value != null) {
        out.field(key, value);
      }
    } else if (nesting != null) {
      Object nested = nestedValue(getter.apply(from));
      if (nested != null) {
        out.name(key);
        switch (nesting) {
          case SECTION -> shape.stream(out, (PolicyNode) nested);
          case LIST, LIST_ALWAYS, OPTIONAL_LIST -> out.list(shape, (List<?>) nested);
          case MAP, MAP_ALWAYS -> out.map(shape, (Map<?, ?>) nested);
        }
      }
    } else {
      out.custom(key, from, writer);
    }
  }

  /** The value a plain kind writes, given what its getter returned, or null when nothing is written. */
  private Object plainValue(Object value) {
    return switch (plain) {
      case STRING -> ((String) value).isEmpty() ? null : value;
      case REQUIRED_STRING, STRING_ALWAYS -> value;
      case OPTIONAL_STRING, OPTIONAL_FLAG, U32 -> ((Optional<?>) value).orElse(null);
      case FLAG -> (Boolean) value ? Boolean.TRUE : null;
      case STRING_LIST -> ((List<?>) value).isEmpty() ? null : value;
    };
  }

  /**
   * What a nested kind writes (a model mapping, a list or a map of them), given what its getter returned, or null
   * when nothing is written.
   */
  private Object nestedValue(Object value) {
    return switch (nesting) {
      case SECTION, OPTIONAL_LIST -> ((Optional<?>) value).orElse(null);
      case LIST -> ((List<?>) value).isEmpty() ? null : value;
      case MAP -> ((Map<?, ?>) value).isEmpty() ? null : value;
      case LIST_ALWAYS, MAP_ALWAYS -> value;
    };
  }

  private List<Object> writeAll(DocumentTree tree, List<?> items) {
    List<Object> out = new ArrayList<>(items.size());
    for (Object item : items) {
      out.add(shape.write(tree, (PolicyNode) item));
    }
    return out;
  }

  private Map<String, Object> writeAll(DocumentTree tree, Map<?, ?> named) {
    Map<String, Object> out = tree.newMap();
    for (Map.Entry<?, ?> e : named.entrySet()) {
      out.put((String) e.getKey(), shape.write(tree, (PolicyNode) e.getValue()));
    }
    return out;
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
