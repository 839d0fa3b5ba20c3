package dev.sandboxpolicy.traffic.input;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Typed access to the fields of one JSON object of a request. A missing required field or a value of the wrong
 * type is a {@link MalformedRequestException} naming the field; {@code null} counts as absent for optional fields.
 *
 * <pre>{@code
 * JsonFields fields = new JsonFields(object);
 * String host = fields.requireString("host");       // 'host' is required (a string)
 * Optional<Long> port = fields.integer("port", 0, 65535);
 * }</pre>
 */
public final class JsonFields {

  private final ObjectNode object;

  /**
   * Fields of {@code object}.
   *
   * @param object the JSON object
   */
  public JsonFields(ObjectNode object) {
    this.object = Objects.requireNonNull(object, "object");
  }

  /**
   * Fields of {@code node}, which must be a JSON object.
   *
   * @param node the node
   * @param what what the node is, for the message (for example {@code a request})
   * @return the fields
   * @throws MalformedRequestException when the node is not an object
   */
  public static JsonFields of(JsonNode node, String what) throws MalformedRequestException {
    if (node == null || !node.isObject()) {
      throw new MalformedRequestException(what + " must be a JSON object");
    }
    return new JsonFields((ObjectNode) node);
  }

  /**
   * Returns the object itself.
   *
   * @return the JSON object
   */
  public ObjectNode json() {
    return object;
  }

  /**
   * Returns the raw value of a field, when present and not {@code null}.
   *
   * @param field the field name
   * @return the value, or empty
   */
  public Optional<JsonNode> node(String field) {
    JsonNode n = object.get(field);
    return n == null || n.isNull() ? Optional.empty() : Optional.of(n);
  }

  /**
   * Returns a required string field.
   *
   * @param field the field name
   * @return the string
   * @throws MalformedRequestException when absent or not a string
   */
  public String requireString(String field) throws MalformedRequestException {
    return string(field).orElseThrow(() -> new MalformedRequestException("'" + field + "' is required (a string)"));
  }

  /**
   * Returns an optional string field.
   *
   * @param field the field name
   * @return the string, or empty when absent
   * @throws MalformedRequestException when present and not a string
   */
  public Optional<String> string(String field) throws MalformedRequestException {
    Optional<JsonNode> n = node(field);
    if (n.isEmpty()) {
      return Optional.empty();
    }
    if (!n.get().isString()) {
      throw new MalformedRequestException("'" + field + "' must be a string");
    }
    return Optional.of(n.get().stringValue());
  }

  /**
   * Returns a string field that must be one of {@code allowed}.
   *
   * @param field the field name
   * @param allowed the accepted values
   * @param fallback the value when absent
   * @return the value
   * @throws MalformedRequestException when not a string or not one of {@code allowed}
   */
  public String choice(String field, Set<String> allowed, String fallback) throws MalformedRequestException {
    String value = string(field).orElse(fallback);
    if (!allowed.contains(value)) {
      throw new MalformedRequestException(
          "'" + field + "' must be one of " + String.join(", ", new TreeSet<>(allowed)) + ", not '" + value + "'");
    }
    return value;
  }

  /**
   * Returns a boolean field.
   *
   * @param field the field name
   * @param fallback the value when absent
   * @return the value
   * @throws MalformedRequestException when present and not a boolean
   */
  public boolean bool(String field, boolean fallback) throws MalformedRequestException {
    Optional<JsonNode> n = node(field);
    if (n.isEmpty()) {
      return fallback;
    }
    if (!n.get().isBoolean()) {
      throw new MalformedRequestException("'" + field + "' must be true or false");
    }
    return n.get().booleanValue();
  }

  /**
   * Returns an array of strings; absent is empty.
   *
   * @param field the field name
   * @return an immutable list
   * @throws MalformedRequestException when present and not an array of strings
   */
  public List<String> strings(String field) throws MalformedRequestException {
    return optionalStrings(field).orElse(List.of());
  }

  /**
   * Returns an array of strings, when present.
   *
   * @param field the field name
   * @return an immutable list, or empty when absent or {@code null}
   * @throws MalformedRequestException when present and not an array of strings
   */
  public Optional<List<String>> optionalStrings(String field) throws MalformedRequestException {
    Optional<JsonNode> n = node(field);
    if (n.isEmpty()) {
      return Optional.empty();
    }
    if (!n.get().isArray()) {
      throw new MalformedRequestException("'" + field + "' must be an array of strings");
    }
    List<String> out = new ArrayList<>();
    for (JsonNode e : n.get()) {
      if (!e.isString()) {
        throw new MalformedRequestException("'" + field + "' must be an array of strings");
      }
      out.add(e.stringValue());
    }
    return Optional.of(List.copyOf(out));
  }

  /**
   * Returns an object field, when present.
   *
   * @param field the field name
   * @return its fields, or empty when absent
   * @throws MalformedRequestException when present and not an object
   */
  public Optional<JsonFields> object(String field) throws MalformedRequestException {
    Optional<JsonNode> n = node(field);
    if (n.isEmpty()) {
      return Optional.empty();
    }
    if (!n.get().isObject()) {
      throw new MalformedRequestException("'" + field + "' must be an object");
    }
    return Optional.of(new JsonFields((ObjectNode) n.get()));
  }

  /**
   * Returns an integer field within {@code [min, max]}.
   *
   * @param field the field name
   * @param min the smallest accepted value
   * @param max the largest accepted value
   * @return the value, or empty when absent
   * @throws MalformedRequestException when present and not an integer in range
   */
  public Optional<Long> integer(String field, long min, long max) throws MalformedRequestException {
    Optional<JsonNode> n = node(field);
    if (n.isEmpty()) {
      return Optional.empty();
    }
    if (!n.get().isIntegralNumber() || !n.get().canConvertToLong()
        || n.get().longValue() < min || n.get().longValue() > max) {
      throw new MalformedRequestException("'" + field + "' must be an integer from " + min + " to " + max);
    }
    return Optional.of(n.get().longValue());
  }

  /**
   * Requires every key of this object to be in {@code known}.
   *
   * @param known the accepted keys
   * @param where what this object is, for the message (for example {@code 'jsonrpc'})
   * @throws MalformedRequestException naming the first unknown key
   */
  public void requireKnownKeys(Set<String> known, String where) throws MalformedRequestException {
    for (String name : object.propertyNames()) {
      if (!known.contains(name)) {
        throw new MalformedRequestException("unknown key '" + name + "' in " + where + " (accepted: "
            + String.join(", ", new TreeSet<>(known)) + ")");
      }
    }
  }

  /**
   * Returns the field names of this object, in order.
   *
   * @return an immutable list
   */
  public List<String> names() {
    return List.copyOf(object.propertyNames());
  }

  /**
   * Returns an array of objects; absent is empty.
   *
   * @param field the field name
   * @return an immutable list
   * @throws MalformedRequestException when present and not an array of objects
   */
  public List<JsonFields> objects(String field) throws MalformedRequestException {
    Optional<JsonNode> n = node(field);
    if (n.isEmpty()) {
      return List.of();
    }
    if (!n.get().isArray()) {
      throw new MalformedRequestException("'" + field + "' must be an array of objects");
    }
    List<JsonFields> out = new ArrayList<>();
    for (JsonNode e : n.get()) {
      if (!e.isObject()) {
        throw new MalformedRequestException("'" + field + "' must be an array of objects");
      }
      out.add(new JsonFields((ObjectNode) e));
    }
    return List.copyOf(out);
  }
}
