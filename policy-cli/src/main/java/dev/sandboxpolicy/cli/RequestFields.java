package dev.sandboxpolicy.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Typed access to the fields of one protocol request. A missing required field or a value of the wrong type is
 * a {@code bad_request} naming the field; {@code null} counts as absent for optional fields.
 */
final class RequestFields {

  private final ObjectNode request;

  RequestFields(ObjectNode request) {
    this.request = request;
  }

  /** The raw node, when present and not {@code null}. */
  Optional<JsonNode> node(String field) {
    JsonNode n = request.get(field);
    return n == null || n.isNull() ? Optional.empty() : Optional.of(n);
  }

  String requireString(String field) throws ProtocolError {
    return string(field).orElseThrow(() -> ProtocolError.badRequest("'" + field + "' is required (a string)"));
  }

  Optional<String> string(String field) throws ProtocolError {
    Optional<JsonNode> n = node(field);
    if (n.isEmpty()) {
      return Optional.empty();
    }
    if (!n.get().isString()) {
      throw ProtocolError.badRequest("'" + field + "' must be a string");
    }
    return Optional.of(n.get().stringValue());
  }

  /** A string field that must be one of {@code allowed}, or {@code fallback} when absent. */
  String choice(String field, Set<String> allowed, String fallback) throws ProtocolError {
    String value = string(field).orElse(fallback);
    if (!allowed.contains(value)) {
      throw ProtocolError.badRequest(
          "'" + field + "' must be one of " + String.join(", ", new java.util.TreeSet<>(allowed)) + ", not '"
              + value + "'");
    }
    return value;
  }

  boolean bool(String field, boolean fallback) throws ProtocolError {
    Optional<JsonNode> n = node(field);
    if (n.isEmpty()) {
      return fallback;
    }
    if (!n.get().isBoolean()) {
      throw ProtocolError.badRequest("'" + field + "' must be true or false");
    }
    return n.get().booleanValue();
  }

  /** A list of strings; absent is empty. */
  List<String> strings(String field) throws ProtocolError {
    Optional<List<String>> list = optionalStrings(field);
    return list.orElse(List.of());
  }

  /** A list of strings, or empty when absent or {@code null}. */
  Optional<List<String>> optionalStrings(String field) throws ProtocolError {
    Optional<JsonNode> n = node(field);
    if (n.isEmpty()) {
      return Optional.empty();
    }
    if (!n.get().isArray()) {
      throw ProtocolError.badRequest("'" + field + "' must be an array of strings");
    }
    List<String> out = new ArrayList<>();
    for (JsonNode e : n.get()) {
      if (!e.isString()) {
        throw ProtocolError.badRequest("'" + field + "' must be an array of strings");
      }
      out.add(e.stringValue());
    }
    return Optional.of(List.copyOf(out));
  }

  /** An object field, when present. */
  Optional<RequestFields> object(String field) throws ProtocolError {
    Optional<JsonNode> n = node(field);
    if (n.isEmpty()) {
      return Optional.empty();
    }
    if (!n.get().isObject()) {
      throw ProtocolError.badRequest("'" + field + "' must be an object");
    }
    return Optional.of(new RequestFields((ObjectNode) n.get()));
  }

  /** An integer field within {@code [min, max]}. */
  Optional<Long> integer(String field, long min, long max) throws ProtocolError {
    Optional<JsonNode> n = node(field);
    if (n.isEmpty()) {
      return Optional.empty();
    }
    if (!n.get().isIntegralNumber() || !n.get().canConvertToLong()
        || n.get().longValue() < min || n.get().longValue() > max) {
      throw ProtocolError.badRequest("'" + field + "' must be an integer from " + min + " to " + max);
    }
    return Optional.of(n.get().longValue());
  }

  /** A {@code bad_request} naming the first key of this object that is not in {@code known}. */
  void requireKnownKeys(Set<String> known, String where) throws ProtocolError {
    for (String name : request.propertyNames()) {
      if (!known.contains(name)) {
        throw ProtocolError.badRequest("unknown key '" + name + "' in " + where + " (accepted: "
            + String.join(", ", new java.util.TreeSet<>(known)) + ")");
      }
    }
  }

    /** The field names of this object, in order. */
  List<String> names() {
    return List.copyOf(request.propertyNames());
  }

  /** An array of objects; absent is empty. */
  List<RequestFields> objects(String field) throws ProtocolError {
    Optional<JsonNode> n = node(field);
    if (n.isEmpty()) {
      return List.of();
    }
    if (!n.get().isArray()) {
      throw ProtocolError.badRequest("'" + field + "' must be an array of objects");
    }
    List<RequestFields> out = new ArrayList<>();
    for (JsonNode e : n.get()) {
      if (!e.isObject()) {
        throw ProtocolError.badRequest("'" + field + "' must be an array of objects");
      }
      out.add(new RequestFields((ObjectNode) e));
    }
    return List.copyOf(out);
  }
}
