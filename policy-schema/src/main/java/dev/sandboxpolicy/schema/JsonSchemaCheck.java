package dev.sandboxpolicy.schema;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaContext;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.dialect.Dialect;
import com.networknt.schema.dialect.DialectId;
import com.networknt.schema.keyword.AbstractKeyword;
import com.networknt.schema.keyword.Keyword;
import com.networknt.schema.keyword.KeywordFactory;
import com.networknt.schema.keyword.KeywordType;
import com.networknt.schema.keyword.KeywordValidator;
import com.networknt.schema.keyword.NonValidationKeyword;
import com.networknt.schema.path.NodePath;
import dev.sandboxpolicy.io.ReadResult;
import dev.sandboxpolicy.model.JsonPointer;
import dev.sandboxpolicy.model.Problem;
import dev.sandboxpolicy.model.ProblemCode;
import dev.sandboxpolicy.model.Severity;
import dev.sandboxpolicy.model.SourceLocation;
import dev.sandboxpolicy.model.SourceMap;
import java.io.IOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Validates documents against the shipped JSON Schemas with networknt json-schema-validator. The instance is the
 * tree the model's reader produced (so hostile input meets the reader's limits once, and YAML scalars mean the same
 * to the schema and to the reader); every problem gets its pointer from networknt and its line and column from the
 * reader's source map (for an unknown key, the position of its value).
 *
 * <p>Schemas are compiled once per class loader and are safe to share between threads.
 */
final class JsonSchemaCheck {

  /** The compiled schemas, each built on first use: a command that validates policies never compiles the others. */
  private static final Map<DocumentKind, Schema> SCHEMAS = new ConcurrentHashMap<>();

  private JsonSchemaCheck() {}

  /**
   * The keywords of draft 2020-12 that the shipped schemas use, each with networknt's own implementation (as its
   * draft 2020-12 dialect maps it), and their annotations ignored. The full dialect builds every keyword, format and
   * vocabulary of the draft, and an annotation validator per {@code description}, at the start of every command
   * that validates (docs/performance.md, "Start-up"). A keyword missing here fails the compile ({@link #UNLISTED})
   * instead of being skipped; {@code JsonSchemaDialectTest} compares the errors with the full dialect's on mutated
   * documents.
   */
  static final List<Keyword> KEYWORDS = List.of(
      new NonValidationKeyword("$id"), new NonValidationKeyword("$schema"), new NonValidationKeyword("$defs"),
      KeywordType.REF, KeywordType.PROPERTIES, KeywordType.ADDITIONAL_PROPERTIES, KeywordType.ITEMS,
      KeywordType.ANY_OF, KeywordType.IF_THEN_ELSE, new NonValidationKeyword("then"), KeywordType.TYPE,
      KeywordType.ENUM, KeywordType.REQUIRED, KeywordType.MINIMUM, KeywordType.MAXIMUM, KeywordType.MIN_LENGTH,
      KeywordType.PATTERN, KeywordType.MIN_ITEMS, KeywordType.UNIQUE_ITEMS, KeywordType.MIN_PROPERTIES,
      new Ignored("title"), new Ignored("description"), new Ignored("default"), new Ignored("examples"),
      new Ignored("markdownDescription"), new Ignored("defaultSnippets"));

  /** Refuses a keyword that {@link #KEYWORDS} does not list (a schema change must add it there). */
  private static final KeywordFactory UNLISTED = (keyword, context) -> {
    throw new IllegalStateException("the shipped schemas use the keyword '" + keyword
        + "', which JsonSchemaCheck.KEYWORDS does not list");
  };

  /** An annotation only (documentation, editor snippets): nothing to validate and nothing collected. */
  private static final class Ignored extends AbstractKeyword {
    Ignored(String name) {
      super(name);
    }

    @Override
    public KeywordValidator newValidator(SchemaLocation location, JsonNode node, Schema parent, SchemaContext context) {
      return null; // networknt skips a keyword without a validator
    }
  }

