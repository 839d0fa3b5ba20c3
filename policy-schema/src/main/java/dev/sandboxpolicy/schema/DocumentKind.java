package dev.sandboxpolicy.schema;

import dev.sandboxpolicy.model.WireNamed;
import java.util.Optional;

/**
 * The kinds of document this library validates, each with its JSON Schema (draft 2020-12), shipped as a class
 * path resource under {@code dev/sandboxpolicy/schema/} and identified by a stable {@code $id}.
 *
 * <p>An editor can use the schemas as they are, for example a YAML language server with
 * {@code # yaml-language-server: $schema=https://sandboxpolicy.dev/schema/policy-1.json} once the file is
 * published, or the resource copied next to the documents. The schemas check structure and types only; the
 * value rules are checked by {@link PolicyValidator}.
 */
public enum DocumentKind implements WireNamed {
  /** An OpenShell sandbox policy ({@code version}, {@code filesystem_policy}, {@code network_policies}, ...). */
  POLICY("policy", "https://sandboxpolicy.dev/schema/policy-1.json", "policy-1.json"),
  /** A NemoClaw preset ({@code preset: {name, description}} and {@code network_policies}). */
  PRESET("preset", "https://sandboxpolicy.dev/schema/preset-1.json", "preset-1.json"),
  /** A NemoClaw blueprint ({@code blueprint.yaml}). */
  BLUEPRINT("blueprint", "https://sandboxpolicy.dev/schema/blueprint-1.json", "blueprint-1.json");

  private final String wireName;
  private final String schemaId;
  private final String resourceName;

  DocumentKind(String wireName, String schemaId, String resourceName) {
    this.wireName = wireName;
    this.schemaId = schemaId;
    this.resourceName = resourceName;
  }

  /** The kind's name where tools spell it ({@code policyctl validate --kind}, the stdio {@code kind} field). */
  @Override
  public String wireName() {
    return wireName;
  }

  /**
   * The kind spelled exactly {@code written}.
   *
   * @param written for example {@code preset}; may be {@code null}
   * @return the kind, or empty
   */
  public static Optional<DocumentKind> fromWireName(String written) {
    return WireNamed.fromWireName(DocumentKind.class, written);
  }

  /** The kind whose schema has the {@code $id} {@code id}, or empty. */
  static Optional<DocumentKind> forSchemaId(String id) {
    for (DocumentKind kind : values()) {
      if (kind.schemaId.equals(id)) {
        return Optional.of(kind);
      }
    }
    return Optional.empty();
  }

  /** The schema's {@code $id}, stable across releases of the same major schema version. */
  public String schemaId() {
    return schemaId;
  }

  /**
   * The resource holding the schema, e.g. {@code /dev/sandboxpolicy/schema/policy-1.json}. On the module path the
   * package is encapsulated, so another module cannot open it with {@code getResourceAsStream}: use
   * {@link #schemaText()}, which works on the class path and the module path alike.
   */
  public String schemaResource() {
    return "/dev/sandboxpolicy/schema/" + resourceName;
  }

  /**
   * The JSON Schema of this kind, as shipped with the library (UTF-8 JSON text).
   *
   * <pre>{@code
   * Files.writeString(Path.of("policy.schema.json"), DocumentKind.POLICY.schemaText());
   * }</pre>
   *
   * @throws java.io.UncheckedIOException if the resource cannot be read (a broken installation)
   */
  public String schemaText() {
    try (java.io.InputStream in = DocumentKind.class.getResourceAsStream(schemaResource())) {
      if (in == null) {
        throw new java.io.UncheckedIOException(
            new java.io.FileNotFoundException("missing schema resource " + schemaResource()));
      }
      return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
