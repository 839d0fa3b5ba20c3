package dev.sandboxpolicy.cli;

import dev.sandboxpolicy.traffic.input.DecisionRequest;
import dev.sandboxpolicy.traffic.input.JsonFields;
import dev.sandboxpolicy.traffic.input.MalformedRequestException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Typed access to the fields of one protocol request: the library's {@link JsonFields} (the one home of the
 * messages), with a malformed field answered as a {@code bad_request} naming the field; {@code null} counts as
 * absent for optional fields.
 */
final class RequestFields {

  /** One read of {@link JsonFields} that may find the request malformed. */
  private interface Read<T> {
    T get() throws MalformedRequestException;
  }

  private final JsonFields fields;

  RequestFields(ObjectNode request) {
    this(new JsonFields(request));
  }

  private RequestFields(JsonFields fields) {
    this.fields = fields;
  }

  private static <T> T read(Read<T> read) throws ProtocolError {
    try {
      return read.get();
    } catch (MalformedRequestException e) {
      throw ProtocolError.badRequest(e.getMessage());
    }
  }

  /**
   * This object as a decision request (the {@code request} of {@code decide}, a line of {@code check --requests},
   * a test case's request), decoded by the library's one decoder; a raw {@code target} only with {@code
   * allowTarget}.
   */
  DecisionRequest decisionRequest(boolean allowTarget) throws ProtocolError {
    return read(() -> DecisionRequest.decode(fields, allowTarget));
  }

  /** The raw node, when present and not {@code null}. */
  Optional<JsonNode> node(String field) {
    return fields.node(field);
  }

  String requireString(String field) throws ProtocolError {
    return read(() -> fields.requireString(field));
  }

  Optional<String> string(String field) throws ProtocolError {
    return read(() -> fields.string(field));
  }

  /** A string field that must be one of {@code allowed}, or {@code fallback} when absent. */
  String choice(String field, Set<String> allowed, String fallback) throws ProtocolError {
    return read(() -> fields.choice(field, allowed, fallback));
  }

  boolean bool(String field, boolean fallback) throws ProtocolError {
    return read(() -> fields.bool(field, fallback));
  }

  /** A list of strings; absent is empty. */
  List<String> strings(String field) throws ProtocolError {
    return read(() -> fields.strings(field));
  }

  /** A list of strings, or empty when absent or {@code null}. */
  Optional<List<String>> optionalStrings(String field) throws ProtocolError {
    return read(() -> fields.optionalStrings(field));
  }

  /** An object field, when present. */
  Optional<RequestFields> object(String field) throws ProtocolError {
    return read(() -> fields.object(field)).map(RequestFields::new);
  }

  /** An integer field within {@code [min, max]}. */
  Optional<Long> integer(String field, long min, long max) throws ProtocolError {
    return read(() -> fields.integer(field, min, max));
  }

  /** A {@code bad_request} naming the first key of this object that is not in {@code known}. */
  void requireKnownKeys(Set<String> known, String where) throws ProtocolError {
    read(() -> {
      fields.requireKnownKeys(known, where);
      return null;
    });
  }

  /** The field names of this object, in order. */
  List<String> names() {
    return fields.names();
  }

  /** An array of objects; absent is empty. */
  List<RequestFields> objects(String field) throws ProtocolError {
    List<RequestFields> out = new ArrayList<>();
    for (JsonFields o : read(() -> fields.objects(field))) {
      out.add(new RequestFields(o));
    }
    return List.copyOf(out);
  }
}
