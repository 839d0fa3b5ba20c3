package dev.sandboxpolicy.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.sandboxpolicy.io.Field.SchemaType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The shipped JSON Schemas ({@code policy-schema}'s resources) and {@link DocumentLayout} describe the same
 * documents: every closed object of the policy and preset schemas has exactly the keys of its shape, in the same
 * order and with the same types; the blueprint schema (NemoClaw's narrower profile, in its own key order) only
 * uses keys the reader knows, with types the reader accepts. A key added to one and not the other fails here.
 */
class SchemaAgreementTest {

  private static final Path SCHEMAS = Path.of("..", "policy-schema", "src", "main", "resources", "dev",
      "sandboxpolicy", "schema");

  private static Map<String, Object> schema(String name) throws IOException, PolicyReadException {
    Path file = SCHEMAS.resolve(name);
    assumeTrue(Files.isRegularFile(file), "policy-schema is not beside this module");
    return asMap(PolicyReader.of(ReadMode.STRICT).readTree(file).orElseThrow());
  }

  @Test
  void thePolicySchemaHasExactlyTheKeysOfTheLayout() throws Exception {
    Map<String, Object> root = schema("policy-1.json");
    List<String> errors = new ArrayList<>();
    new Walk(root, false, errors).object(root, DocumentLayout.POLICY, "policy-1.json");
    assertEquals(List.of(), errors);
  }

  @Test
  void thePresetSchemaHasExactlyTheKeysOfTheLayout() throws Exception {
    Map<String, Object> root = schema("preset-1.json");
    List<String> errors = new ArrayList<>();
    new Walk(root, false, errors).object(root, DocumentLayout.PRESET, "preset-1.json");
    assertEquals(List.of(), errors);
  }

  @Test
  void theBlueprintSchemaOnlyNarrowsTheLayout() throws Exception {
    Map<String, Object> root = schema("blueprint-1.json");
    List<String> errors = new ArrayList<>();
    Walk walk = new Walk(root, true, errors);
    walk.object(root, DocumentLayout.BLUEPRINT, "blueprint-1.json");
    Map<String, Object> components = asMap(asMap(root.get("properties")).get("components"));
    walk.object(asMap(asMap(components.get("properties")).get("policy")), DocumentLayout.BLUEPRINT_POLICY,
        "blueprint-1.json components.policy");
    assertEquals(List.of(), errors);
  }

  @Test
  void aKeyMissingFromTheSchemaIsFound() throws Exception {
    // the check itself can fail: the endpoint shape against a schema object that lacks its last key
    Map<String, Object> root = schema("policy-1.json");
    Map<String, Object> endpoint = asMap(asMap(root.get("$defs")).get("endpoint"));
    Map<String, Object> properties = new java.util.LinkedHashMap<>(asMap(endpoint.get("properties")));
    String last = new ArrayList<>(properties.keySet()).get(properties.size() - 1);
    properties.remove(last);
    Map<String, Object> cut = new java.util.LinkedHashMap<>(endpoint);
    cut.put("properties", properties);
    List<String> errors = new ArrayList<>();
    new Walk(root, false, errors).object(cut, DocumentLayout.ENDPOINT, "cut");
    assertTrue(errors.toString().contains(last), errors.toString());
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> asMap(Object o) {
    return (Map<String, Object>) o;
  }

  /** Walks a schema object and a shape side by side, collecting every disagreement. */
  private static final class Walk {
    private final Map<String, Object> root;
    private final boolean narrowing;
    private final List<String> errors;

    Walk(Map<String, Object> root, boolean narrowing, List<String> errors) {
      this.root = root;
      this.narrowing = narrowing;
      this.errors = errors;
    }

    Map<String, Object> resolve(Object node) {
      Map<String, Object> m = asMap(node);
      Object ref = m.get("$ref");
      if (ref instanceof String r && r.startsWith("#/$defs/")) {
        return resolve(asMap(root.get("$defs")).get(r.substring("#/$defs/".length())));
      }
      return m;
    }

    void object(Object schemaNode, MappingShape<?, ?> shape, String where) {
      Map<String, Object> node = resolve(schemaNode);
      if (!"object".equals(node.get("type")) || !Boolean.FALSE.equals(node.get("additionalProperties"))) {
        errors.add(where + ": not a closed object");
        return;
      }
      List<String> schemaKeys = new ArrayList<>(asMap(node.get("properties")).keySet());
      List<String> shapeKeys = new ArrayList<>();
      shape.fields().forEach(f -> shapeKeys.add(f.key()));
      if (narrowing) {
        if (!shapeKeys.containsAll(schemaKeys)) {
          errors.add(where + ": keys " + schemaKeys + " are not a subset of " + shapeKeys);
        }
      } else if (!schemaKeys.equals(shapeKeys)) {
        errors.add(where + ": schema keys " + schemaKeys + " but layout keys " + shapeKeys);
      }
      for (Field<?, ?> f : shape.fields()) {
        Object property = asMap(node.get("properties")).get(f.key());
        if (property != null) {
          type(f.type(), property, where + "." + f.key());
        }
      }
    }

    void type(SchemaType t, Object schemaNode, String where) {
      Map<String, Object> node = resolve(schemaNode);
      Object type = node.get("type");
      switch (t.kind()) {
        case "string" -> expect(where, "string".equals(type) || narrowing && isStringEnum(node.get("enum")), t, node);
        case "boolean" -> expect(where, "boolean".equals(type), t, node);
        case "integer" -> {
          boolean same = "integer".equals(type) && number(node.get("minimum")) == t.min()
              && number(node.get("maximum")) == t.max();
          boolean within = "integer".equals(type) && number(node.get("minimum")) >= t.min()
              && number(node.get("maximum")) <= t.max();
          expect(where, narrowing ? within : same, t, node);
        }
        case "array" -> {
          expect(where, "array".equals(type) && node.get("items") != null, t, node);
          if (node.get("items") != null) {
            type(t.element(), node.get("items"), where + "[]");
          }
        }
        case "map" -> {
          Object values = node.get("additionalProperties");
          expect(where, "object".equals(type) && values instanceof Map && node.get("properties") == null, t, node);
          if (values instanceof Map) {
            type(t.element(), values, where + ".*");
          }
        }
        case "object" -> {
          if (t.shape() != null) {
            object(node, t.shape(), where);
          } else {
            expect(where, "object".equals(type) && !Boolean.FALSE.equals(node.get("additionalProperties"))
                || narrowing && "object".equals(type), t, node);
          }
        }
        case "matcher" -> expect(where, isMatcher(node), t, node);
        case "params" -> {
          Object values = node.get("additionalProperties");
          boolean ok = "object".equals(type) && values instanceof Map;
          if (ok) {
            Map<String, Object> param = resolve(values);
            Object anyOf = param.get("anyOf");
            ok = anyOf instanceof List<?> l && l.size() == 2 && isMatcher(resolve(l.get(0)))
                && resolve(l.get(1)).get("additionalProperties") instanceof Map<?, ?> nested
                && resolve(nested) == param;
          }
          expect(where, ok, t, node);
        }
        default -> errors.add(where + ": unknown layout type " + t);
      }
    }

    private boolean isMatcher(Map<String, Object> node) {
      return node.get("type") instanceof List<?> types && types.contains("string") && types.contains("object")
          && Boolean.FALSE.equals(node.get("additionalProperties"))
          && asMap(node.get("properties")).keySet().equals(java.util.Set.of("any"));
    }

    private static boolean isStringEnum(Object values) {
      return values instanceof List<?> l && !l.isEmpty() && l.stream().allMatch(v -> v instanceof String);
    }

    private static long number(Object o) {
      return o instanceof Number n ? n.longValue() : Long.MIN_VALUE;
    }

    private void expect(String where, boolean ok, SchemaType t, Map<String, Object> node) {
      if (!ok) {
        errors.add(where + ": layout says " + t + ", schema says " + node);
      }
    }
  }
}
