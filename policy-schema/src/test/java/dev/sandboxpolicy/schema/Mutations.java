package dev.sandboxpolicy.schema;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Seeded one-step mutations of a plain document tree (maps, lists, scalars) for differential tests: delete a key,
 * replace a value, add a key, empty or repeat a list. The values come from a pool that hits the enumerations,
 * ranges and shapes the schemas care about.
 */
final class Mutations {

  private Mutations() {}

  private static final List<Object> VALUES = List.of(
      "", "full", "read-only", "rest", "websocket", "json-rpc", "mcp", "graphql", "tcp", "GET", "POST", "DELETE",
      "WEBSOCKET_TEXT", "*", "tools/call", "tools/*", "tools/list", "eth_*", "eth_call", "/x", "x", "terminate",
      "skip", "audit", "enforce", "strict", "best_effort", "hard_requirement", "1.2.3", "v1", "25%", "8Gi",
      0L, 1L, 443L, 70000L, 1048576L, 2097152L, -1L, 1.5, true, false,
      Map.of("any", List.of("a", "b")), Map.of("any", List.of("a*")), Map.of(), List.of(), List.of("a"));

  private static final List<Map.Entry<String, Object>> KEYS = List.of(
      Map.entry("access", "full"), Map.entry("rules", List.of()), Map.entry("protocol", "mcp"),
      Map.entry("protocol", "json-rpc"), Map.entry("protocol", "websocket"), Map.entry("tool", "search"),
      Map.entry("params", Map.of("name", "x")), Map.entry("path", "/p"), Map.entry("query", Map.of("a", "b")),
      Map.entry("ports", List.of(443L)), Map.entry("allowed_ips", List.of("10.0.0.1")),
      Map.entry("binaries", List.of()), Map.entry("mcp", Map.of("strict_tool_names", false)),
      Map.entry("mcp", Map.of("allow_all_known_mcp_methods", true)),
      Map.entry("json_rpc", Map.of("max_body_bytes", 5L)), Map.entry("method", "tools/call"),
      Map.entry("deny_rules", List.of(Map.of("method", "GET", "path", "/"))), Map.entry("extra", 1L),
      Map.entry("name", "n"), Map.entry("enforcement", "audit"), Map.entry("tls", "passthrough"));

  /** A deep copy of {@code tree} with one random change. */
  static Object mutate(Object tree, Random random) {
    Object copy = copy(tree);
    List<Object> containers = new ArrayList<>();
    collect(copy, containers);
    Object target = containers.get(random.nextInt(containers.size()));
    if (target instanceof Map<?, ?> raw) {
      @SuppressWarnings("unchecked")
      Map<String, Object> m = (Map<String, Object>) raw;
      List<String> keys = new ArrayList<>(m.keySet());
      int op = random.nextInt(3);
      if (op == 0 && !keys.isEmpty()) {
        m.remove(keys.get(random.nextInt(keys.size())));
      } else if (op == 1 && !keys.isEmpty()) {
        m.put(keys.get(random.nextInt(keys.size())), copy(VALUES.get(random.nextInt(VALUES.size()))));
      } else {
        Map.Entry<String, Object> e = KEYS.get(random.nextInt(KEYS.size()));
        m.put(e.getKey(), copy(e.getValue()));
      }
    } else {
      @SuppressWarnings("unchecked")
      List<Object> l = (List<Object>) target;
      int op = random.nextInt(3);
      if (op == 0 || l.isEmpty()) {
        l.clear();
      } else if (op == 1) {
        l.add(copy(l.get(random.nextInt(l.size()))));
      } else {
        l.set(random.nextInt(l.size()), copy(VALUES.get(random.nextInt(VALUES.size()))));
      }
    }
    return copy;
  }

  private static void collect(Object node, List<Object> out) {
    if (node instanceof Map<?, ?> m) {
      out.add(m);
      m.values().forEach(v -> collect(v, out));
    } else if (node instanceof List<?> l) {
      out.add(l);
      l.forEach(v -> collect(v, out));
    }
  }

  private static Object copy(Object node) {
    if (node instanceof Map<?, ?> m) {
      Map<String, Object> c = new LinkedHashMap<>();
      m.forEach((k, v) -> c.put(String.valueOf(k), copy(v)));
      return c;
    }
    if (node instanceof List<?> l) {
      List<Object> c = new ArrayList<>();
      l.forEach(v -> c.add(copy(v)));
      return c;
    }
    return node;
  }
}
