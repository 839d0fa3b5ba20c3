package dev.sandboxpolicy.cli;

import dev.sandboxpolicy.model.Problem;
import java.util.List;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The one JSON mapper of the CLI (strict: duplicate keys and trailing tokens are errors) and the shared JSON
 * shapes, such as a problem, used by {@code --json} output and the stdio protocol alike.
 */
final class Json {

  /** Strict JSON: duplicate keys and anything after the value are rejected. */
  static final JsonMapper MAPPER =
      JsonMapper.builder()
          .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .build();

  private Json() {}

  /** Compact JSON on one line. */
  static String write(JsonNode node) {
    return MAPPER.writeValueAsString(node);
  }

  /** A new empty object. */
  static ObjectNode object() {
    return MAPPER.createObjectNode();
  }

  /** A plain tree ({@code Map}, {@code List}, scalars), e.g. from {@code PolicyWriter.toTree}, as JSON. */
  static JsonNode tree(Object plain) {
    return MAPPER.valueToTree(plain);
  }

  /**
   * A problem in the shared shape of WIRE-PROTOCOL.md: {@code severity}, {@code code}, {@code pointer},
   * {@code line}, {@code column} (both {@code null} when there is no position), {@code message}.
   */
  static ObjectNode problem(Problem p) {
    ObjectNode o = object();
    o.put("severity", p.severity().wireName());
    o.put("code", p.code());
    o.put("pointer", p.pointer());
    position(o, p.line(), p.column());
    o.put("message", p.message());
    return o;
  }

  /** Puts {@code line} and {@code column} into {@code o}, both {@code null} when {@code line} is 0 (unknown). */
  static ObjectNode position(ObjectNode o, int line, int column) {
    if (line > 0) {
      o.put("line", line);
      o.put("column", column);
    } else {
      o.putNull("line");
      o.putNull("column");
    }
    return o;
  }

  /** Problems as a JSON array. */
  static ArrayNode problems(List<Problem> problems) {
    ArrayNode a = MAPPER.createArrayNode();
    problems.forEach(p -> a.add(problem(p)));
    return a;
  }
}