  /** A registry of this dialect that finds a schema's text by its {@code $id} with {@code schemas}. */
  static SchemaRegistry registry(Function<String, String> schemas) {
    Dialect dialect = Dialect.builder(DialectId.DRAFT_2020_12)
        .specificationVersion(SpecificationVersion.DRAFT_2020_12)
        .idKeyword("$id")
        .keywords(KEYWORDS)
        .unknownKeywordFactory(UNLISTED)
        .build();
    return SchemaRegistry.withDialect(dialect, b -> b.nodeReader(SchemaTreeReader.INSTANCE).schemas(schemas));
  }

  /**
   * The registry that knows every shipped schema by its {@code $id} (built once, on first use); a schema's text is
   * read when it is first compiled, so a command that validates policies reads only the policy schema.
   */
  private static final class Registry {
    static final SchemaRegistry INSTANCE =
        registry(id -> DocumentKind.forSchemaId(id).map(DocumentKind::schemaText).orElse(null));
  }

  static Schema compile(SchemaRegistry registry, String id) {
    Schema schema = registry.getSchema(SchemaLocation.of(id));
    schema.initializeValidators();
    return schema;
  }

  /** The compiled schema of {@code kind} (compiled on first use, then shared). */
  static Schema schema(DocumentKind kind) {
    return SCHEMAS.computeIfAbsent(kind, k -> compile(Registry.INSTANCE, k.schemaId()));
  }

  /**
   * Checks the plain tree of a document, as {@link dev.sandboxpolicy.io.PolicyReader#readTree} read it
   * (one parser, one set of limits), against the schema of {@code kind}, locating each problem through the read's
   * source map. A tree that could not be read gives no schema problems: the typed read reports why. In lenient mode
   * unknown keys are warnings and a policy may omit {@code version}, as on upstream's local-YAML load path.
   */
  static List<Problem> check(DocumentKind kind, ReadResult<Object> tree, boolean lenient) {
    if (tree.value().isEmpty()) {
      return List.of();
    }
    JsonNode root = toJson(tree.value().get());
    List<Problem> problems = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (Error error : schema(kind).validate(root)) {
      Problem p = toProblem(kind, error, lenient, tree.sourceMap());
      // anyOf reports each failed branch; one problem per code and place is enough
      if (p != null && seen.add(p.code() + " " + p.pointer())) {
        problems.add(p);
      }
    }
    return problems;
  }

  /** The reader's plain tree as a Jackson tree (maps keep document order). */
  static JsonNode toJson(Object value) {
    JsonNodeFactory f = JsonNodeFactory.instance;
    if (value instanceof Map<?, ?> map) {
      ObjectNode node = f.objectNode();
      map.forEach((k, v) -> node.set(String.valueOf(k), toJson(v)));
      return node;
    }
    if (value instanceof List<?> list) {
      ArrayNode node = f.arrayNode();
      list.forEach(v -> node.add(toJson(v)));
      return node;
    }
    if (value instanceof String s) {
      return f.stringNode(s);
    }
    if (value instanceof Long l) {
      return f.numberNode(l);
    }
    if (value instanceof BigInteger i) {
      return f.numberNode(i);
    }
    if (value instanceof Double d) {
      return f.numberNode(d);
    }
    if (value instanceof Boolean b) {
      return f.booleanNode(b);
    }
    return f.nullNode();
  }

