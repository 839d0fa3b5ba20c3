package dev.sandboxpolicy.io;

import dev.sandboxpolicy.model.Blueprint;
import dev.sandboxpolicy.model.NetworkPolicy;
import dev.sandboxpolicy.model.Policy;
import dev.sandboxpolicy.model.Preset;
import dev.sandboxpolicy.model.TierCatalog;
import dev.sandboxpolicy.model.ValueMatcher;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Turns model values into plain ordered trees ({@code Map}, {@code List}, scalars) in the document layout of
 * {@link DocumentLayout}: snake_case keys in the order of the language reference, defaults omitted, unknown keys
 * last. In canonical mode every map is sorted by key, a single port is written as {@code port}, and a
 * {@code {glob: x}} matcher is written as the plain string {@code x}.
 */
final class DocumentTree {

  private final boolean canonical;

  DocumentTree(boolean canonical) {
    this.canonical = canonical;
  }

  /** Whether this writes the canonical layout. */
  boolean canonical() {
    return canonical;
  }

  /** A new mapping: sorted by key in the canonical layout, in insertion order otherwise. */
  Map<String, Object> newMap() {
    return canonical ? new TreeMap<>() : new LinkedHashMap<>();
  }

  static void putString(Map<String, Object> m, String key, String value) {
    if (!value.isEmpty()) {
      m.put(key, value);
    }
  }

  static void putNonNull(Map<String, Object> m, String key, Object value) {
    if (value != null) {
      m.put(key, value);
    }
  }

  static void putTrue(Map<String, Object> m, String key, boolean value) {
    if (value) {
      m.put(key, Boolean.TRUE);
    }
  }

  static <T> void putOptional(Map<String, Object> m, String key, Optional<T> value) {
    if (value.isPresent()) {
      m.put(key, value.get());
    }
  }

  static void putList(Map<String, Object> m, String key, List<?> value) {
    if (!value.isEmpty()) {
      m.put(key, value);
    }
  }

  /** Adds the keys the model did not know, after the known ones (a known key is never overwritten). */
  void putUnknown(Map<String, Object> m, Map<String, Object> unknown) {
    for (Map.Entry<String, Object> e : unknown.entrySet()) {
      m.putIfAbsent(e.getKey(), canonical ? sortDeep(e.getValue()) : e.getValue());
    }
  }

  @SuppressWarnings("unchecked")
  static Object sortDeep(Object v) {
    if (v instanceof Map<?, ?> map) {
      Map<String, Object> out = new TreeMap<>();
      map.forEach((k, x) -> out.put((String) k, sortDeep(x)));
      return out;
    }
    if (v instanceof List<?> list) {
      List<Object> out = new ArrayList<>(list.size());
      for (Object x : list) {
        out.add(sortDeep(x));
      }
      return out;
    }
    return v;
  }

  Map<String, Object> policy(Policy p) {
    return DocumentLayout.POLICY.write(this, p);
  }

  Map<String, Object> preset(Preset p) {
    return DocumentLayout.PRESET.write(this, p);
  }

  Map<String, Object> tiers(TierCatalog c) {
    return DocumentLayout.TIER_CATALOG.write(this, c);
  }

  Map<String, Object> blueprint(Blueprint b) {
    return DocumentLayout.BLUEPRINT.write(this, b);
  }

  Map<String, Object> networkPolicy(NetworkPolicy np) {
    return DocumentLayout.NETWORK_POLICY.write(this, np);
  }

  /** Re-nests dotted MCP parameter keys ({@code a.b}) into nested maps, as upstream serialization does. */
  @SuppressWarnings("unchecked")
  Map<String, Object> nestParams(Map<String, ValueMatcher> params) {
    Map<String, Object> root = newMap();
    for (Map.Entry<String, ValueMatcher> e : params.entrySet()) {
      String[] parts = e.getKey().split("\\.", -1);
      Map<String, Object> cur = root;
      for (int i = 0; i < parts.length - 1; i++) {
        Object next = cur.get(parts[i]);
        if (!(next instanceof Map)) {
          next = newMap();
          cur.put(parts[i], next);
        }
        cur = (Map<String, Object>) next;
      }
      cur.put(parts[parts.length - 1], matcher(e.getValue()));
    }
    return root;
  }

  /** A matcher as written: a plain string, or an object ({@code {any: [...]}}, {@code {glob: ...}}). */
  Object matcher(ValueMatcher v) {
    if (!v.objectForm() || (canonical && v.any().isEmpty() && v.glob().isPresent())) {
      return v.glob().orElse("");
    }
    Map<String, Object> m = newMap();
    v.glob().ifPresent(g -> m.put("glob", g));
    if (!v.any().isEmpty() || v.glob().isEmpty()) {
      m.put("any", v.any());
    }
    return m;
  }
}
