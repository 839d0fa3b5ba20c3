package dev.sandboxpolicy.testkit;

import static dev.sandboxpolicy.testkit.Vocabulary.pick;

import dev.sandboxpolicy.io.PolicyWriter;
import dev.sandboxpolicy.model.JsonPointer;
import dev.sandboxpolicy.model.Policy;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.random.RandomGenerator;

/**
 * Makes mutated documents from valid ones, for robustness and fuzz tests.
 *
 * <p>Two families of mutation:
 *
 * <ul>
 *   <li><b>Structural</b> ({@link #structural(Map)}, {@link #invalidPolicies()}): edit the document's tree — put a
 *       value of the wrong type where a type is expected, add an unknown key to an object, remove
 *       {@code version}, set a port out of range, empty a list that must not be empty, give {@code mcp.versions} a
 *       value upstream refuses, put a trailing dot on a {@code tcp} endpoint's host — and write it back. Each
 *       mutant says whether a strict read or the semantic validation must reject it
 *       ({@link Mutant.Expectation}).
 *   <li><b>Textual</b> ({@link #textual(String)}): blind edits of the text — delete, duplicate or swap lines,
 *       re-indent, insert YAML indicator characters, tabs, NULs, CRs, a BOM, aliases, huge numbers, truncate.
 *       These may or may not leave a valid document ({@link Mutant.Expectation#VALID_OR_REJECTED}); a reader
 *       must never crash on them.
 * </ul>
 *
 * <p>The {@code size} of the generators is the number of stacked mutations (at least one). All randomness comes
 * from the generator passed in.
 */
public final class DocumentMutator {

  /** Keys under which any key is a user-chosen name rather than a field of the language. */
  private static final Set<String> NAME_KEYED_MAPS =
      Set.of("network_policies", "network_middlewares", "query", "params", "graphql_persisted_queries");

  /** Objects whose contents are free-form (middleware {@code config}, blueprint components): never mutated. */
  private static final Set<String> FREE_FORM = Set.of("config", "components");

  /**
   * {@code mcp.versions} values the validator must refuse (upstream changes 2026-09 item 1): empty, a duplicate, an
   * unknown date, the moving names upstream refuses, surrounding whitespace.
   */
  private static final List<List<String>> INVALID_MCP_VERSIONS = List.of(
      List.of(), List.of("2025-11-25", "2025-11-25"), List.of("2099-01-01"), List.of("latest"), List.of("draft"),
      List.of(" 2025-11-25"));

  private static final List<String> INDICATORS =
      List.of(":", "-", "[", "]", "{", "}", ",", "#", "&a ", "*a", "!", "|", ">", "'", "\"", "%", "@", "`", "? ");

  private static final List<String> HOSTILE_FRAGMENTS =
      List.of("\t", "\u0000", "\r", "\uFEFF", "\u2028", "\u0085", "\\", "\uD83D\uDE00", "~", "null", "!!binary ",
          "99999999999999999999999", "-1", "0x10", "1e400", ".nan", "<<: *a", "&a [*a, *a]", "---\n", "...\n");

  private DocumentMutator() {}

  /**
   * Mutants of valid generated policies that a strict read or validation must reject: {@code size} (at least
   * one) structural mutations applied to a policy from {@link PolicyGenerator#defaults()}.
   */
  public static Generator<Mutant> invalidPolicies() {
    return (random, size) -> {
      Policy policy = PolicyGenerator.defaults().policy(random, 1 + random.nextInt(3));
      Map<String, Object> tree = PolicyWriter.toTree(policy);
      return structural(tree).generate(random, size);
    };
  }

