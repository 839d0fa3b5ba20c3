package dev.sandboxpolicy.io;

/**
 * Hard limits a reader enforces, so that no document (an alias bomb, a 10,000-level nesting, a 50 MiB file) can
 * exhaust memory or time. Exceeding a limit is a problem with a code and a location, never an exception.
 *
 * <pre>{@code
 * ReadLimits limits = ReadLimits.defaults().withMaxDocumentBytes(1 << 20);
 * PolicyReader reader = PolicyReader.builder().mode(ReadMode.STRICT).limits(limits).build();
 * }</pre>
 *
 * @param maxDocumentBytes the largest document accepted, in UTF-8 bytes
 * @param maxDepth the deepest nesting of mappings and sequences
 * @param maxNodes the most nodes a document may have once YAML aliases are expanded
 * @param maxCollectionSize the most entries in one mapping or sequence
 * @param maxScalarLength the longest scalar, in characters
 * @param maxLineLength the longest line of a YAML document, in characters (JSON is not limited by lines)
 */
public record ReadLimits(
    int maxDocumentBytes,
    int maxDepth,
    int maxNodes,
    int maxCollectionSize,
    int maxScalarLength,
    int maxLineLength) {

  /**
   * Default document size: 4 MiB. The upstream gateway rejects encoded policies over 256 KiB, so real policies are
   * far smaller; the headroom is for generated test policies.
   */
  public static final int DEFAULT_MAX_DOCUMENT_BYTES = 4 * 1024 * 1024;

  /** Default nesting depth: 64 (a policy is at most about 12 levels deep; middleware config gets the rest). */
  public static final int DEFAULT_MAX_DEPTH = 64;

  /** Default node count after alias expansion: 1,000,000 (what a 4 MiB document can hold without aliases). */
  public static final int DEFAULT_MAX_NODES = 1_000_000;

  /** Default entries per mapping or sequence: 100,000. */
  public static final int DEFAULT_MAX_COLLECTION_SIZE = 100_000;

  /** Default scalar length: 1 MiB characters. */
  public static final int DEFAULT_MAX_SCALAR_LENGTH = 1024 * 1024;

  /**
   * Default YAML line length: 128 KiB characters. The YAML engine's cost grows with the square of a line's length
   * (a 1 MiB line allocates about 2 GiB while it is scanned; 128 KiB about 32 MiB), so longer lines are refused
   * before the engine sees them. A longer scalar can still be written over several lines (a block scalar or a
   * folded quoted string), which costs linear time. Compact one-line JSON should be read as
   * {@link DocumentFormat#JSON}, which has no line limit.
   */
  public static final int DEFAULT_MAX_LINE_LENGTH = 128 * 1024;

  private static final ReadLimits DEFAULTS =
      new ReadLimits(
          DEFAULT_MAX_DOCUMENT_BYTES,
          DEFAULT_MAX_DEPTH,
          DEFAULT_MAX_NODES,
          DEFAULT_MAX_COLLECTION_SIZE,
          DEFAULT_MAX_SCALAR_LENGTH,
          DEFAULT_MAX_LINE_LENGTH);

  /** Validates the limits (each must be positive). */
  public ReadLimits {
    if (maxDocumentBytes <= 0
        || maxDepth <= 0
        || maxNodes <= 0
        || maxCollectionSize <= 0
        || maxScalarLength <= 0
        || maxLineLength <= 0) {
      throw new IllegalArgumentException("every limit must be positive");
    }
  }

  /** The default limits. */
  public static ReadLimits defaults() {
    return DEFAULTS;
  }

  /** These limits with another document size. */
  public ReadLimits withMaxDocumentBytes(int bytes) {
    return new ReadLimits(bytes, maxDepth, maxNodes, maxCollectionSize, maxScalarLength, maxLineLength);
  }

  /** These limits with another nesting depth. */
  public ReadLimits withMaxDepth(int depth) {
    return new ReadLimits(maxDocumentBytes, depth, maxNodes, maxCollectionSize, maxScalarLength, maxLineLength);
  }

  /** These limits with another node count. */
  public ReadLimits withMaxNodes(int nodes) {
    return new ReadLimits(maxDocumentBytes, maxDepth, nodes, maxCollectionSize, maxScalarLength, maxLineLength);
  }

  /** These limits with another collection size. */
  public ReadLimits withMaxCollectionSize(int size) {
    return new ReadLimits(maxDocumentBytes, maxDepth, maxNodes, size, maxScalarLength, maxLineLength);
  }

  /** These limits with another scalar length. */
  public ReadLimits withMaxScalarLength(int length) {
    return new ReadLimits(maxDocumentBytes, maxDepth, maxNodes, maxCollectionSize, length, maxLineLength);
  }

  /** These limits with another YAML line length. */
  public ReadLimits withMaxLineLength(int length) {
    return new ReadLimits(maxDocumentBytes, maxDepth, maxNodes, maxCollectionSize, maxScalarLength, length);
  }
}
