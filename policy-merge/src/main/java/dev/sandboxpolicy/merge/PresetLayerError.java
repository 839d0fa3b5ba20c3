package dev.sandboxpolicy.merge;

import dev.sandboxpolicy.model.ProblemCode;
import dev.sandboxpolicy.model.WireNamed;

/**
 * Why the preset layer refused an operation. Each constant has a stable snake_case {@link #wireName()} that tools
 * (the CLI, {@code policyctl serve --stdio}) report unchanged; the codes are listed in
 * {@code docs/presets-and-merging.md}.
 *
 * <p>Every refusal leaves its input untouched: the layer never writes a partial result.
 */
public enum PresetLayerError implements WireNamed {

  /** The live policy text is blank, or holds only the {@code policy get} metadata header. */
  LIVE_POLICY_EMPTY(ProblemCode.LIVE_POLICY_EMPTY),
  /** The live policy body is not valid YAML (or exceeds the reader's limits). */
  LIVE_POLICY_NOT_YAML(ProblemCode.LIVE_POLICY_NOT_YAML),
  /** The live policy body is a scalar or a sequence instead of a mapping. */
  LIVE_POLICY_NOT_MAPPING(ProblemCode.LIVE_POLICY_NOT_MAPPING),
  /** {@code version} is present but not an integer of at least 1. */
  LIVE_POLICY_BAD_VERSION(ProblemCode.LIVE_POLICY_BAD_VERSION),
  /** {@code network_policies} is present but not a mapping of entries (for example the legacy list form). */
  LIVE_POLICY_BAD_NETWORK_POLICIES(ProblemCode.LIVE_POLICY_BAD_NETWORK_POLICIES),
  /** A bare mapping (no {@code ---} header) that has neither {@code version} nor {@code network_policies}. */
  LIVE_POLICY_NOT_A_POLICY(ProblemCode.LIVE_POLICY_NOT_A_POLICY),
  /** The live policy has a section of the wrong shape for the requested operation. */
  LIVE_POLICY_BAD_SECTION(ProblemCode.LIVE_POLICY_BAD_SECTION),

  /** A preset document cannot be read (YAML error, wrong shapes, not a mapping). */
  PRESET_UNREADABLE(ProblemCode.PRESET_UNREADABLE),
  /** A preset document has no {@code network_policies} section. */
  PRESET_NO_NETWORK_POLICIES(ProblemCode.PRESET_NO_NETWORK_POLICIES),
  /** A preset's {@code network_policies} is not a non-empty mapping whose values are all mappings. */
  PRESET_ENTRIES_INVALID(ProblemCode.PRESET_ENTRIES_INVALID),
  /**
   * A custom preset uses a reserved {@code network_policies} key: one starting with {@code _provider_}, or
   * {@code npm_yarn}, {@code personal_open_internet} or a {@code nemoclaw_custom__} key. Reported as the value rules'
   * {@code reserved_key}.
   */
  RESERVED_KEY(ProblemCode.RESERVED_KEY),
  /** A user-supplied preset declares {@code allowed_ips} where it is not permitted. */
  PRESET_ALLOWED_IPS(ProblemCode.PRESET_ALLOWED_IPS),
  /** A preset name starts with {@code _provider_}, which OpenShell reserves. */
  PRESET_NAME_RESERVED(ProblemCode.PRESET_NAME_RESERVED),
  /** A preset name is missing or not a lowercase RFC 1123 label. */
  PRESET_NAME_INVALID(ProblemCode.PRESET_NAME_INVALID),
  /** A custom preset has the name of a built-in preset. Reported as the value rules' {@code preset_name_builtin_collision}. */
  PRESET_NAME_BUILTIN_COLLISION(ProblemCode.PRESET_NAME_BUILTIN_COLLISION),
  /**
   * A custom preset has an endpoint host that is private, loopback, link-local (metadata) or otherwise special-use
   * and not trusted (NVIDIA/NemoClaw#10659).
   */
  PRESET_HOST_PRIVATE(ProblemCode.PRESET_HOST_PRIVATE),
  /** No built-in preset has this name. */
  PRESET_UNKNOWN(ProblemCode.PRESET_UNKNOWN),
  /** The preset is not applied, so it cannot be removed. */
  PRESET_NOT_APPLIED(ProblemCode.PRESET_NOT_APPLIED),
  /** Removing the preset would not change the policy, because the policy has no {@code network_policies}. */
  PRESET_NOT_REMOVABLE(ProblemCode.PRESET_NOT_REMOVABLE),

