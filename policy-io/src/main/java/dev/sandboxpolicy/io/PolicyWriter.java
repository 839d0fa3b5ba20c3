package dev.sandboxpolicy.io;

import dev.sandboxpolicy.model.Blueprint;
import dev.sandboxpolicy.model.NetworkPolicy;
import dev.sandboxpolicy.model.Policy;
import dev.sandboxpolicy.model.PolicyNode;
import dev.sandboxpolicy.model.Preset;
import dev.sandboxpolicy.model.TierCatalog;
import java.io.CharArrayWriter;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.dataformat.yaml.YAMLFactory;
import tools.jackson.dataformat.yaml.YAMLWriteFeature;

/**
 * Writes model values back to YAML or JSON.
 *
 * <p>Two layouts exist. The <em>document</em> layout ({@link #toYaml(Policy)}, {@link #toJson(Policy)}) keeps
 * every map in the order it was read and writes fields in the order of the language reference, omitting
 * defaults; reading it back gives an equal model. The <em>canonical</em> layout ({@link #toCanonicalYaml(Policy)},
 * {@link #toCanonicalJson(Policy)}) also sorts every map by key and normalizes defaults (a single port as
 * {@code port}, a {@code {glob: x}} matcher as {@code x}), so that two policies with the same meaning in a
 * different order have the same canonical text and the same {@link #hash(Policy) hash}.
 *
 * <pre>{@code
 * String yaml = PolicyWriter.toYaml(policy);
 * String hash = PolicyWriter.hash(policy);   // "sha256:3b1f..."
 * }</pre>
 *
 * <p>Strings that YAML 1.1 readers would take for booleans, numbers or null ({@code yes}, {@code on},
 * {@code 0777}, {@code ~}) are quoted, so the output reads the same in every YAML reader.
 */
public final class PolicyWriter {

  private static final YAMLFactory YAML =
      YAMLFactory.builder()
          .disable(YAMLWriteFeature.WRITE_DOC_START_MARKER)
          .enable(YAMLWriteFeature.MINIMIZE_QUOTES)
          .enable(YAMLWriteFeature.INDENT_ARRAYS_WITH_INDICATOR)
          .stringQuotingChecker(YamlQuoting.INSTANCE)
          .build();
  private static final JsonFactory JSON = JsonFactory.builder().build();
  /**
   * The first size of the buffer JSON text is written to, doubled as needed. JSON goes to a
   * {@link CharArrayWriter}, which copies the generator's buffer as it is and makes the {@code String} in one pass
   * at the end, rather than to a {@link StringWriter}, which checks every character as it is appended (measured:
   * about 10 % of writing canonical JSON). YAML still goes to a {@code StringWriter}: its emitter writes many short
   * strings, which a {@code StringWriter} appends whole.
   */
  private static final int JSON_BUFFER_CHARS = 4096;
  private static final DocumentTree DOCUMENT = new DocumentTree(false);
  private static final DocumentTree CANONICAL = new DocumentTree(true);

  private PolicyWriter() {}

  /** The policy as YAML in document order. */
  public static String toYaml(Policy policy) {
    return yaml(DOCUMENT, DocumentLayout.POLICY, policy);
  }

  /** The policy as pretty-printed JSON in document order. */
  public static String toJson(Policy policy) {
    return json(DOCUMENT, DocumentLayout.POLICY, policy, true);
  }

  /** The policy as canonical YAML (maps sorted, defaults normalized). */
  public static String toCanonicalYaml(Policy policy) {
    return yaml(CANONICAL, DocumentLayout.POLICY, policy);
  }

  /** The policy as compact canonical JSON (maps sorted, defaults normalized): the input of {@link #hash(Policy)}. */
  public static String toCanonicalJson(Policy policy) {
    return json(CANONICAL, DocumentLayout.POLICY, policy, false);
  }

