package dev.sandboxpolicy.schema;

/** RFC 6901 JSON Pointer construction: {@code ~} becomes {@code ~0} and {@code /} becomes {@code ~1}. */
final class Pointer {
  private Pointer() {}

  /** {@code base} extended by one object key. */
  static String key(String base, String key) {
    if (key.indexOf('~') < 0 && key.indexOf('/') < 0) {
      return base + "/" + key;
    }
    return base + "/" + key.replace("~", "~0").replace("/", "~1");
  }

  /** {@code base} extended by one array index. */
  static String index(String base, int index) {
    return base + "/" + index;
  }

  /** The parent of {@code pointer}, or {@code ""} for the root. */
  static String parent(String pointer) {
    int slash = pointer.lastIndexOf('/');
    return slash <= 0 ? "" : pointer.substring(0, slash);
  }
}
