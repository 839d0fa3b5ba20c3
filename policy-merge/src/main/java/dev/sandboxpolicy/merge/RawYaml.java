package dev.sandboxpolicy.merge;

import java.util.Optional;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * A plain YAML 1.2 tree of a document, for the few checks upstream makes on the raw parsed document rather than
 * on a typed model (key presence whatever the value, {@code null} versus an empty mapping, names that the model
 * could not bind). Same parser family as the model's reader; duplicate keys are errors.
 */
final class RawYaml {

  /** Reader problem codes that mean "this text is not a usable YAML document". */
  static final Set<String> SYNTAX_CODES = Set.of(
      "yaml_syntax", "json_syntax", "duplicate_key", "multiple_documents", "document_too_large",
      "nesting_too_deep", "too_many_nodes", "collection_too_large", "scalar_too_long", "invalid_encoding",
      "unknown_alias", "unsupported_tag", "empty_document");

  private static final YAMLMapper MAPPER =
      YAMLMapper.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

  private RawYaml() {}

  /** The document's tree, or empty when it is not YAML. */
  static Optional<JsonNode> tree(String text) {
    try {
      return Optional.ofNullable(MAPPER.readTree(text));
    } catch (JacksonException e) {
      return Optional.empty();
    }
  }

  /** The string at {@code preset.name}, or empty when absent or not a string. */
  static Optional<String> presetName(String text) {
    return tree(text).map(t -> t.path("preset").path("name")).filter(JsonNode::isString).map(JsonNode::asString);
  }
}