  /** A custom preset file does not end in {@code .yaml} or {@code .yml}. */
  PRESET_FILE_EXTENSION(ProblemCode.PRESET_FILE_EXTENSION),
  /** A custom preset file is a symbolic link (never followed). */
  PRESET_FILE_SYMLINK(ProblemCode.PRESET_FILE_SYMLINK),
  /** A custom preset file does not exist or is not a regular file. */
  PRESET_FILE_NOT_FOUND(ProblemCode.PRESET_FILE_NOT_FOUND),
  /** A custom preset file cannot be read (permissions, I/O error, not UTF-8). */
  PRESET_FILE_UNREADABLE(ProblemCode.PRESET_FILE_UNREADABLE),
  /** A custom preset file is larger than {@link CustomPresetLoader#MAX_PRESET_FILE_BYTES}. */
  PRESET_FILE_TOO_LARGE(ProblemCode.PRESET_FILE_TOO_LARGE),
  /** The {@code --from-dir} directory does not exist or is not a directory. */
  PRESET_DIRECTORY_NOT_FOUND(ProblemCode.PRESET_DIRECTORY_NOT_FOUND),
  /** The {@code --from-dir} directory holds no {@code .yaml}/{@code .yml} preset files. */
  PRESET_DIRECTORY_EMPTY(ProblemCode.PRESET_DIRECTORY_EMPTY),

  /** A trusted private host declaration is not an exact host name or IP literal. */
  TRUSTED_HOST_INVALID(ProblemCode.TRUSTED_HOST_INVALID),
  /** A trusted private host is declared twice (after normalisation). */
  TRUSTED_HOST_DUPLICATE(ProblemCode.TRUSTED_HOST_DUPLICATE),
  /** A trusted private host is not the host of any endpoint of the custom presets given. */
  TRUSTED_HOST_UNMATCHED(ProblemCode.TRUSTED_HOST_UNMATCHED),
  /**
   * A trusted private host failed the destination preflight: a loopback or OpenShell-managed name, a failed or empty
   * lookup, or an answer in a private range that cannot be trusted (loopback, link-local/metadata, ...).
   */
  TRUSTED_HOST_PREFLIGHT_FAILED(ProblemCode.TRUSTED_HOST_PREFLIGHT_FAILED),
  /** A trusted private host did not resolve to operator-trustable private addresses only (RFC 1918, CGNAT, ULA). */
  TRUSTED_HOST_NOT_PRIVATE(ProblemCode.TRUSTED_HOST_NOT_PRIVATE),

  /** A baseline exclusion or restoration names a key the baseline policy does not have. */
  BASELINE_KEY_UNKNOWN(ProblemCode.BASELINE_KEY_UNKNOWN),
  /** A baseline exclusion names an entry the managed sandbox contract requires ({@code managed_inference}). */
  BASELINE_KEY_PROTECTED(ProblemCode.BASELINE_KEY_PROTECTED),
  /** The live entry under a baseline key belongs to a preset: remove the preset instead. */
  BASELINE_KEY_OWNED_BY_PRESET(ProblemCode.BASELINE_KEY_OWNED_BY_PRESET),
  /** The live entry under a baseline key is neither the baseline's nor a preset's: it changed elsewhere. */
  BASELINE_ENTRY_CHANGED(ProblemCode.BASELINE_ENTRY_CHANGED),

  /** A sandbox name is not a lowercase RFC 1123 label of at most 63 characters. */
  SANDBOX_NAME_INVALID(ProblemCode.SANDBOX_NAME_INVALID),
  /** The tier name is not in the tier catalog. */
  TIER_UNKNOWN(ProblemCode.TIER_UNKNOWN),
  /** An update changes {@code filesystem_policy}, {@code landlock} or {@code process} of a live sandbox. */
  STATIC_SECTION_CHANGED(ProblemCode.STATIC_SECTION_CHANGED),
  /** A sandbox-level update was attempted while a gateway-global policy is in force. */
  GLOBAL_POLICY_ACTIVE(ProblemCode.GLOBAL_POLICY_ACTIVE),
  /** Blueprint {@code components.policy.additions} break the narrower rules blueprints are held to. */
  BLUEPRINT_ADDITIONS_INVALID(ProblemCode.BLUEPRINT_ADDITIONS_INVALID),
  /** A serialized policy stack cannot be read. */
  STACK_UNREADABLE(ProblemCode.STACK_UNREADABLE),
  /**
   * The result would hold two MCP endpoints on one host and port whose {@code mcp.versions} admit no revision in
   * common (upstream #3027): neither set can be picked silently.
   */
  MCP_VERSIONS_INCOMPATIBLE(ProblemCode.MCP_VERSIONS_INCOMPATIBLE);

  private final ProblemCode code;

  PresetLayerError(ProblemCode code) {
    this.code = code;
  }

  /** The problem code this refusal reports (its one home, with every other code). */
  public ProblemCode problemCode() {
    return code;
  }

  /** The stable snake_case code of this error as tools report it: {@code problemCode().wireName()}. */
  @Override
  public String wireName() {
    return code.wireName();
  }
}
