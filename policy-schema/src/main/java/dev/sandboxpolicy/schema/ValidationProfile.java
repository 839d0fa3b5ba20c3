package dev.sandboxpolicy.schema;

import java.util.Locale;
import java.util.Optional;

/**
 * Which rules a {@link PolicyValidator} applies on top of the OpenShell policy language's.
 *
 * <pre>{@code
 * ValidationReport r = PolicyValidator.strict().withProfile(ValidationProfile.NEMOCLAW)
 *     .validateText(DocumentKind.PRESET, text, ReadMode.STRICT);
 * }</pre>
 */
public enum ValidationProfile {

  /** The OpenShell policy language and the preset layer's rules only (the default). */
  OPENSHELL,

  /**
   * Also the rules of NemoClaw's own, stricter JSON Schemas ({@code schemas/sandbox-policy.schema.json},
   * {@code policy-preset.schema.json}, {@code blueprint.schema.json}), which NemoClaw checks its shipped files against
   * at build time: network entries scope binaries explicitly; an endpoint names {@code host} and {@code port};
   * REST rules use REST methods only and WebSocket rules WebSocket methods only, as exactly
   * {@code {method, path}}; JSON-RPC and MCP rules have their own matcher shapes; {@code json_rpc} and {@code mcp}
   * body limits are 1 to 1,048,576 bytes; {@code access} is only {@code full}; a sandbox policy and a preset have at
   * least one {@code network_policies} entry; the closed objects (the policy's top level, the preset header,
   * every level of a blueprint's {@code components}) refuse unknown properties. Everything those schemas accept,
   * this profile accepts.
   */
  NEMOCLAW;

  /** The lower-case name used on the command line and the wire ({@code openshell}, {@code nemoclaw}). */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The profile named {@code label} ({@code openshell} or {@code nemoclaw}), or empty. */
  public static Optional<ValidationProfile> named(String label) {
    for (ValidationProfile p : values()) {
      if (p.label().equals(label)) {
        return Optional.of(p);
      }
    }
    return Optional.empty();
  }
}
