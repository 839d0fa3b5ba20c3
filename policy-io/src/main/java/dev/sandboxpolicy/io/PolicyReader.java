package dev.sandboxpolicy.io;

import dev.sandboxpolicy.model.Blueprint;
import dev.sandboxpolicy.model.Policy;
import dev.sandboxpolicy.model.Preset;
import dev.sandboxpolicy.model.Problem;
import dev.sandboxpolicy.model.ProblemCode;
import dev.sandboxpolicy.model.SourceLocation;
import dev.sandboxpolicy.model.SourceMap;
import dev.sandboxpolicy.model.TierCatalog;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.BiFunction;

/**
 * Reads policy, preset, tier and blueprint documents (YAML 1.2 or JSON) into the model, with the position of
 * every node.
 *
 * <p>Reading never throws for bad input: malformed syntax, duplicate keys, wrong types, unknown keys (in a
 * {@linkplain ReadMode#STRICT strict} read), YAML alias bombs, over-deep nesting, oversized documents, invalid
 * UTF-8 — each becomes a {@link Problem} with a code, a JSON pointer, a line and a column in the returned
 * {@link ReadResult}. YAML scalars follow YAML 1.2: {@code yes}, {@code on}, {@code NO}, {@code 0777} and
 * {@code ~} stay the strings the author wrote.
 *
 * <pre>{@code
 * PolicyReader reader = PolicyReader.of(ReadMode.STRICT);
 * ReadResult<Policy> result = reader.readPolicy("version: 1\nnetwork_policies: {}\n");
 * result.problems().forEach(System.out::println);   // line:column: severity code message
 * Policy policy = result.orElseThrow();              // PolicyReadException (checked) when invalid
 * }</pre>
 *
 * <p>A reader is immutable and thread-safe.
 */
public final class PolicyReader {

  /** The binding of a plain-tree read. */
  private static final BiFunction<Binder, Node, Object> RAW = (binder, node) -> Binder.raw(node);

  private final ReadMode mode;
  private final ReadLimits limits;

  private PolicyReader(ReadMode mode, ReadLimits limits) {
    this.mode = Objects.requireNonNull(mode, "mode");
    this.limits = Objects.requireNonNull(limits, "limits");
  }

  /** A reader in {@code mode} with the default {@link ReadLimits}. */
  public static PolicyReader of(ReadMode mode) {
    return new PolicyReader(mode, ReadLimits.defaults());
  }

  /** A builder for a reader with other limits. */
  public static Builder builder() {
    return new Builder();
  }

  /** The mode of this reader. */
  public ReadMode mode() {
    return mode;
  }

  /** The limits of this reader. */
  public ReadLimits limits() {
    return limits;
  }

  /** Reads a policy document from YAML (or JSON) text. */
  public ReadResult<Policy> readPolicy(String text) {
    return read(text, DocumentFormat.YAML, Binder::policy);
  }

  /** Reads a policy document in the given format. */
  public ReadResult<Policy> readPolicy(String text, DocumentFormat format) {
    return read(text, format, Binder::policy);
  }

  /** Reads a policy document from a file ({@code .json} is read as JSON, anything else as YAML). */
  public ReadResult<Policy> readPolicy(Path file) {
    return read(file, Binder::policy);
  }

  /** Reads a preset document ({@code preset:} header plus {@code network_policies}). */
  public ReadResult<Preset> readPreset(String text) {
    return read(text, DocumentFormat.YAML, Binder::preset);
  }

  /** Reads a preset document in the given format. */
  public ReadResult<Preset> readPreset(String text, DocumentFormat format) {
    return read(text, format, Binder::preset);
  }

  /** Reads a preset document from a file. */
  public ReadResult<Preset> readPreset(Path file) {
    return read(file, Binder::preset);
  }

  /** Reads a tiers document ({@code tiers.yaml}). */
  public ReadResult<TierCatalog> readTiers(String text) {
    return read(text, DocumentFormat.YAML, Binder::tiers);
  }

  /** Reads a tiers document from a file. */
  public ReadResult<TierCatalog> readTiers(Path file) {
    return read(file, Binder::tiers);
  }

  /** Reads a blueprint document ({@code blueprint.yaml}). */
  public ReadResult<Blueprint> readBlueprint(String text) {
    return read(text, DocumentFormat.YAML, Binder::blueprint);
  }

  /** Reads a blueprint document from a file. */
  public ReadResult<Blueprint> readBlueprint(Path file) {
    return read(file, Binder::blueprint);
  }

  /**
   * Reads any document into a plain tree: {@code Map<String, Object>} (document order), {@code List<Object>},
   * {@code String}, {@code Long}/{@code BigInteger}, {@code Double}, {@code Boolean} or {@code null}, with the same
   * syntax checks, limits and positions as the typed reads (duplicate keys, alias bombs, depth, size). Use it for
   * documents the model does not describe, instead of a second YAML parser.
   */
  public ReadResult<Object> readTree(String text, DocumentFormat format) {
    return read(text, format, RAW);
  }

