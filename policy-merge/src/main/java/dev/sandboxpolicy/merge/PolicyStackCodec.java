package dev.sandboxpolicy.merge;

import dev.sandboxpolicy.io.DocumentFormat;
import dev.sandboxpolicy.io.PolicyReader;
import dev.sandboxpolicy.io.PolicyWriter;
import dev.sandboxpolicy.io.ReadMode;
import dev.sandboxpolicy.io.ReadResult;
import dev.sandboxpolicy.model.Policy;
import dev.sandboxpolicy.model.Preset;
import dev.sandboxpolicy.model.Problem;
import dev.sandboxpolicy.model.SourceLocation;
import dev.sandboxpolicy.model.SourceMap;
import dev.sandboxpolicy.rules.PresetOrigin;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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
 *
 * <p>The document is read by the model's reader ({@link PolicyReader#readTree}), with its limits and checks: an
 * alias bomb, a document over the size limit, over-deep nesting or a duplicate key is refused as
 * {@code stack_unreadable} carrying the reader's problem (code, pointer, line, column). Problems of an embedded
 * document are reported at their pointer and position in the stack document.
 */
final class PolicyStackCodec {

  /** The stack document format this codec writes and reads. */
  static final int FORMAT = 1;

  private static final String BUILT_IN = "built-in";
  private static final String CUSTOM = "custom";
  private static final PolicyReader READER = PolicyReader.of(ReadMode.STRICT);

  private PolicyStackCodec() {}

  static String write(PolicyStack stack, boolean json) {
    Map<String, Object> tree = new LinkedHashMap<>();
    tree.put("policy_stack", FORMAT);
    tree.put("baseline", PolicyWriter.toTree(stack.baseline()));
    List<Object> layers = new ArrayList<>();
    for (StackLayer l : stack.layers()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("name", l.name());
      if (l.source() == PresetOrigin.BUILT_IN) {
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
    ReadResult<Object> read = READER.readTree(text, DocumentFormat.YAML);
    List<Problem> syntax = errors(read);
    if (!syntax.isEmpty()) {
      throw PresetLayerException.withProblems(PresetLayerError.STACK_UNREADABLE,
          "The stack document cannot be read: it is not valid YAML or JSON: " + syntax.get(0).message(), syntax);
    }
    SourceMap map = read.sourceMap();
    Map<String, Object> root = read.value().flatMap(PlainTree::mapping)
        .orElseThrow(() -> fail(map, "", "the stack document must be a mapping"));
    if (!(root.get("policy_stack") instanceof Long format) || format != FORMAT) {
      throw fail(map, "/policy_stack", "policy_stack must be " + FORMAT);
    }
    Map<String, Object> baselineTree = PlainTree.mapping(root.get("baseline"))
        .orElseThrow(() -> fail(map, "/baseline", "baseline must be a policy mapping"));
    Policy baseline = embedded(READER.readPolicy(PolicyWriter.json(baselineTree, false), DocumentFormat.JSON),
        "/baseline", map);
    if (root.containsKey("layers") && PlainTree.sequence(root.get("layers")).isEmpty()) {
      throw fail(map, "/layers", "layers must be a list");
    }
    List<StackLayer> layers = new ArrayList<>();
    int i = 0;
    for (Object l : PlainTree.sequence(root.get("layers")).orElse(List.of())) {
      String at = "/layers/" + i++;
      String name = PlainTree.string(PlainTree.child(l, "name")).orElse(null);
      String source = PlainTree.string(PlainTree.child(l, "source")).orElse("");
      if (name == null) {
        throw fail(map, at + "/name", "a layer needs a name");
      }
      if (source.equals(BUILT_IN)) {
        layers.add(StackLayer.builtIn(catalog.require(name)));
      } else if (source.equals(CUSTOM)) {
        Map<String, Object> presetTree = PlainTree.mapping(PlainTree.child(l, "preset"))
            .orElseThrow(() -> fail(map, at + "/preset", "a custom layer needs its preset content"));
        Preset p = embedded(READER.readPreset(PolicyWriter.json(presetTree, false), DocumentFormat.JSON),
            at + "/preset", map);
        if (!p.name().equals(name)) {
          throw fail(map, at + "/name", "layer name '" + name + "' differs from its preset name '" + p.name() + "'");
        }
        String path = PlainTree.string(PlainTree.child(l, "source_path")).orElse(null);
        layers.add(StackLayer.custom(p, path));
      } else {
        throw fail(map, at + "/source", "source must be '" + BUILT_IN + "' or '" + CUSTOM + "'");
      }
    }
    return PolicyStack.of(baseline, layers);
  }

  private static List<Problem> errors(ReadResult<?> r) {
    return r.problems().stream().filter(Problem::isError).toList();
  }

  /**
   * The value of an embedded document, read from its re-serialized subtree; its problems are moved to
   * {@code at} in the stack document (pointer, line and column there).
   */
  private static <T> T embedded(ReadResult<T> r, String at, SourceMap map) throws PresetLayerException {
    List<Problem> errors = errors(r);
    if (r.value().isEmpty() || !errors.isEmpty()) {
      List<Problem> located = errors.stream()
          .map(p -> p.at(map.nearest(at + p.pointer())))
          .toList();
      throw PresetLayerException.withProblems(PresetLayerError.STACK_UNREADABLE,
          "The stack document has an unreadable document at " + at
              + (located.isEmpty() ? "" : ": " + located.get(0).message()), located);
    }
    return r.value().get();
  }

  private static PresetLayerException fail(SourceMap map, String pointer, String message) {
    return PresetLayerException.of(PresetLayerError.STACK_UNREADABLE, map.nearest(pointer),
        "The stack document cannot be read: " + message);
  }
}
