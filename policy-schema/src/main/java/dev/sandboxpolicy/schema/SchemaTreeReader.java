package dev.sandboxpolicy.schema;

import com.networknt.schema.InputFormat;
import com.networknt.schema.serialization.DefaultNodeReader;
import com.networknt.schema.serialization.NodeReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads the shipped JSON Schemas into trees for networknt with Jackson's streaming parser alone. networknt's own
 * reader builds a full Jackson {@code ObjectMapper} first (its date formats, time zones and modules), which took
 * about a tenth of a {@code policyctl validate} run; see docs/performance.md, "Start-up".
 *
 * <p>The tree is the one networknt's reader builds: objects keep their key order, integers are int, long or
 * BigInteger nodes by size, strings, booleans and nulls as such ({@code SchemaTreeReaderTest} compares the two on
 * every shipped schema). A document this reader does not handle the same way, YAML or JSON with a fractional number
 * (networknt keeps their precision its own way), goes to networknt's reader unchanged.
 */
final class SchemaTreeReader implements NodeReader {

  static final SchemaTreeReader INSTANCE = new SchemaTreeReader();

  private static final JsonFactory JSON = JsonFactory.builder().build();

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
    JsonNodeFactory f = JsonNodeFactory.instance;
    switch (token) {
      case START_OBJECT -> {
        ObjectNode object = f.objectNode();
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
        ArrayNode array = f.arrayNode();
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
        return f.stringNode(p.getString());
      }
      case VALUE_NUMBER_INT -> {
        return switch (p.getNumberType()) {
          case INT -> f.numberNode(p.getIntValue());
          case LONG -> f.numberNode(p.getLongValue());
          default -> f.numberNode(p.getBigIntegerValue());
        };
      }
      case VALUE_TRUE, VALUE_FALSE -> {
        return f.booleanNode(token == JsonToken.VALUE_TRUE);
      }
      case VALUE_NULL -> {
        return f.nullNode();
      }
      default -> {
        return null; // a fractional number (or anything else): networknt's reader decides
      }
    }
  }
}
