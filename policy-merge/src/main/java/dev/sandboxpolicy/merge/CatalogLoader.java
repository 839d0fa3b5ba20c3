package dev.sandboxpolicy.merge;

import dev.sandboxpolicy.model.Policy;
import dev.sandboxpolicy.model.Preset;
import dev.sandboxpolicy.model.TierCatalog;
import dev.sandboxpolicy.model.io.PolicyReadException;
import dev.sandboxpolicy.model.io.PolicyReader;
import dev.sandboxpolicy.model.io.ReadMode;
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
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

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
    JsonNode index = YAMLMapper.builder().build().readTree(resource("catalog.yaml"));
    if (index.path("catalog_format").asInt(0) != CATALOG_FORMAT) {
      throw new IllegalStateException("catalog.yaml: unsupported catalog_format");
    }
    Map<String, AgentProfile> agents = new LinkedHashMap<>();
    for (JsonNode a : index.path("agents").values()) {
      String id = a.path("id").asString();
      Map<String, dev.sandboxpolicy.model.NetworkPolicy> entries = Map.of();
      if (a.hasNonNull("entries")) {
        entries = read(reader, a.path("entries").asString(), Kind.POLICY, Policy.class).networkPolicies();
      }
      agents.put(id, new AgentProfile(id, a.path("display_name").asString(), a.path("messaging").asBoolean(false),
          entries));
    }
    List<CatalogEntry> entries = new ArrayList<>();
    Set<String> names = new LinkedHashSet<>();
    for (JsonNode c : index.path("central").values()) {
      String name = c.path("name").asString();
      Preset p = read(reader, c.path("document").asString(), Kind.PRESET, Preset.class);
      requireName(name, p);
      entries.add(new CatalogEntry(name, false, p, Map.of(), strings(c.path("picker_agents"))));
      names.add(name);
    }
    for (JsonNode m : index.path("messaging").values()) {
      String name = m.path("name").asString();
      Map<String, Preset> byAgent = new LinkedHashMap<>();
      for (Map.Entry<String, JsonNode> d : m.path("documents").properties()) {
        Preset p = read(reader, d.getValue().asString(), Kind.PRESET, Preset.class);
        requireName(name, p);
        byAgent.put(d.getKey(), p);
      }
      entries.add(new CatalogEntry(name, true, null, Map.copyOf(byAgent), strings(m.path("picker_agents"))));
      names.add(name);
    }
    TierCatalog tiers = read(reader, index.path("tiers").asString(), Kind.TIERS, TierCatalog.class);
    return PresetCatalog.root(new CatalogData(List.copyOf(entries), Map.copyOf(agents), tiers, Set.copyOf(names)));
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

  private static List<String> strings(JsonNode array) {
    List<String> out = new ArrayList<>();
    for (JsonNode n : array.values()) {
      out.add(n.asString());
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