  /**
   * The content hash of a policy: {@code sha256:} and the lower-case hex SHA-256 of its UTF-8
   * {@linkplain #toCanonicalJson(Policy) canonical JSON}. Equal meaning in a different map order gives the same
   * hash; reordering a list changes it.
   *
   * <p><b>Warning:</b> this is not the upstream gateway's {@code policy_hash}, which hashes protobuf encodings.
   */
  public static String hash(Policy policy) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      byte[] digest = sha.digest(toCanonicalJson(policy).getBytes(StandardCharsets.UTF_8));
      return "sha256:" + HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by every Java platform", e);
    }
  }

  /** The policy as a plain ordered tree of {@code Map}, {@code List} and scalars (document layout). */
  public static Map<String, Object> toTree(Policy policy) {
    return DOCUMENT.policy(policy);
  }

  /** One network policy entry as a plain ordered tree (document layout). */
  public static Map<String, Object> toTree(NetworkPolicy entry) {
    return DOCUMENT.networkPolicy(entry);
  }

  /** The preset as YAML. */
  public static String toYaml(Preset preset) {
    return yaml(DOCUMENT, DocumentLayout.PRESET, preset);
  }

  /** The preset as pretty-printed JSON. */
  public static String toJson(Preset preset) {
    return json(DOCUMENT, DocumentLayout.PRESET, preset, true);
  }

  /** The preset as a plain ordered tree. */
  public static Map<String, Object> toTree(Preset preset) {
    return DOCUMENT.preset(preset);
  }

  /** The tiers document as YAML. */
  public static String toYaml(TierCatalog tiers) {
    return yaml(DOCUMENT, DocumentLayout.TIER_CATALOG, tiers);
  }

  /** The blueprint as YAML. */
  public static String toYaml(Blueprint blueprint) {
    return yaml(DOCUMENT, DocumentLayout.BLUEPRINT, blueprint);
  }

  /** A document as YAML, written straight from the model (the same text as {@link #yaml(Object)} of its tree). */
  private static <T extends PolicyNode> String yaml(DocumentTree layout, MappingShape<T, ?> shape, T value) {
    StringWriter out = new StringWriter();
    try (JsonGenerator g = YAML.createGenerator(ObjectWriteContext.empty(), out)) {
      new DocumentStream(layout, g).document(shape, value);
    }
    return out.toString();
  }

  /** A document as JSON, written straight from the model (the same text as {@link #json(Object, boolean)}). */
  private static <T extends PolicyNode> String json(DocumentTree layout, MappingShape<T, ?> shape, T value,
      boolean pretty) {
    CharArrayWriter out = new CharArrayWriter(JSON_BUFFER_CHARS);
    try (JsonGenerator g = JSON.createGenerator(pretty ? prettyContext() : ObjectWriteContext.empty(), out)) {
      new DocumentStream(layout, g).document(shape, value);
    }
    return pretty ? out + "\n" : out.toString();
  }

  /** Any plain tree ({@code Map}, {@code List}, scalars) as YAML. */
  public static String yaml(Object tree) {
    StringWriter out = new StringWriter();
    try (JsonGenerator g = YAML.createGenerator(ObjectWriteContext.empty(), out)) {
      write(g, tree);
    }
    return out.toString();
  }

  /** Any plain tree ({@code Map}, {@code List}, scalars) as JSON, pretty-printed or compact. */
  public static String json(Object tree, boolean pretty) {
    CharArrayWriter out = new CharArrayWriter(JSON_BUFFER_CHARS);
    try (JsonGenerator g = JSON.createGenerator(pretty ? prettyContext() : ObjectWriteContext.empty(), out)) {
      write(g, tree);
    }
    return pretty ? out + "\n" : out.toString();
  }

  private static ObjectWriteContext prettyContext() {
    return new ObjectWriteContext.Base() {
      @Override
      public tools.jackson.core.PrettyPrinter getPrettyPrinter() {
        return new tools.jackson.core.util.DefaultPrettyPrinter();
      }
    };
  }

  /** Writes a tree value as generator events: the one walk of trees, also used by {@link DocumentStream}. */
  static void write(JsonGenerator g, Object v) {
    // String first: most values are strings, and a final class is checked in one comparison (a Map or List check
    // on a String scans its interfaces)
    if (v instanceof String s) {
      g.writeString(s);
    } else if (v == null) {
      g.writeNull();
    } else if (v instanceof Map<?, ?> m) {
      g.writeStartObject();
      for (Map.Entry<?, ?> e : m.entrySet()) {
        g.writeName(String.valueOf(e.getKey()));
        write(g, e.getValue());
      }
      g.writeEndObject();
    } else if (v instanceof List<?> l) {
      g.writeStartArray();
      for (Object x : l) {
        write(g, x);
      }
      g.writeEndArray();
    } else if (v instanceof Boolean b) {
      g.writeBoolean(b);
    } else if (v instanceof Integer i) {
      g.writeNumber(i);
    } else if (v instanceof Long l) {
      g.writeNumber(l);
    } else if (v instanceof BigInteger bi) {
      g.writeNumber(bi);
    } else if (v instanceof Double d) {
      g.writeNumber(d);
    } else if (v instanceof Number n) {
      g.writeNumber(n.toString());
    } else {
      g.writeString(v.toString());
    }
  }
}
