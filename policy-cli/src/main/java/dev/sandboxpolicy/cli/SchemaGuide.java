package dev.sandboxpolicy.cli;

import dev.sandboxpolicy.schema.DocumentKind;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * The language reference as the language server reads it: the shipped JSON Schema of a {@link DocumentKind},
 * walked by path. The schema is the one home of what a key means ({@code markdownDescription}, else
 * {@code description}), its closed set of values ({@code enum}), its default and its snippets
 * ({@code defaultSnippets}); hover, completion and the code actions all read them from here, so yaml-language-server
 * users and this server's users see the same texts.
 *
 * <pre>{@code
 * SchemaGuide endpoint = SchemaGuide.of(DocumentKind.POLICY);
 * endpoint.values(List.of("network_policies", "github", "endpoints", "0", "enforcement")); // [enforce, audit]
 * }</pre>
 *
 * <p>Paths are keys and sequence indexes (any decimal string) from the document's root. A path the schema does not
 * describe (an unknown key, a value inside user data) has no schema nodes and yields nothing.
 */
final class SchemaGuide {

  private static final Map<DocumentKind, SchemaGuide> GUIDES = new EnumMap<>(DocumentKind.class);

  private final JsonNode root;

  private SchemaGuide(JsonNode root) {
    this.root = root;
  }

  /** The guide of {@code kind}'s schema, parsed once per process. */
  static SchemaGuide of(DocumentKind kind) {
    synchronized (GUIDES) {
      return GUIDES.computeIfAbsent(kind, k -> new SchemaGuide(Json.MAPPER.readTree(k.schemaText())));
    }
  }

  /**
   * The schema nodes that may describe the node at {@code path}, each as written at its place (before its
   * {@code $ref} is followed), first the most specific. Empty when the schema does not know the path.
   */
  List<JsonNode> declared(List<String> path) {
    List<JsonNode> current = List.of(root);
    for (String segment : path) {
      List<JsonNode> next = new ArrayList<>();
      for (JsonNode node : current) {
        for (JsonNode n : expand(node)) {
          next.addAll(children(n, segment));
        }
      }
      if (next.isEmpty()) {
        return List.of();
      }
      current = next;
    }
    return current;
  }

  /** {@link #declared} with every {@code $ref} followed and every {@code anyOf}/{@code oneOf}/{@code allOf} opened. */
  List<JsonNode> at(List<String> path) {
    List<JsonNode> out = new ArrayList<>();
    for (JsonNode n : declared(path)) {
      out.addAll(expand(n));
    }
    return out;
  }

  /** Whether the schema describes {@code path} at all. */
  boolean knows(List<String> path) {
    return !declared(path).isEmpty();
  }

