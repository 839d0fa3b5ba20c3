package dev.sandboxpolicy.merge;

/**
 * Why the preset layer refused an operation. Each constant has a stable snake_case {@link #wireName()} that tools
 * (the CLI, {@code policyctl serve --stdio}) report unchanged; the codes are listed in
 * {@code docs/presets-and-merging.md}.
 *
 * <p>Every refusal leaves its input untouched: the layer never writes a partial result.
 */
public enum PresetLayerError {

  /** The live policy text is blank, or holds only the {@code policy get} metadata header. */
  LIVE_POLICY_EMPTY("live_policy_empty"),
  /** The live policy body is not valid YAML (or exceeds the reader's limits). */
  LIVE_POLICY_NOT_YAML("live_policy_not_yaml"),
  /** The live policy body is a scalar or a sequence instead of a mapping. */
  LIVE_POLICY_NOT_MAPPING("live_policy_not_mapping"),
  /** {@code version} is present but not an integer of at least 1. */
  LIVE_POLICY_BAD_VERSION("live_policy_bad_version"),
  /** {@code network_policies} is present but not a mapping of entries (for example the legacy list form). */
  LIVE_POLICY_BAD_NETWORK_POLICIES("live_policy_bad_network_policies"),
  /** A bare mapping (no {@code ---} header) that has neither {@code version} nor {@code network_policies}. */
  LIVE_POLICY_NOT_A_POLICY("live_policy_not_a_policy"),
  /** The live policy has a section of the wrong shape for the requested operation. */
  LIVE_POLICY_BAD_SECTION("live_policy_bad_section"),

  /** A preset document cannot be read (YAML error, wrong shapes, not a mapping). */
  PRESET_UNREADABLE("preset_unreadable"),
  /** A preset document has no {@code network_policies} section. */
  PRESET_NO_NETWORK_POLICIES("preset_no_network_policies"),
  /** A preset's {@code network_policies} is not a non-empty mapping whose values are all mappings. */
  PRESET_ENTRIES_INVALID("preset_entries_invalid"),
  /** A preset (custom) uses a {@code network_policies} key starting with {@code _provider_}. */
  PRESET_RESERVED_KEY("preset_reserved_key"),
  /** A user-supplied preset declares {@code allowed_ips} where it is not permitted. */
  PRESET_ALLOWED_IPS("preset_allowed_ips"),
  /** A preset name starts with {@code _provider_}, which OpenShell reserves. */
  PRESET_NAME_RESERVED("preset_name_reserved"),
  /** A preset name is missing or not a lowercase RFC 1123 label. */
  PRESET_NAME_INVALID("preset_name_invalid"),
  /** A custom preset has the name of a built-in preset. */
  PRESET_NAME_BUILTIN_COLLISION("preset_name_builtin_collision"),
  /**
   * A custom preset has an endpoint host that is private, loopback, link-local (metadata) or otherwise special-use
   * and not trusted (NVIDIA/NemoClaw#10659).
   */
  PRESET_HOST_PRIVATE("preset_host_private"),
  /** No built-in preset has this name. */
  PRESET_UNKNOWN("preset_unknown"),
  /** The preset is not applied, so it cannot be removed. */
  PRESET_NOT_APPLIED("preset_not_applied"),
  /** Removing the preset would not change the policy, because the policy has no {@code network_policies}. */
  PRESET_NOT_REMOVABLE("preset_not_removable"),

  /** A custom preset file does not end in {@code .yaml} or {@code .yml}. */
  PRESET_FILE_EXTENSION("preset_file_extension"),
  /** A custom preset file is a symbolic link (never followed). */
  PRESET_FILE_SYMLINK("preset_file_symlink"),
  /** A custom preset file does not exist or is not a regular file. */
  PRESET_FILE_NOT_FOUND("preset_file_not_found"),
  /** A custom preset file cannot be read (permissions, I/O error, not UTF-8). */
  PRESET_FILE_UNREADABLE("preset_file_unreadable"),
  /** A custom preset file is larger than {@link CustomPresetLoader#MAX_PRESET_FILE_BYTES}. */
  PRESET_FILE_TOO_LARGE("preset_file_too_large"),
  /** The {@code --from-dir} directory does not exist or is not a directory. */
  PRESET_DIRECTORY_NOT_FOUND("preset_directory_not_found"),
  /** The {@code --from-dir} directory holds no {@code .yaml}/{@code .yml} preset files. */
  PRESET_DIRECTORY_EMPTY("preset_directory_empty"),

  /** A trusted private host declaration is not an exact host name or IP literal. */
  TRUSTED_HOST_INVALID("trusted_host_invalid"),
  /** A trusted private host is declared twice (after normalisation). */
  TRUSTED_HOST_DUPLICATE("trusted_host_duplicate"),
  /** A trusted private host is not the host of any endpoint of the custom presets given. */
  TRUSTED_HOST_UNMATCHED("trusted_host_unmatched"),
  /**
   * A trusted private host failed the destination preflight: a loopback or OpenShell-managed name, a failed or empty
   * lookup, or an answer in a private range that cannot be trusted (loopback, link-local/metadata, ...).
   */
  TRUSTED_HOST_PREFLIGHT_FAILED("trusted_host_preflight_failed"),
  /** A trusted private host did not resolve to operator-trustable private addresses only (RFC 1918, CGNAT, ULA). */
  TRUSTED_HOST_NOT_PRIVATE("trusted_host_not_private"),

  /** A baseline exclusion or restoration names a key the baseline policy does not have. */
  BASELINE_KEY_UNKNOWN("baseline_key_unknown"),
  /** A baseline exclusion names an entry the managed sandbox contract requires ({@code managed_inference}). */
  BASELINE_KEY_PROTECTED("baseline_key_protected"),
  /** The live entry under a baseline key belongs to a preset: remove the preset instead. */
  BASELINE_KEY_OWNED_BY_PRESET("baseline_key_owned_by_preset"),
  /** The live entry under a baseline key is neither the baseline's nor a preset's: it changed elsewhere. */
  BASELINE_ENTRY_CHANGED("baseline_entry_changed"),

  /** A sandbox name is not a lowercase RFC 1123 label of at most 63 characters. */
  SANDBOX_NAME_INVALID("sandbox_name_invalid"),
  /** The tier name is not in the tier catalog. */
  TIER_UNKNOWN("tier_unknown"),
  /** An update changes {@code filesystem_policy}, {@code landlock} or {@code process} of a live sandbox. */
  STATIC_SECTION_CHANGED("static_section_changed"),
  /** A sandbox-level update was attempted while a gateway-global policy is in force. */
  GLOBAL_POLICY_ACTIVE("global_policy_active"),
  /** Blueprint {@code components.policy.additions} break the narrower rules blueprints are held to. */
  BLUEPRINT_ADDITIONS_INVALID("blueprint_additions_invalid"),
  /** A serialized policy stack cannot be read. */
  STACK_UNREADABLE("stack_unreadable");

  private final String wireName;

  PresetLayerError(String wireName) {
    this.wireName = wireName;
  }

  /** The stable snake_case code of this error as tools report it. */
  public String wireName() {
    return wireName;
  }
}
