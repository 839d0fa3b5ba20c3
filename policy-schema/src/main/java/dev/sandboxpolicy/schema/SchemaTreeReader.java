package dev.sandboxpolicy.schema;

import com.networknt.schema.InputFormat;
import com.networknt.schema.serialization.DefaultNodeReader;
import com.networknt.schema.serialization.NodeReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.node.StringNode;

/**
 * Reads the shipped JSON Schemas into trees for networknt with Jackson's streaming parser alone. networknt's own
 * reader builds a full Jackson {@code ObjectMapper} first (its date formats, time zones and modules), which took
 * about a tenth of a {@code policyctl validate} run; see docs/performance.md, "Start-up".
 *
 * <p>The tree is the one networknt's reader builds: objects keep their key order, integers are int, long or
 * BigInteger nodes by size, strings, booleans and nulls as such ({@code SchemaTreeReaderTest} compares the two on
 * every shipped schema). A document this reader does not handle the same way, YAML or JSON with a fractional number
 * (networknt keeps their precision its own way), goes to networknt's reader unchanged.
 *
 * <p>Its strings, arrays and objects print themselves ({@code toString()}, the same compact JSON as Jackson's) with
 * the streaming generator too: Jackson's own {@code JsonNode.toString()} builds an internal {@code ObjectMapper} on
 * first use, and networknt prints every {@code enum} value of a schema that way when it compiles it. They are
 * Jackson's node types otherwise (equal to, and hashed as, any node with the same content).
 */
final class SchemaTreeReader implements NodeReader {

  static final SchemaTreeReader INSTANCE = new SchemaTreeReader();

  private static final JsonFactory JSON = JsonFactory.builder().build();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private SchemaTreeReader() {}

  /** networknt's own reader, for what this one leaves to it (built on first use: it builds an ObjectMapper). */
  private static final class Fallback {
    static final NodeReader READER = DefaultNodeReader.builder().build();
  }

  @Override
  public JsonNode readTree(String content, InputFormat format) {
    if (format == InputFormat.JSON) {
      try (JsonParser p = JSON.createParser(ObjectReadContext.empty(), content)) {
        JsonNode tree = document(p);
        if (tree != null) {
          return tree;
        }
      }
    }
    return Fallback.READER.readTree(content, format);
  }

  @Override
  public JsonNode readTree(InputStream content, InputFormat format) {
    try {
      return readTree(new String(content.readAllBytes(), StandardCharsets.UTF_8), format);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public JsonNode readSchema(String content, InputFormat format) {
    return readTree(content, format);
  }

  @Override
  public JsonNode readSchema(InputStream content, InputFormat format) {
    return readTree(content, format);
  }

  /** The one value of the document, or {@code null} when it holds something left to networknt's reader. */
  private static JsonNode document(JsonParser p) {
    JsonToken first = p.nextToken();
    if (first == null) {
      return null;
    }
    JsonNode value = value(p, first);
    return value != null && p.nextToken() == null ? value : null;
  }

  private static JsonNode value(JsonParser p, JsonToken token) {
    switch (token) {
      case START_OBJECT -> {
        ObjectNode object = new SchemaObject();
        for (JsonToken t = p.nextToken(); t != JsonToken.END_OBJECT; t = p.nextToken()) {
          String name = p.currentName();
          JsonNode v = value(p, p.nextToken());
          if (v == null) {
            return null;
          }
          object.set(name, v);
        }
        return object;
      }
      case START_ARRAY -> {
        ArrayNode array = new SchemaArray();
        for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
          JsonNode v = value(p, t);
          if (v == null) {
            return null;
          }
          array.add(v);
        }
        return array;
      }
      case VALUE_STRING -> {
        return new SchemaString(p.getString());
      }
      case VALUE_NUMBER_INT -> {
        return switch (p.getNumberType()) {
          case INT -> NODES.numberNode(p.getIntValue());
          case LONG -> NODES.numberNode(p.getLongValue());
          default -> NODES.numberNode(p.getBigIntegerValue());
        };
      }
      case VALUE_TRUE, VALUE_FALSE -> {
        return NODES.booleanNode(token == JsonToken.VALUE_TRUE);
      }
      case VALUE_NULL -> {
        return NODES.nullNode();
      }
      default -> {
        return null; // a fractional number (or anything else): networknt's reader decides
      }
    }
  }

  /** {@code node} as compact JSON, written by the streaming generator (what Jackson's toString() writes). */
  static String json(JsonNode node) {
    StringWriter out = new StringWriter();
    try (JsonGenerator g = JSON.createGenerator(ObjectWriteContext.empty(), out)) {
      write(g, node);
    }
    return out.toString();
  }

  private static void write(JsonGenerator g, JsonNode node) {
    switch (node.getNodeType()) {
      case OBJECT -> {
        g.writeStartObject();
        for (Map.Entry<String, JsonNode> e : node.properties()) {
          g.writeName(e.getKey());
          write(g, e.getValue());
        }
        g.writeEndObject();
      }
      case ARRAY -> {
        g.writeStartArray();
        for (JsonNode element : node) {
          write(g, element);
        }
        g.writeEndArray();
      }
      case STRING -> g.writeString(node.stringValue());
      case BOOLEAN -> g.writeBoolean(node.booleanValue());
      case NULL -> g.writeNull();
      case NUMBER -> {
        switch (node.numberType()) {
          case INT -> g.writeNumber(node.intValue());
          case LONG -> g.writeNumber(node.longValue());
          default -> g.writeNumber(node.bigIntegerValue());
        }
      }
      default -> throw new IllegalStateException("not a node this reader builds: " + node.getNodeType());
    }
  }

  private static final class SchemaString extends StringNode {
    private static final long serialVersionUID = 1L;

    SchemaString(String value) {
      super(value);
    }

    @Override
    public String toString() {
      return json(this);
    }
  }

  private static final class SchemaArray extends ArrayNode {
    private static final long serialVersionUID = 1L;

    SchemaArray() {
      super(NODES);
    }

    @Override
    public String toString() {
      return json(this);
    }
  }

  private static final class SchemaObject extends ObjectNode {
    private static final long serialVersionUID = 1L;

    SchemaObject() {
      super(NODES);
    }

    @Override
    public String toString() {
      return json(this);
    }
  }
}