  /**
   * Structural mutants of a document tree (a {@code Map}/{@code List}/scalar tree such as
   * {@link PolicyWriter#toTree(Policy)} returns); the tree itself is not modified. The expectation is the
   * strongest over the applied mutations.
   */
  public static Generator<Mutant> structural(Map<String, Object> tree) {
    return (random, size) -> {
      Object copy = deepCopy(tree);
      List<String> done = new ArrayList<>();
      List<String> touched = new ArrayList<>();
      Mutant.Expectation expectation = Mutant.Expectation.VALID_OR_REJECTED;
      int count = Math.max(1, 1 + (size == 0 ? 0 : random.nextInt(Math.min(size, 5))));
      for (int i = 0; i < count; i++) {
        Applied applied = mutateTree(random, copy, touched);
        done.add(applied.operator);
        expectation = stronger(expectation, applied.expectation);
      }
      return new Mutant(PolicyWriter.yaml(copy), String.join("; ", done), expectation);
    };
  }

  /** Textual mutants of {@code text}: {@code size} (at least one) blind edits. */
  public static Generator<Mutant> textual(String text) {
    return (random, size) -> {
      String current = text;
      List<String> done = new ArrayList<>();
      int count = Math.max(1, 1 + (size == 0 ? 0 : random.nextInt(Math.min(size, 5))));
      for (int i = 0; i < count; i++) {
        String[] result = mutateText(random, current);
        current = result[0];
        done.add(result[1]);
      }
      return new Mutant(current, String.join("; ", done), Mutant.Expectation.VALID_OR_REJECTED);
    };
  }

  private static Mutant.Expectation stronger(Mutant.Expectation a, Mutant.Expectation b) {
    if (a == Mutant.Expectation.READ_ERROR || b == Mutant.Expectation.READ_ERROR) {
      return Mutant.Expectation.READ_ERROR;
    }
    if (a == Mutant.Expectation.VALIDATION_ERROR || b == Mutant.Expectation.VALIDATION_ERROR) {
      return Mutant.Expectation.VALIDATION_ERROR;
    }
    return Mutant.Expectation.VALID_OR_REJECTED;
  }

  private record Applied(String operator, Mutant.Expectation expectation) {}

  /** Whether {@code pointer} is at, above or below a pointer an earlier mutation changed (so it is left alone). */
  private static boolean overlaps(String pointer, List<String> touched) {
    for (String t : touched) {
      if (pointer.equals(t) || pointer.startsWith(t + "/") || t.startsWith(pointer + "/")) {
        return true;
      }
    }
    return false;
  }

  /** A reference to one value inside the tree: its parent container and key or index. */
  private record Slot(Object parent, Object key, String pointer, boolean fieldOfObject, boolean inNameKeyedMap) {
    Object get() {
      return parent instanceof Map<?, ?> m ? m.get(key) : ((List<?>) parent).get((Integer) key);
    }

    @SuppressWarnings("unchecked")
    void set(Object value) {
      if (parent instanceof Map<?, ?> m) {
        ((Map<Object, Object>) m).put(key, value);
      } else {
        ((List<Object>) parent).set((Integer) key, value);
      }
    }
  }

