package dev.sandboxpolicy.testkit;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

/** Test helpers over plain document trees (Map/List/scalars): walk, copy, and render as JSON with a duplicate key. */
public final class TreeText {

  private TreeText() {}

  /** Deep copy. */
  @SuppressWarnings("unchecked")
  public static <T> T copy(T node) {
    if (node instanceof Map<?, ?> map) {
      Map<Object, Object> c = new LinkedHashMap<>();
      map.forEach((k, v) -> c.put(k, copy(v)));
      return (T) c;
    }
    if (node instanceof List<?> list) {
      List<Object> c = new ArrayList<>();
      list.forEach(v -> c.add(copy(v)));
      return (T) c;
    }
    return node;
  }

  /** Visits every node with its RFC 6901 pointer (root = ""). */
  public static void walk(Object node, String pointer, BiConsumer<String, Object> visitor) {
    visitor.accept(pointer, node);
    if (node instanceof Map<?, ?> map) {
      map.forEach((k, v) -> walk(v, pointer + "/" + escape(String.valueOf(k)), visitor));
    } else if (node instanceof List<?> list) {
      for (int i = 0; i < list.size(); i++) {
        walk(list.get(i), pointer + "/" + i, visitor);
      }
    }
  }

  /** The node at {@code pointer}'s parent container and last token, for replacing it. */
  @SuppressWarnings("unchecked")
  public static void replace(Object root, String pointer, Object value) {
    int slash = pointer.lastIndexOf('/');
    Object parent = at(root, pointer.substring(0, slash));
    String last = unescape(pointer.substring(slash + 1));
    if (parent instanceof Map<?, ?> m) {
      ((Map<Object, Object>) m).put(last, value);
    } else {
      ((List<Object>) parent).set(Integer.parseInt(last), value);
    }
  }

  /** The node at {@code pointer}. */
  public static Object at(Object root, String pointer) {
    Object node = root;
    if (pointer.isEmpty()) {
      return node;
    }
    for (String raw : pointer.substring(1).split("/", -1)) {
      String token = unescape(raw);
      node = node instanceof Map<?, ?> m ? m.get(token) : ((List<?>) node).get(Integer.parseInt(token));
    }
    return node;
  }

  /** Renders {@code node} as JSON, writing the first key of the object at {@code duplicateAt} twice. */
  public static String jsonWithDuplicate(Object node, String duplicateAt) {
    StringBuilder out = new StringBuilder();
    render(node, "", duplicateAt, out);
    return out.toString();
  }

  private static void render(Object node, String pointer, String duplicateAt, StringBuilder out) {
    if (node instanceof Map<?, ?> map) {
      out.append('{');
      boolean first = true;
      boolean duplicated = !pointer.equals(duplicateAt);
      for (Map.Entry<?, ?> e : map.entrySet()) {
        String key = String.valueOf(e.getKey());
        int times = duplicated ? 1 : 2;
        duplicated = true;
        for (int t = 0; t < times; t++) {
          if (!first) {
            out.append(',');
          }
          first = false;
          string(key, out);
          out.append(':');
          render(e.getValue(), pointer + "/" + escape(key), duplicateAt, out);
        }
      }
      out.append('}');
    } else if (node instanceof List<?> list) {
      out.append('[');
      for (int i = 0; i < list.size(); i++) {
        if (i > 0) {
          out.append(',');
        }
        render(list.get(i), pointer + "/" + i, duplicateAt, out);
      }
      out.append(']');
    } else if (node instanceof String s) {
      string(s, out);
    } else {
      out.append(node);
    }
  }

  private static void string(String s, StringBuilder out) {
    out.append('"');
    for (char c : s.toCharArray()) {
      if (c == '"' || c == '\\') {
        out.append('\\').append(c);
      } else if (c < 0x20) {
        out.append(String.format("\\u%04x", (int) c));
      } else {
        out.append(c);
      }
    }
    out.append('"');
  }

  static String escape(String token) {
    return token.replace("~", "~0").replace("/", "~1");
  }

  static String unescape(String token) {
    return token.replace("~1", "/").replace("~0", "~");
  }
}