  /** Reads any document from a file into a plain tree (see {@link #readTree(String, DocumentFormat)}). */
  public ReadResult<Object> readTree(Path file) {
    return read(file, RAW);
  }

  /**
   * Reads the document that {@code tree} was read from ({@link #readTree}, by any reader) as a policy in this
   * reader's mode, without parsing the text again: the same result as {@link #readPolicy(String)} on that text
   * (the parse's problems, then the binding's), except that the parse's limits were those of the reader that read
   * the tree. Use it when a document needs both its plain tree and its model, as validation does.
   */
  public ReadResult<Policy> readPolicy(ReadResult<Object> tree) {
    return bindTree(tree, Binder::policy);
  }

  /** A preset from an already read plain tree (see {@link #readPolicy(ReadResult)}). */
  public ReadResult<Preset> readPreset(ReadResult<Object> tree) {
    return bindTree(tree, Binder::preset);
  }

  /** A blueprint from an already read plain tree (see {@link #readPolicy(ReadResult)}). */
  public ReadResult<Blueprint> readBlueprint(ReadResult<Object> tree) {
    return bindTree(tree, Binder::blueprint);
  }

  private <T> ReadResult<T> bindTree(ReadResult<Object> tree, BiFunction<Binder, Node, T> bind) {
    List<Problem> problems = new ArrayList<>(Objects.requireNonNull(tree, "tree").problems());
    if (tree.root == null) {
      return new ReadResult<>(null, problems, tree.sourceMap());
    }
    return new ReadResult<>(bind.apply(new Binder(mode, problems), tree.root), problems, tree.sourceMap());
  }

  /** Reads UTF-8 (or BOM-marked UTF-16/32) bytes as a policy in the given format. */
  public ReadResult<Policy> readPolicy(byte[] bytes, DocumentFormat format) {
    return read(bytes, format, Binder::policy);
  }

  /** Reads UTF-8 (or BOM-marked UTF-16/32) bytes as a preset in the given format. */
  public ReadResult<Preset> readPreset(byte[] bytes, DocumentFormat format) {
    return read(bytes, format, Binder::preset);
  }

  private <T> ReadResult<T> read(String text, DocumentFormat format, BiFunction<Binder, Node, T> bind) {
    List<Problem> problems = new ArrayList<>();
    Node root = TreeReader.read(Objects.requireNonNull(text, "text"), format, limits, problems);
    return bind(root, problems, bind);
  }

  private <T> ReadResult<T> read(byte[] bytes, DocumentFormat format, BiFunction<Binder, Node, T> bind) {
    List<Problem> problems = new ArrayList<>();
    Node root = TreeReader.read(Objects.requireNonNull(bytes, "bytes"), format, limits, problems);
    return bind(root, problems, bind);
  }

  private <T> ReadResult<T> read(Path file, BiFunction<Binder, Node, T> bind) {
    DocumentFormat format = DocumentFormat.forFileName(String.valueOf(file.getFileName()));
    byte[] bytes;
    try (InputStream in = Files.newInputStream(file)) {
      // Read one byte past the limit so an oversized file is reported without reading all of it.
      bytes = in.readNBytes(limits.maxDocumentBytes() + 1);
      if (bytes.length > limits.maxDocumentBytes()) {
        long size;
        try {
          size = Files.size(file);
        } catch (IOException e) {
          size = bytes.length;
        }
        return new ReadResult<>(null, List.of(TreeReader.tooLarge(size, limits)), SourceMap.empty());
      }
    } catch (IOException | RuntimeException e) {
      return new ReadResult<>(
          null,
          List.of(Problem.error(ProblemCode.IO_ERROR, SourceLocation.NONE, "cannot read " + file + ": " + e.getMessage())),
          SourceMap.empty());
    }
    return read(bytes, format, bind);
  }

  private <T> ReadResult<T> bind(Node root, List<Problem> problems, BiFunction<Binder, Node, T> bind) {
    if (root == null) {
      return new ReadResult<>(null, problems, SourceMap.empty());
    }
    T value = bind.apply(new Binder(mode, problems), root);
    // a plain tree keeps its parsed document, so that a typed read of it does not parse the text again
    return new ReadResult<>(value, problems, SourceMaps.of(root), bind == RAW ? root : null);
  }

  /** Builds {@link PolicyReader}s. */
  public static final class Builder {
    private ReadMode mode = ReadMode.STRICT;
    private ReadLimits limits = ReadLimits.defaults();

    private Builder() {}

    /** The mode (default {@link ReadMode#STRICT}). */
    public Builder mode(ReadMode mode) {
      this.mode = Objects.requireNonNull(mode);
      return this;
    }

    /** The limits (default {@link ReadLimits#defaults()}). */
    public Builder limits(ReadLimits limits) {
      this.limits = Objects.requireNonNull(limits);
      return this;
    }

    /** The reader. */
    public PolicyReader build() {
      return new PolicyReader(mode, limits);
    }
  }
}
