package dev.sandboxpolicy.schema;

import dev.sandboxpolicy.model.WireNamed;
import java.util.Optional;

/**
 * Which rules a {@link PolicyValidator} applies on top of the OpenShell policy language's.
 *
 * <pre>{@code
 * ValidationReport r = PolicyValidator.strict().withProfile(ValidationProfile.NEMOCLAW)
 *     .validateText(DocumentKind.PRESET, text, ReadMode.STRICT);
 * }</pre>
 */
public enum ValidationProfile implements WireNamed {

  /** The OpenShell policy language and the preset layer's rules only (the default). */
  OPENSHELL("openshell"),

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
  NEMOCLAW("nemoclaw");

  private final String wireName;

  ValidationProfile(String wireName) {
    this.wireName = wireName;
  }

  /** The name used on the command line and the wire: {@code openshell} or {@code nemoclaw}. */
  @Override
  public String wireName() {
    return wireName;
  }

  /** The profile spelled exactly {@code written} ({@code openshell} or {@code nemoclaw}), or empty. */
  public static Optional<ValidationProfile> fromWireName(String written) {
    return WireNamed.fromWireName(ValidationProfile.class, written);
  }
}