  private static Applied mutateTree(RandomGenerator random, Object root, List<String> touched) {
    List<Slot> all = new ArrayList<>();
    List<Slot> allObjects = new ArrayList<>();
    collect(root, "", false, all, allObjects);
    List<Slot> slots = all.stream().filter(s -> !overlaps(s.pointer, touched)).toList();
    List<Slot> objects = allObjects.stream().filter(s -> !overlaps(s.pointer, touched)).toList();
    int op = random.nextInt(9);
    if (op == 0 && root instanceof Map<?, ?> top && top.containsKey("version")) {
      ((Map<?, ?>) top).remove("version");
      touched.add("/version");
      return new Applied("remove /version", Mutant.Expectation.READ_ERROR);
    }
    if (op == 1) {
      List<Slot> ports = slots.stream().filter(s -> s.pointer.endsWith("/port") || s.pointer.matches(".*/ports/\\d+")).toList();
      if (!ports.isEmpty()) {
        Slot s = pick(random, ports);
        long bad = pick(random, List.of(-1L, 65536L, 70000L, -65535L, 4294967296L, Long.MAX_VALUE));
        s.set(bad);
        touched.add(s.pointer);
        return new Applied("port " + bad + " at " + s.pointer, Mutant.Expectation.READ_ERROR);
      }
    }
    if (op == 2) {
      List<Slot> rules = slots.stream().filter(s -> s.pointer.endsWith("/rules") || s.pointer.endsWith("/deny_rules")).toList();
      if (!rules.isEmpty()) {
        Slot s = pick(random, rules);
        s.set(new ArrayList<>());
        touched.add(s.pointer);
        return new Applied("empty list at " + s.pointer, Mutant.Expectation.VALIDATION_ERROR);
      }
    }
    if ((op == 3 || op == 4) && !objects.isEmpty()) {
      Slot s = pick(random, objects);
      @SuppressWarnings("unchecked")
      Map<Object, Object> map = (Map<Object, Object>) s.get();
      String key = "x_unknown_" + random.nextInt(1000);
      map.put(key, 7L);
      touched.add(JsonPointer.key(s.pointer, key));
      return new Applied("unknown key " + JsonPointer.key(s.pointer, key), Mutant.Expectation.READ_ERROR);
    }
    if (op == 5) {
      List<Slot> versions = slots.stream().filter(s -> s.pointer.endsWith("/mcp/versions")).toList();
      if (!versions.isEmpty()) {
        Slot s = pick(random, versions);
        List<String> bad = pick(random, INVALID_MCP_VERSIONS);
        s.set(new ArrayList<Object>(bad));
        touched.add(s.pointer);
        return new Applied("mcp.versions " + bad + " at " + s.pointer, Mutant.Expectation.VALIDATION_ERROR);
      }
    }
    if (op == 6) {
      // Upstream strips one trailing dot from request hosts, but a tcp endpoint's host with one stays invalid.
      List<Slot> tcpHosts = objects.stream()
          .filter(s -> s.get() instanceof Map<?, ?> m && "tcp".equals(m.get("protocol"))
              && m.get("host") instanceof String h && !h.isEmpty() && !h.endsWith("."))
          .toList();
      if (!tcpHosts.isEmpty()) {
        Slot s = pick(random, tcpHosts);
        @SuppressWarnings("unchecked")
        Map<Object, Object> endpoint = (Map<Object, Object>) s.get();
        endpoint.put("host", endpoint.get("host") + ".");
        touched.add(JsonPointer.key(s.pointer, "host"));
        return new Applied("trailing dot on the tcp host at " + s.pointer, Mutant.Expectation.VALIDATION_ERROR);
      }
    }
    List<Slot> typed = slots.stream().filter(s -> s.fieldOfObject || !s.inNameKeyedMap).toList();
    if (typed.isEmpty()) {
      return new Applied("no-op (nothing to mutate)", Mutant.Expectation.VALID_OR_REJECTED);
    }
    Slot s = pick(random, typed);
    Object replacement = wrongType(random, s.get());
    s.set(replacement);
    touched.add(s.pointer);
    return new Applied("wrong_type " + s.pointer + " := " + describe(replacement), Mutant.Expectation.READ_ERROR);
  }

  private static Object wrongType(RandomGenerator random, Object original) {
    if (original instanceof String) {
      return random.nextBoolean() ? (Object) 12345L : new ArrayList<>(List.of("x"));
    }
    if (original instanceof Number) {
      return random.nextBoolean() ? "not-a-number" : new ArrayList<>(List.of(1L));
    }
    if (original instanceof Boolean) {
      return random.nextBoolean() ? "maybe" : 1L;
    }
    if (original instanceof List<?>) {
      return random.nextBoolean() ? "x" : new LinkedHashMap<>(Map.of("k", "v"));
    }
    if (original instanceof Map<?, ?>) {
      return random.nextBoolean() ? new ArrayList<>(List.of(1L)) : 42L;
    }
    return new ArrayList<>(List.of(new ArrayList<>()));
  }

  private static String describe(Object value) {
    return value instanceof String s ? "\"" + s + "\"" : String.valueOf(value);
  }

