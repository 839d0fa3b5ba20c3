package dev.sandboxpolicy.merge;

import dev.sandboxpolicy.io.DocumentFormat;
import dev.sandboxpolicy.io.PolicyReadException;
import dev.sandboxpolicy.io.PolicyReader;
import dev.sandboxpolicy.io.ReadMode;
import dev.sandboxpolicy.io.ReadResult;
import dev.sandboxpolicy.model.Policy;
import dev.sandboxpolicy.model.Preset;
import dev.sandboxpolicy.model.TierCatalog;
import dev.sandboxpolicy.model.internal.Names;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Loads the catalog bundled under {@code /dev/sandboxpolicy/merge/}: the index {@code catalog.yaml}, the preset
 * documents it names, the agents' entries and the tiers. The bundled data is part of the library, so a broken
 * resource is a bug and fails loudly ({@link IllegalStateException}); the tests load it.
 */
final class CatalogLoader {

  /** Where the catalog resources live. */
  static final String RESOURCE_ROOT = "/dev/sandboxpolicy/merge/";

  /** The index format this loader understands. */
  static final int CATALOG_FORMAT = 1;

  private CatalogLoader() {}

  static PresetCatalog loadBuiltIn() {
    PolicyReader reader = PolicyReader.of(ReadMode.STRICT);
    Map<String, Object> index = index(reader);
    if (!(index.get("catalog_format") instanceof Long format) || format != CATALOG_FORMAT) {
      throw new IllegalStateException("catalog.yaml: unsupported catalog_format");
    }
    Map<String, AgentProfile> agents = new LinkedHashMap<>();
    for (Object a : list(index.get("agents"))) {
      String id = string(a, "id");
      Map<String, dev.sandboxpolicy.model.NetworkPolicy> entries = Map.of();
      if (PlainTree.child(a, "entries") != null) {
        entries = read(reader, string(a, "entries"), Kind.POLICY, Policy.class).networkPolicies();
      }
      agents.put(id, new AgentProfile(id, string(a, "display_name"),
          Boolean.TRUE.equals(PlainTree.child(a, "messaging")), entries));
    }
    List<CatalogEntry> entries = new ArrayList<>();
    Set<String> names = new LinkedHashSet<>();
    for (Object c : list(index.get("central"))) {
      String name = string(c, "name");
      Preset p = read(reader, string(c, "document"), Kind.PRESET, Preset.class);
      requireName(name, p);
      entries.add(new CatalogEntry(name, false, p, Map.of(), strings(PlainTree.child(c, "picker_agents"))));
      names.add(name);
    }
    for (Object m : list(index.get("messaging"))) {
      String name = string(m, "name");
      Map<String, Preset> byAgent = new LinkedHashMap<>();
      Map<String, Object> documents = PlainTree.mapping(PlainTree.child(m, "documents")).orElse(Map.of());
      for (Map.Entry<String, Object> d : documents.entrySet()) {
        Preset p = read(reader, string(documents, d.getKey()), Kind.PRESET, Preset.class);
        requireName(name, p);
        byAgent.put(d.getKey(), p);
      }
      entries.add(
          new CatalogEntry(name, true, null, Map.copyOf(byAgent), strings(PlainTree.child(m, "picker_agents"))));
      names.add(name);
    }
    if (!names.equals(Names.BUILT_IN_PRESET_NAMES)) {
      // The value rules know the built-in names without this catalog (they sit below it): one list, checked here.
      throw new IllegalStateException("catalog.yaml: the preset names " + names
          + " are not the built-in names of Names.BUILT_IN_PRESET_NAMES " + Names.BUILT_IN_PRESET_NAMES);
    }
    TierCatalog tiers = read(reader, string(index, "tiers"), Kind.TIERS, TierCatalog.class);
    return PresetCatalog.root(new CatalogData(List.copyOf(entries), Map.copyOf(agents), tiers, Set.copyOf(names)));
  }

  /** The index {@code catalog.yaml}, read by the same reader as every other document. */
  private static Map<String, Object> index(PolicyReader reader) {
    ReadResult<Object> read = reader.readTree(resource("catalog.yaml"), DocumentFormat.YAML);
    if (read.hasErrors()) {
      throw new IllegalStateException("bundled catalog index catalog.yaml is invalid: " + read.problems());
    }
    return read.value().flatMap(PlainTree::mapping)
        .orElseThrow(() -> new IllegalStateException("bundled catalog index catalog.yaml is not a mapping"));
  }

  /** The string at {@code key} of an index mapping; a missing one is a bug in the bundled data. */
  private static String string(Object record, String key) {
    return PlainTree.string(PlainTree.child(record, key))
        .orElseThrow(() -> new IllegalStateException("catalog.yaml: no string at '" + key + "' in " + record));
  }

  private static List<Object> list(Object node) {
    return PlainTree.sequence(node).orElse(List.of());
  }

  private enum Kind { POLICY, PRESET, TIERS }

  private static <T> T read(PolicyReader reader, String path, Kind kind, Class<T> type) {
    String text = resource(path);
    try {
      Object value = switch (kind) {
        case POLICY -> reader.readPolicy(text).orElseThrow();
        case PRESET -> reader.readPreset(text).orElseThrow();
        case TIERS -> reader.readTiers(text).orElseThrow();
      };
      return type.cast(value);
    } catch (PolicyReadException e) {
      throw new IllegalStateException("bundled catalog resource " + path + " is invalid: " + e.problems(), e);
    }
  }

  private static void requireName(String name, Preset p) {
    if (!p.name().equals(name)) {
      throw new IllegalStateException("catalog.yaml names '" + name + "' but the document says '" + p.name() + "'");
    }
  }

  private static List<String> strings(Object sequence) {
    List<String> out = new ArrayList<>();
    for (Object n : list(sequence)) {
      out.add(PlainTree.string(n)
          .orElseThrow(() -> new IllegalStateException("catalog.yaml: picker_agents holds a non-string " + n)));
    }
    return List.copyOf(out);
  }

  static String resource(String path) {
    try (InputStream in = CatalogLoader.class.getResourceAsStream(RESOURCE_ROOT + path)) {
      if (in == null) {
        throw new IllegalStateException("missing bundled catalog resource " + RESOURCE_ROOT + path);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
