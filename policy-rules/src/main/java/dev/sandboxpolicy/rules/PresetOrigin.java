package dev.sandboxpolicy.rules;

import dev.sandboxpolicy.model.WireNamed;
import java.util.Locale;
import java.util.Set;

/**
 * Where a preset comes from, which decides the preset rules that apply (preset spec §2.6); also the source of a
 * {@code StackLayer} and of a preset in the explain context, whose JSON spells it {@link #wireName()} ({@code
 * builtin} or {@code custom}, upstream's {@code source} values, preset spec §6.1).
 *
 * <p>Custom presets ({@code policy-add --from-file}) may not take a built-in name and may not carry
 * {@code allowed_ips} (except on {@code host.openshell.internal}); built-in presets may.
 */
public enum PresetOrigin implements WireNamed {
  /** A preset shipped with NemoClaw (or vetted like one). */
  BUILT_IN("builtin"),
  /** A user-supplied preset file: the default, and the stricter of the two. */
  CUSTOM("custom");

  private final String wireName;

  PresetOrigin(String wireName) {
    this.wireName = wireName;
  }

  /**
   * The JSON value (the explain context's {@code source}).
   *
   * @return {@code builtin} or {@code custom}
   */
  @Override
  public String wireName() {
    return wireName;
  }

  /**
   * {@code network_policies} keys reserved for reviewed built-in content, which a custom preset may not own
   * (NVIDIA/NemoClaw#8497, #10773): the npm compatibility key and the Personal tier's open-internet key.
   */
  public static final Set<String> RESERVED_CUSTOM_KEYS = Set.of("npm_yarn", "personal_open_internet");

  /**
   * The prefix under which a custom preset's keys are applied to a live policy ({@code nemoclaw_custom__<preset>__<key>},
   * NVIDIA/NemoClaw#10515). A custom preset may not write keys in this namespace itself.
   */
  public static final String CUSTOM_KEY_PREFIX = "nemoclaw_custom__";

  /**
   * OpenShell's host bridge (preset spec §2.6): the one endpoint host on which a custom preset may carry
   * {@code allowed_ips}, and which is never refused as a private host.
   */
  public static final String HOST_GATEWAY = "host.openshell.internal";

  /**
   * Whether a custom preset may not own {@code key} although OpenShell would accept it: one of
   * {@link #RESERVED_CUSTOM_KEYS}, or a key in the {@link #CUSTOM_KEY_PREFIX} namespace. (A {@code _provider_} key,
   * {@code Names.isProviderKey}, is reserved for every preset.) The value rules and the preset layer both ask this.
   *
   * @param key a {@code network_policies} key
   * @return true when reserved for built-in content or the custom-key namespace
   */
  public static boolean isReservedForBuiltIns(String key) {
    return RESERVED_CUSTOM_KEYS.contains(key) || key.startsWith(CUSTOM_KEY_PREFIX);
  }

  /**
   * Whether an endpoint host is {@link #HOST_GATEWAY}: compared without surrounding white space, in any case, with
   * one trailing dot ignored (as NemoClaw compares it).
   *
   * @param host an endpoint host as written
   * @return true for the host bridge
   */
  public static boolean isHostGateway(String host) {
    String h = host.strip().toLowerCase(Locale.ROOT);
    if (h.endsWith(".")) {
      h = h.substring(0, h.length() - 1);
    }
    return h.equals(HOST_GATEWAY);
  }
}