  private static void collect(Object node, String pointer, boolean nameKeyed, List<Slot> slots, List<Slot> objects) {
    if (node instanceof Map<?, ?> map) {
      for (Map.Entry<?, ?> e : map.entrySet()) {
        String key = String.valueOf(e.getKey());
        if (FREE_FORM.contains(key)) {
          continue;
        }
        String child = JsonPointer.key(pointer, key);
        Slot slot = new Slot(map, e.getKey(), child, !nameKeyed, nameKeyed);
        // Matcher positions accept both a string and an object: only mutate them into other kinds.
        boolean matcherPosition = pointer.endsWith("/query") || pointer.endsWith("/params") || key.equals("tool");
        if (!matcherPosition) {
          slots.add(slot);
        }
        Object value = e.getValue();
        if (value instanceof Map<?, ?> && !NAME_KEYED_MAPS.contains(key) && !matcherPosition) {
          objects.add(slot);
        }
        collect(value, child, NAME_KEYED_MAPS.contains(key), slots, objects);
      }
    } else if (node instanceof List<?> list) {
      for (int i = 0; i < list.size(); i++) {
        String child = JsonPointer.index(pointer, i);
        Object value = list.get(i);
        slots.add(new Slot(list, i, child, true, false));
        if (value instanceof Map<?, ?>) {
          objects.add(new Slot(list, i, child, true, false));
        }
        collect(value, child, false, slots, objects);
      }
    }
  }

  private static Object deepCopy(Object node) {
    if (node instanceof Map<?, ?> map) {
      Map<Object, Object> copy = new LinkedHashMap<>();
      map.forEach((k, v) -> copy.put(k, deepCopy(v)));
      return copy;
    }
    if (node instanceof List<?> list) {
      List<Object> copy = new ArrayList<>();
      list.forEach(v -> copy.add(deepCopy(v)));
      return copy;
    }
    return node;
  }

  private static String[] mutateText(RandomGenerator random, String text) {
    List<String> lines = new ArrayList<>(List.of(text.split("\n", -1)));
    int line = random.nextInt(lines.size());
    int pos = text.isEmpty() ? 0 : random.nextInt(text.length() + 1);
    switch (random.nextInt(10)) {
      case 0:
        lines.remove(line);
        return new String[] {String.join("\n", lines), "delete line " + (line + 1)};
      case 1:
        lines.add(line, lines.get(line));
        return new String[] {String.join("\n", lines), "duplicate line " + (line + 1)};
      case 2: {
        int other = random.nextInt(lines.size());
        String a = lines.get(line);
        lines.set(line, lines.get(other));
        lines.set(other, a);
        return new String[] {String.join("\n", lines), "swap lines " + (line + 1) + " and " + (other + 1)};
      }
      case 3: {
        String l = lines.get(line);
        lines.set(line, random.nextBoolean() ? " " + l : l.replaceFirst("^ ", ""));
        return new String[] {String.join("\n", lines), "re-indent line " + (line + 1)};
      }
      case 4: {
        String s = pick(random, INDICATORS);
        return new String[] {text.substring(0, pos) + s + text.substring(pos), "insert '" + s + "' at " + pos};
      }
      case 5: {
        String s = pick(random, HOSTILE_FRAGMENTS);
        return new String[] {text.substring(0, pos) + s + text.substring(pos), "insert " + escape(s) + " at " + pos};
      }
      case 6:
        return new String[] {text.substring(0, pos), "truncate at " + pos};
      case 7:
        if (pos < text.length()) {
          return new String[] {text.substring(0, pos) + text.substring(pos + 1), "delete char at " + pos};
        }
        return new String[] {text + "\n", "append newline"};
      case 8:
        return new String[] {text.replace("\n", "\r\n"), "CRLF line endings"};
      default: {
        String s = "\n" + lines.get(line).stripLeading();
        return new String[] {text + s, "append copy of line " + (line + 1) + " at top level"};
      }
    }
  }

  private static String escape(String s) {
    StringBuilder b = new StringBuilder("\"");
    for (char c : s.toCharArray()) {
      if (c < 0x20 || c >= 0x7f) {
        b.append(String.format("\\u%04x", (int) c));
      } else {
        b.append(c);
      }
    }
    return b.append('"').toString();
  }
}
