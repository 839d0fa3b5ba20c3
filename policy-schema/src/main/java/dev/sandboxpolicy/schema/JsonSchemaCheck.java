package dev.sandboxpolicy.schema;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.path.NodePath;
import com.networknt.schema.serialization.NodeReader;
import com.networknt.schema.utils.JsonNodes;
import dev.sandboxpolicy.model.Problem;
import dev.sandboxpolicy.model.Severity;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Set;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.databind.JsonNode;

/**
 * Validates document text against the shipped JSON Schemas with networknt json-schema-validator, reading the text
 * location-aware so that every problem has a pointer, a line and a column.
 *
 * <p>Schemas are compiled once per class loader and are safe to share between threads.
 */
final class JsonSchemaCheck {

  private static final Map<DocumentKind, Schema> SCHEMAS = compileAll();
  private static final NodeReader READER = NodeReader.builder().locationAware().build();

  private JsonSchemaCheck() {}

  private static SchemaRegistry registry() {
    Map<String, String> byId = new HashMap<>();
    for (DocumentKind kind : DocumentKind.values()) {
      byId.put(kind.schemaId(), resourceText(kind));
    }
    return SchemaRegistry.withDefaultDialect(
        SpecificationVersion.DRAFT_2020_12, b -> b.nodeReader(r -> r.locationAware()).schemas(byId));
  }

  private static Map<DocumentKind, Schema> compileAll() {
    SchemaRegistry registry = registry();
    Map<DocumentKind, Schema> schemas = new EnumMap<>(DocumentKind.class);
    for (DocumentKind kind : DocumentKind.values()) {
      Schema schema = registry.getSchema(SchemaLocation.of(kind.schemaId()));
      schema.initializeValidators();
      schemas.put(kind, schema);
    }
    return schemas;
  }

  static String resourceText(DocumentKind kind) {
    try (InputStream in = DocumentKind.class.getResourceAsStream(kind.schemaResource())) {
      if (in == null) {
        throw new IllegalStateException("missing schema resource " + kind.schemaResource());
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Reads {@code text} (YAML or JSON) and checks it against the schema of {@code kind}. A syntax error gives one
   * {@code yaml_syntax} problem. In lenient mode unknown keys are warnings and a policy may omit
   * {@code version}, as on upstream's local-YAML load path.
   */
  static List<Problem> check(DocumentKind kind, String text, boolean lenient) {
    JsonNode root;
    try {
      root = READER.readTree(text, InputFormat.YAML);
    } catch (JacksonException e) {
      TokenStreamLocation at = e.getLocation();
      int line = at == null ? 0 : Math.max(at.getLineNr(), 0);
      int column = at == null ? 0 : Math.max(at.getColumnNr(), 0);
      return List.of(new Problem(Severity.ERROR, Code.YAML_SYNTAX.id(), "", line, column,
          "the document is not well-formed YAML: " + firstLine(e.getOriginalMessage())));
    }
    if (root == null || root.isMissingNode()) {
      return List.of(new Problem(Severity.ERROR, Code.WRONG_TYPE.id(), "", 1, 1,
          "the document is empty; expected a mapping"));
    }
    List<Problem> problems = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (Error error : SCHEMAS.get(kind).validate(root)) {
      Problem p = toProblem(kind, error, lenient);
      // anyOf reports each failed branch; one problem per code and place is enough
      if (p != null && seen.add(p.code() + " " + p.pointer())) {
        problems.add(p);
      }
    }
    return problems;
  }

  private static Problem toProblem(DocumentKind kind, Error error, boolean lenient) {
    String keyword = error.getKeyword() == null ? "" : error.getKeyword();
    String pointer = pointerOf(error.getInstanceLocation());
    JsonNode located = error.getInstanceNode();
    String message = error.getMessage();
    Code code;
    Severity severity = Severity.ERROR;
    switch (keyword) {
      case "additionalProperties", "unevaluatedProperties" -> {
        String property = error.getProperty();
        code = Code.UNKNOWN_KEY;
        if (property != null) {
          pointer = Pointer.key(pointer, property);
          if (located != null && located.get(property) != null) {
            located = located.get(property);
          }
          message = "unknown key '" + property + "'" + context(error.getInstanceLocation());
        }
        if (lenient) {
          if ("glob".equals(property) && schemaPath(error).contains("atcher")) {
            return null; // {glob: ...} matchers are accepted on the lenient path
          }
          severity = Severity.WARNING;
          message += " (ignored on the lenient path; rejected by a strict load)";
        }
      }
      case "required" -> {
        code = Code.MISSING_FIELD;
        String property = error.getProperty();
        if (lenient && kind == DocumentKind.POLICY && pointer.isEmpty()
            && "version".equals(property)) {
          return null;
        }
        message = "missing required key '" + property + "'" + context(error.getInstanceLocation());
        if (kind == DocumentKind.POLICY && pointer.isEmpty() && "version".equals(property)) {
          code = Code.MISSING_VERSION;
          message = "a policy requires 'version' (use version: 1)";
        }
      }
      case "type" -> {
        if (located != null && located.isNull()) {
          return null; // an explicit null reads as absent (see the reader's compatibility notes)
        }
        code = Code.WRONG_TYPE;
      }
      case "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum" -> code = Code.INTEGER_OUT_OF_RANGE;
      case "enum", "const" -> code = Code.VALUE_NOT_ALLOWED;
      case "pattern" -> code = Code.PATTERN_MISMATCH;
      case "minItems", "maxItems", "minProperties", "maxProperties", "minLength", "maxLength", "uniqueItems" ->
          code = Code.SIZE_INVALID;
      default -> code = Code.SCHEMA_VIOLATION;
    }
    int line = 0;
    int column = 0;
    if (located != null) {
      try {
        TokenStreamLocation at = JsonNodes.tokenStreamLocationOf(located);
        line = Math.max(at.getLineNr(), 0);
        column = Math.max(at.getColumnNr(), 0);
      } catch (IllegalArgumentException noLocation) {
        // a node synthesised by the validator: no position
      }
    }
    return new Problem(severity, code.id(), pointer, line, column, message);
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "";
    }
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
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
      pointer.append('/').append(element instanceof Integer ? s : s.replace("~", "~0").replace("/", "~1"));
    }
    return pointer.toString();
  }
}
