package dev.sandboxpolicy.merge;

import dev.sandboxpolicy.model.Policy;
import dev.sandboxpolicy.model.Preset;
import dev.sandboxpolicy.model.Problem;
import dev.sandboxpolicy.model.SourceLocation;
import dev.sandboxpolicy.model.io.DocumentFormat;
import dev.sandboxpolicy.model.io.PolicyReader;
import dev.sandboxpolicy.model.io.PolicyWriter;
import dev.sandboxpolicy.model.io.ReadMode;
import dev.sandboxpolicy.model.io.ReadResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Writes and reads {@link PolicyStack} documents:
 * <pre>
 * policy_stack: 1              # format version
 * baseline: {policy document}
 * layers:                      # bottom first
 *   - name: pypi
 *     source: built-in         # resolved by name from the catalog when read
 *   - name: my-api
 *     source: custom
 *     source_path: /abs/my-api.yaml   # optional
 *     preset: {preset document}       # full content
 * </pre>
 * JSON has the same tree. Reading is lenient for the embedded documents (unknown keys kept).
 */
final class PolicyStackCodec {

  /** The stack document format this codec writes and reads. */
  static final int FORMAT = 1;

  private static final String BUILT_IN = "built-in";
  private static final String CUSTOM = "custom";
  private static final YAMLMapper MAPPER =
      YAMLMapper.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
  private static final PolicyReader READER = PolicyReader.of(ReadMode.LENIENT);

  private PolicyStackCodec() {}

  static String write(PolicyStack stack, boolean json) {
    Map<String, Object> tree = new LinkedHashMap<>();
    tree.put("policy_stack", FORMAT);
    tree.put("baseline", PolicyWriter.toTree(stack.baseline()));
    List<Object> layers = new ArrayList<>();
    for (StackLayer l : stack.layers()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("name", l.name());
      if (l.source() == StackLayer.Source.BUILT_IN) {
        m.put("source", BUILT_IN);
      } else {
        m.put("source", CUSTOM);
        l.sourcePath().ifPresent(p -> m.put("source_path", p));
        m.put("preset", PolicyWriter.toTree(l.preset()));
      }
      layers.add(m);
    }
    tree.put("layers", layers);
    return json ? PolicyWriter.json(tree, true) : PolicyWriter.yaml(tree);
  }

  static PolicyStack read(String text, PresetCatalog catalog) throws PresetLayerException {
    JsonNode root;
    try {
      root = MAPPER.readTree(text);
    } catch (JacksonException e) {
      throw fail("/", "the stack document is not valid YAML or JSON: " + e.getOriginalMessage());
    }
    if (root == null || !root.isObject()) {
      throw fail("", "the stack document must be a mapping");
    }
    JsonNode format = root.get("policy_stack");
    if (format == null || !format.isIntegralNumber() || format.asInt() != FORMAT) {
      throw fail("/policy_stack", "policy_stack must be " + FORMAT);
    }
    JsonNode baselineNode = root.get("baseline");
    if (baselineNode == null || !baselineNode.isObject()) {
      throw fail("/baseline", "baseline must be a policy mapping");
    }
    Policy baseline = embedded(READER.readPolicy(baselineNode.toString(), DocumentFormat.JSON), "/baseline");
    JsonNode layersNode = root.path("layers");
    if (!layersNode.isMissingNode() && !layersNode.isArray()) {
      throw fail("/layers", "layers must be a list");
    }
    List<StackLayer> layers = new ArrayList<>();
    int i = 0;
    for (JsonNode l : layersNode.values()) {
      String at = "/layers/" + i++;
      String name = l.path("name").isString() ? l.path("name").asString() : null;
      String source = l.path("source").isString() ? l.path("source").asString() : "";
      if (name == null) {
        throw fail(at + "/name", "a layer needs a name");
      }
      if (source.equals(BUILT_IN)) {
        layers.add(StackLayer.builtIn(catalog.require(name)));
      } else if (source.equals(CUSTOM)) {
        JsonNode presetNode = l.get("preset");
        if (presetNode == null || !presetNode.isObject()) {
          throw fail(at + "/preset", "a custom layer needs its preset content");
        }
        Preset p = embedded(READER.readPreset(presetNode.toString(), DocumentFormat.JSON), at + "/preset");
        if (!p.name().equals(name)) {
          throw fail(at + "/name", "layer name '" + name + "' differs from its preset name '" + p.name() + "'");
        }
        String path = l.path("source_path").isString() ? l.path("source_path").asString() : null;
        layers.add(StackLayer.custom(p, path));
      } else {
        throw fail(at + "/source", "source must be '" + BUILT_IN + "' or '" + CUSTOM + "'");
      }
    }
    return PolicyStack.of(baseline, layers);
  }

  private static <T> T embedded(ReadResult<T> r, String at) throws PresetLayerException {
    List<Problem> errors = r.problems().stream().filter(Problem::isError).toList();
    if (r.value().isEmpty() || !errors.isEmpty()) {
      List<Problem> located = errors.stream()
          .map(p -> new Problem(p.severity(), p.code(), at + p.pointer(), 0, 0, p.message()))
          .toList();
      throw PresetLayerException.withProblems(PresetLayerError.STACK_UNREADABLE,
          "The stack document has an unreadable document at " + at
              + (located.isEmpty() ? "" : ": " + located.get(0).message()), located);
    }
    return r.value().get();
  }

  private static PresetLayerException fail(String pointer, String message) {
    return PresetLayerException.of(PresetLayerError.STACK_UNREADABLE, SourceLocation.ofPointer(pointer),
        "The stack document cannot be read: " + message);
  }
}
