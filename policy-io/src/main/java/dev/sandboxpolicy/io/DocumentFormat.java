package dev.sandboxpolicy.io;

/** The text format of a document. */
public enum DocumentFormat {
  /** YAML 1.2 (which also reads most JSON). Scalars such as {@code yes}, {@code on} and {@code 0777} stay strings. */
  YAML,
  /** Strict JSON (RFC 8259). */
  JSON;

  /** {@link #JSON} for a file name ending in {@code .json}, else {@link #YAML}. */
  public static DocumentFormat forFileName(String fileName) {
    return fileName.toLowerCase(java.util.Locale.ROOT).endsWith(".json") ? JSON : YAML;
  }
}