  /** The keys a mapping at {@code path} may have, in the schema's (the language reference's) order. */
  Map<String, List<String>> properties(List<String> path) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    for (JsonNode n : at(path)) {
      JsonNode properties = n.path("properties");
      for (String key : properties.propertyNames()) {
        List<String> child = new ArrayList<>(path);
        child.add(key);
        out.putIfAbsent(key, child);
      }
    }
    return out;
  }

  /** Whether the node at {@code path} is a mapping with named keys (so a completion there offers keys). */
  boolean isMapping(List<String> path) {
    return at(path).stream().anyMatch(n -> n.has("properties") || "object".equals(n.path("type").asString("")));
  }

  /** Whether the node at {@code path} is a mapping of names the user chooses ({@code network_policies}). */
  boolean isOpenMapping(List<String> path) {
    return at(path).stream().anyMatch(n -> n.path("additionalProperties").isObject() && !n.has("properties"));
  }

  /**
   * The closed set of values at {@code path}: its {@code enum} (and {@code const}) members, {@code true} and
   * {@code false} for a boolean. Empty when the set is open.
   */
  List<String> values(List<String> path) {
    Set<String> out = new LinkedHashSet<>();
    for (JsonNode n : at(path)) {
      n.path("enum").forEach(v -> out.add(v.asString()));
      if (n.has("const")) {
        out.add(n.get("const").asString());
      }
      if (types(n).contains("boolean")) {
        out.add("true");
        out.add("false");
      }
    }
    return List.copyOf(out);
  }

  /**
   * The closed set at {@code path} as completion and quick fixes offer it: {@link #values} without the empty
   * string, which a set may allow as another spelling of its default ({@code landlock.compatibility}) but nobody
   * needs to be offered.
   */
  List<String> suggestedValues(List<String> path) {
    return values(path).stream().filter(v -> !v.isEmpty()).toList();
  }

  /** Suggested values that are not a closed set ({@code examples}). */
  List<String> examples(List<String> path) {
    Set<String> out = new LinkedHashSet<>();
    for (JsonNode n : at(path)) {
      n.path("examples").forEach(v -> {
        if (v.isValueNode()) {
          out.add(v.asString());
        }
      });
    }
    return List.copyOf(out);
  }

  /** The {@code default} at {@code path}, as YAML would write the scalar. */
  Optional<String> defaultValue(List<String> path) {
    for (JsonNode n : declaredThenExpanded(path)) {
      if (n.has("default")) {
        JsonNode d = n.get("default");
        return Optional.of(d.isValueNode() ? d.asString() : Json.write(d));
      }
    }
    return Optional.empty();
  }

  /** The documentation at {@code path}: its {@code markdownDescription}, else its {@code description}. */
  Optional<String> documentation(List<String> path) {
    for (String field : List.of("markdownDescription", "description")) {
      for (JsonNode n : declaredThenExpanded(path)) {
        if (n.path(field).isString()) {
          return Optional.of(n.get(field).asString());
        }
      }
    }
    return Optional.empty();
  }

  /** The {@code markdownEnumDescriptions} of a value in {@code path}'s closed set, if the schema has one. */
  Optional<String> valueDocumentation(List<String> path, String value) {
    for (JsonNode n : at(path)) {
      JsonNode values = n.path("enum");
      JsonNode texts = n.path("markdownEnumDescriptions");
      for (int i = 0; i < values.size() && i < texts.size(); i++) {
        if (values.get(i).asString().equals(value)) {
          return Optional.of(texts.get(i).asString());
        }
      }
    }
    return Optional.empty();
  }

  /** The {@code defaultSnippets} of the node at {@code path}: label, description and body. */
  List<JsonNode> snippets(List<String> path) {
    List<JsonNode> out = new ArrayList<>();
    for (JsonNode n : declaredThenExpanded(path)) {
      n.path("defaultSnippets").forEach(out::add);
    }
    return out;
  }

  /** A short type, such as {@code string}, {@code integer 0..65535}, {@code list of mappings}, {@code mapping}. */
  String typeName(List<String> path) {
    Set<String> names = new LinkedHashSet<>();
    for (JsonNode n : at(path)) {
      String name = typeName(n);
      if (!name.isEmpty()) {
        names.add(name);
      }
    }
    return String.join(" or ", names);
  }

  private String typeName(JsonNode n) {
    List<String> types = types(n);
    if (types.isEmpty()) {
      return n.has("properties") ? "mapping" : "";
    }
    List<String> names = new ArrayList<>();
    for (String t : types) {
      names.add(switch (t) {
        case "integer" -> n.has("minimum") && n.has("maximum")
            ? "integer " + n.get("minimum").asString() + ".." + n.get("maximum").asString() : "integer";
        case "array" -> {
          String item = n.has("items") ? expand(n.get("items")).stream().map(this::typeName)
              .filter(s -> !s.isEmpty()).findFirst().orElse("") : "";
          yield item.isEmpty() ? "list" : "list of " + plural(item);
        }
        case "object" -> n.has("properties") || !n.path("additionalProperties").isObject()
            ? "mapping" : "mapping of names to " + plural(expand(n.get("additionalProperties")).stream()
                .map(this::typeName).filter(s -> !s.isEmpty()).findFirst().orElse("values"));
        default -> t;
      });
    }
    return String.join(" or ", names);
  }

  /** {@code mapping} becomes {@code mappings}, {@code integer 0..65535} becomes {@code integers 0..65535}. */
  private static String plural(String type) {
    int space = type.indexOf(' ');
    return space < 0 ? type + "s" : type.substring(0, space) + "s" + type.substring(space);
  }

  private static List<String> types(JsonNode n) {
    JsonNode type = n.path("type");
    if (type.isString()) {
      return List.of(type.asString());
    }
    List<String> out = new ArrayList<>();
    type.forEach(t -> out.add(t.asString()));
    return out;
  }

  /** The declared nodes first (their own descriptions win), then what their references and unions resolve to. */
  private List<JsonNode> declaredThenExpanded(List<String> path) {
    List<JsonNode> declared = declared(path);
    List<JsonNode> out = new ArrayList<>(declared);
    for (JsonNode n : declared) {
      for (JsonNode e : expand(n)) {
        if (!out.contains(e)) {
          out.add(e);
        }
      }
    }
    return out;
  }

  /** {@code node} with its reference followed and its {@code anyOf}, {@code oneOf} and {@code allOf} opened. */
  private List<JsonNode> expand(JsonNode node) {
    List<JsonNode> out = new ArrayList<>();
    expand(node, out, 0);
    return out;
  }

  /** Deep enough for the schemas' nesting of references and unions; a reference cycle stops here. */
  private static final int MAX_EXPANSION_DEPTH = 8;

  private void expand(JsonNode node, List<JsonNode> out, int depth) {
    if (depth > MAX_EXPANSION_DEPTH || node == null || !node.isObject()) {
      return;
    }
    JsonNode resolved = node;
    if (node.path("$ref").isString()) {
      resolved = reference(node.get("$ref").asString());
      if (resolved == null) {
        return;
      }
      expand(resolved, out, depth + 1);
      return;
    }
    if (!out.contains(resolved)) {
      out.add(resolved);
    }
    for (String union : List.of("allOf", "anyOf", "oneOf")) {
      resolved.path(union).forEach(member -> expand(member, out, depth + 1));
    }
  }

  /** A local reference {@code #/$defs/name} (or any {@code #/a/b} pointer). */
  private JsonNode reference(String ref) {
    if (!ref.startsWith("#")) {
      return null;
    }
    JsonNode target = root.at(ref.substring(1));
    return target.isMissingNode() ? null : target;
  }

  /** The schema nodes a child {@code segment} of an expanded node {@code n} may have. */
  private static List<JsonNode> children(JsonNode n, String segment) {
    List<JsonNode> out = new ArrayList<>();
    JsonNode property = n.path("properties").path(segment);
    if (property.isObject()) {
      out.add(property);
      return out;
    }
    JsonNode patterns = n.path("patternProperties");
    for (String pattern : patterns.propertyNames()) {
      if (Pattern.compile(pattern).matcher(segment).find()) {
        out.add(patterns.get(pattern));
      }
    }
    if (out.isEmpty() && n.path("additionalProperties").isObject()) {
      out.add(n.get("additionalProperties"));
    }
    if (n.path("items").isObject() && isIndex(segment)) {
      out.add(n.get("items"));
    }
    return out;
  }

  private static boolean isIndex(String segment) {
    return !segment.isEmpty() && segment.chars().allMatch(c -> c >= '0' && c <= '9');
  }

}