  private static Problem toProblem(DocumentKind kind, Error error, boolean lenient, SourceMap map) {
    String keyword = error.getKeyword() == null ? "" : error.getKeyword();
    String pointer = pointerOf(error.getInstanceLocation());
    JsonNode located = error.getInstanceNode();
    String message = error.getMessage();
    ProblemCode code;
    Severity severity = Severity.ERROR;
    switch (keyword) {
      case "additionalProperties", "unevaluatedProperties" -> {
        String property = error.getProperty();
        code = ProblemCode.UNKNOWN_KEY;
        if (property != null) {
          pointer = JsonPointer.key(pointer, property);
          message = "unknown key '" + property + "'" + context(error.getInstanceLocation());
        }
        if (JsonPointer.parent(pointer).endsWith("/json_rpc")) {
          // closed in every mode: the reader refuses unknown json_rpc options even in a legacy tolerant read
          code = ProblemCode.JSON_RPC_OPTION_UNKNOWN;
        } else if (lenient) {
          if ("glob".equals(property) && schemaPath(error).contains("atcher")) {
            return null; // {glob: ...} matchers are accepted on the legacy tolerant path
          }
          severity = Severity.WARNING;
          message += " (kept by the legacy tolerant reading; current OpenShell rejects it)";
        }
      }
      case "required" -> {
        code = ProblemCode.MISSING_FIELD;
        String property = error.getProperty();
        if (lenient && kind == DocumentKind.POLICY && pointer.isEmpty()
            && "version".equals(property)) {
          return null;
        }
        message = "missing required key '" + property + "'" + context(error.getInstanceLocation());
        if (kind == DocumentKind.POLICY && pointer.isEmpty() && "version".equals(property)) {
          code = ProblemCode.MISSING_VERSION;
          message = "a policy requires 'version' (use version: 1)";
        }
      }
      case "type" -> {
        if (located != null && located.isNull()) {
          return null; // an explicit null reads as absent (see the reader's compatibility notes)
        }
        if (isMatcherSchema(error)) {
          code = ProblemCode.MATCHER_VALUE_INVALID; // never coerced, in any mode (the reader says why)
          break;
        }
        if (lenient && located != null && (located.isNumber() || located.isBoolean())
            && String.valueOf(error.getSchemaNode()).contains("string")) {
          return null; // the lenient reader coerces a scalar to its text (with its own coerced_scalar warning)
        }
        code = ProblemCode.WRONG_TYPE;
      }
      case "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum" -> code = ProblemCode.INTEGER_OUT_OF_RANGE;
      case "enum", "const" -> code = ProblemCode.VALUE_NOT_ALLOWED;
      case "pattern" -> code = ProblemCode.PATTERN_MISMATCH;
      case "minItems", "maxItems", "minProperties", "maxProperties", "minLength", "maxLength", "uniqueItems" ->
          code = ProblemCode.SIZE_INVALID;
      default -> code = ProblemCode.SCHEMA_VIOLATION;
    }
    String where = pointer;
    SourceLocation at = map.locate(where).orElseGet(() -> map.nearest(JsonPointer.parent(where)));
    int line = at.line();
    int column = at.column();
    return new Problem(severity, code.wireName(), pointer, line, column, message);
  }

  /**
   * Whether the error is about a matcher's value itself ({@code query} values, {@code tool}, {@code params} leaves),
   * not about an item of its {@code any} list (a wrong item type stays {@code wrong_type}, coerced by a legacy read).
   */
  private static boolean isMatcherSchema(Error error) {
    String path = schemaPath(error);
    return (path.contains("/$defs/matcher") || path.contains("/$defs/paramMatcher"))
        && !path.contains("/properties/any");
  }

  private static String schemaPath(Error error) {
    return error.getSchemaLocation() == null ? "" : error.getSchemaLocation().toString();
  }

  private static String context(NodePath at) {
    String pointer = pointerOf(at);
    return pointer.isEmpty() ? " at the top level" : " in " + pointer;
  }

  /** The RFC 6901 pointer of a networknt instance location. */
  static String pointerOf(NodePath path) {
    if (path == null) {
      return "";
    }
    StringBuilder pointer = new StringBuilder();
    for (int i = 0; i < path.getNameCount(); i++) {
      Object element = path.getElement(i);
      String s = String.valueOf(element);
      pointer.append('/').append(element instanceof Integer ? s : JsonPointer.escape(s));
    }
    return pointer.toString();
  }
}
