package dev.sandboxpolicy.io;

import dev.sandboxpolicy.model.JsonPointer;
import dev.sandboxpolicy.model.PolicyNode;
import dev.sandboxpolicy.model.ProblemCode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One key of a closed mapping in a document: its name, the JSON-Schema type it has, how it is read from the
 * document tree into a model builder, and how it is written back from a model value. Every key of every document
 * is one {@code Field} in {@link DocumentLayout}: the binder, the writers and the schema-agreement test all go
 * through the same fields, so adding a key to the language is one line there (plus the model's accessor and a
 * regeneration of {@link LayoutCode}).
 *
 * <p>A field of a {@link Plain} or {@link Nesting} kind holds no code: the model's getter and the builder's setter
 * are named as its key in camelCase ({@code allow_encoded_slash}: {@code allowEncodedSlash()}), and
 * {@link LayoutCode}, generated from this table, calls them directly. Only the few keys with their own rules carry
 * a {@link Reader} and a {@link Writer}.
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
   * The plain kinds of field: a scalar or a list of strings, read here and set through {@link LayoutCode}, written
   * by {@link LayoutCode} as its generator says for each kind.
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

  /** The kinds of field that hold mappings of another {@link MappingShape}, bound and written by that shape. */
  enum Nesting {
    /** One mapping whose absence is kept ({@code Optional}), written when present. */
    SECTION,
    /**
     * A {@link #SECTION} whose value, when it is not a mapping, is reported as {@code expected a mapping (WHAT)}
     * rather than {@code expected a mapping}.
     */
    NAMED_SECTION,
    /** A list of mappings, omitted when empty. */
    LIST,
    /** A list of mappings, always written ({@code endpoints: []}). */
    LIST_ALWAYS,
    /** A list of mappings that is required ({@code missing_field} when absent) and always written. */
    REQUIRED_LIST,
    /** A list of mappings whose absence is kept ({@code Optional}): written when present, even empty. */
    OPTIONAL_LIST,
    /** A mapping of names to mappings, omitted when empty. */
    MAP,
    /** A mapping of names to mappings, always written. */
    MAP_ALWAYS
  }

  private final String key;
  private final SchemaType type;
  /** How the key is read by a field with its own rules: null for a plain or nested kind. */
  private final Reader<B> reader;
  /** A check run before the key is read, or null. */
  private final Reader<B> check;
  /** How the key is written by a field with its own rules: null for a plain or nested kind. */
  private final Writer<T> writer;
  private final Plain plain;
  private final Nesting nesting;
  /** The shape of the nested mappings of a {@link Nesting} kind. */
  private final MappingShape<?, ?> shape;

  private Field(String key, SchemaType type, Reader<B> reader, Reader<B> check, Writer<T> writer, Plain plain,
      Nesting nesting, MappingShape<?, ?> shape) {
    this.key = Objects.requireNonNull(key, "key");
    this.type = Objects.requireNonNull(type, "type");
    this.reader = reader;
    this.check = check;
    this.writer = writer;
    this.plain = plain;
    this.nesting = nesting;
    this.shape = shape;
  }

  /** A field with its own rules for reading and writing. */
  Field(String key, SchemaType type, Reader<B> reader, Writer<T> writer) {
    this(key, type, Objects.requireNonNull(reader, "reader"), null, Objects.requireNonNull(writer, "writer"), null,
        null, null);
  }

  /** A field of a {@link Plain} kind. */
  static <T, B> Field<T, B> plain(String key, SchemaType type, Plain plain) {
    return new Field<>(key, type, null, null, null, Objects.requireNonNull(plain, "plain"), null, null);
  }

  /** A field of a {@link Nesting} kind holding mappings of {@code shape}. */
  static <T, B> Field<T, B> nested(String key, SchemaType type, Nesting nesting, MappingShape<?, ?> shape) {
    return new Field<>(key, type, null, null, null, null, Objects.requireNonNull(nesting, "nesting"),
        Objects.requireNonNull(shape, "shape"));
  }

  /** This field with its own writer (the same key, type and reading). */
  Field<T, B> writtenBy(Writer<T> otherWriter) {
    return new Field<>(key, type, reader, check, Objects.requireNonNull(otherWriter, "writer"), plain, nesting,
        shape);
  }

  /** This field, running {@code first} before its own reading (the same key, type and writing). */
  Field<T, B> checkedFirst(Reader<B> first) {
    return new Field<>(key, type, reader, Objects.requireNonNull(first, "check"), writer, plain, nesting, shape);
  }

  /** The key as written in documents (snake_case). */
  String key() {
    return key;
  }

  /** The JSON-Schema type of the value, for the schema-agreement check. */
  SchemaType type() {
    return type;
  }

  /** The plain kind, or null. */
  Plain plain() {
    return plain;
  }

  /** The nested kind, or null. */
  Nesting nesting() {
    return nesting;
  }

  /** The shape of the nested mappings of a nested kind, or null. */
  MappingShape<?, ?> shape() {
    return shape;
  }

  /** Whether this field is read by its own {@link Reader}. */
  boolean readsItself() {
    return reader != null;
  }

  /** Whether this field is written by its own {@link Writer}. */
  boolean writesItself() {
    return writer != null;
  }

  /**
   * Reads this key of {@code from} into {@code into}; a plain or nested kind sets the value with {@code set}, which
   * calls the builder's setter for field number {@code index} of its shape.
   */
  void read(ObjectFields from, B into, MappingShape.Access<T, B> set, int index) {
    if (check != null) {
      check.read(from, key, into);
    }
    if (reader != null) {
      reader.read(from, key, into);
    } else if (plain != null) {
      readPlain(from, into, set, index);
    } else {
      Object value = readNested(from);
      if (value != null) {
        set.set(index, into, value);
      }
    }
  }

  private void readPlain(ObjectFields from, B into, MappingShape.Access<T, B> set, int index) {
    // a value equal to the builder's default is not set: most keys of a document are absent
    switch (plain) {
      case STRING -> {
        String value = from.string(key);
        if (!value.isEmpty()) {
          set.set(index, into, value);
        }
      }
      case STRING_ALWAYS -> set.set(index, into, from.string(key));
      case REQUIRED_STRING -> set.set(index, into, from.requiredString(key));
      case OPTIONAL_STRING -> setIfPresent(into, set, index, from.optString(key));
      case FLAG -> {
        if (from.bool(key)) {
          set.set(index, into, Boolean.TRUE);
        }
      }
      case OPTIONAL_FLAG -> setIfPresent(into, set, index, from.optBool(key));
      case U32 -> setIfPresent(into, set, index,
          from.optInteger(key, 0, DocumentLayout.U32_MAX, DocumentLayout.U32_RANGE));
      case STRING_LIST -> {
        List<String> value = from.stringList(key);
        if (!value.isEmpty()) {
          set.set(index, into, value);
        }
      }
    }
  }

  private void setIfPresent(B into, MappingShape.Access<T, B> set, int index, Optional<?> value) {
    if (value.isPresent()) {
      set.set(index, into, value);
    }
  }

  /** The bound value of a nested kind (a mapping, a list or a map of them), or null when there is none to set. */
  private Object readNested(ObjectFields from) {
    switch (nesting) {
      case NAMED_SECTION -> {
        Node n = from.node(key);
        return n == null ? null : from.binder().bind(shape, n, from.child(key));
      }
      case SECTION -> {
        Node.MapNode m = from.mapping(key);
        return m == null ? null : shape.bind(from.nested(m, key, shape.what()));
      }
      case LIST, LIST_ALWAYS, OPTIONAL_LIST -> {
        return items(from);
      }
      case REQUIRED_LIST -> {
        List<PolicyNode> items = items(from);
        if (items == null && !from.has(key)) {
          from.binder().error(ProblemCode.MISSING_FIELD, from.location(), from.what() + " requires '" + key + "'");
        }
        return items;
      }
      case MAP, MAP_ALWAYS -> {
        Node.MapNode m = from.mapping(key);
        if (m == null) {
          return null;
        }
        Map<String, PolicyNode> values = new LinkedHashMap<>();
        for (Node.Entry e : m.entries.values()) {
          PolicyNode value = from.binder().bind(shape, e.value(), JsonPointer.key(from.child(key), e.key()));
          if (value != null) {
            values.put(e.key(), value);
          }
        }
        return values;
      }
      default -> throw new AssertionError(nesting);
    }
  }

  /** The bound items of the sequence under the key, or null when it is absent or not a sequence. */
  private List<PolicyNode> items(ObjectFields from) {
    Node.ListNode list = from.list(key);
    if (list == null) {
      return null;
    }
    List<PolicyNode> items = new ArrayList<>(list.items.size());
    for (int i = 0; i < list.items.size(); i++) {
      PolicyNode item = from.binder().bind(shape, list.items.get(i), JsonPointer.index(from.child(key), i));
      if (item != null) {
        items.add(item);
      }
    }
    return items;
  }

  /** Writes this key of {@code from} into a tree mapping with the field's own writer. */
  void write(DocumentTree tree, T from, Map<String, Object> into) {
    writer.write(tree, from, key, into);
  }

  /** Writes this key of {@code from} as generator events with the field's own writer. */
  void stream(DocumentStream out, T from) {
    out.custom(key, from, writer);
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
