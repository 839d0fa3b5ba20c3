package dev.sandboxpolicy.merge;

import dev.sandboxpolicy.model.Endpoint;
import dev.sandboxpolicy.model.NetworkPolicy;
import dev.sandboxpolicy.model.Preset;
import dev.sandboxpolicy.model.SourceLocation;
import dev.sandboxpolicy.model.internal.Names;
import dev.sandboxpolicy.model.net.HostResolver;
import dev.sandboxpolicy.model.net.IpAddress;
import dev.sandboxpolicy.model.net.PrivateNetworks;
import dev.sandboxpolicy.rules.PresetOrigin;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Trusted private hosts (NVIDIA/NemoClaw#6886, #8176, #8272, #10659): an operator may let a custom preset reach an
 * exact host on a private network. The library never resolves names itself; the caller supplies the
 * {@link HostResolver} (the command line uses the system resolver, tests a map).
 *
 * <pre>{@code
 * TrustedPrivateHosts trust = TrustedPrivateHosts.of(List.of("db.corp.example"), resolver);
 * CustomPreset loaded = CustomPresetLoader.loadFile(file, trust.hosts());  // the private host is allowed to load
 * List<CustomPreset> pinned = trust.pin(List.of(loaded));                 // resolves, checks, writes the pins
 * PolicyStack next = stack.apply(pinned.get(0).toLayer()).stack();          // the pins are accepted when applied
 * pinned.get(0).pins();          // {db.corp.example=[10.20.30.40]}
 * pinned.get(0).pinsDigest();    // "sha256:..." over the pinned content
 * }</pre>
 *
 * <p>For every declared host that an endpoint of the input uses (compared after normalisation: trimmed, lower case,
 * one trailing dot removed, IPv6 in canonical form), {@link #pin} resolves the host (an IP literal is its own
 * answer), requires <b>every</b> answer to be an operator-trustable private address
 * ({@link PrivateNetworks#OPERATOR_TRUSTABLE_RANGES}: RFC 1918, CGNAT, IPv6 unique local) and writes the answers,
 * lower case, de-duplicated and sorted, as {@code allowed_ips} into every endpoint of that host. Refusals
 * ({@code PresetLayerException}, nothing is pinned), with NemoClaw's messages:
 * <ul>
 *   <li>{@code trusted_host_invalid}: a declaration that is not an exact host name or IP literal (no scheme, port,
 *       path, wildcard or zone); {@code trusted_host_duplicate}: declared twice after normalisation
 *       ({@code Trusted private host '<h>' was declared more than once after normalization.});
 *   <li>{@code trusted_host_unmatched}: {@code Trusted private host '<h>' does not match an endpoint in the custom
 *       preset input.};
 *   <li>{@code trusted_host_preflight_failed}: {@code Trusted private host '<h>' failed destination preflight:
 *       <reason>.}: a loopback or OpenShell-managed name, a failed or empty lookup, or an answer that is private but
 *       not trustable (loopback, link-local/metadata, ...);
 *   <li>{@code trusted_host_not_private}: {@code Trusted private host '<h>' did not resolve to an operator-trustable
 *       private address.}, also when some answers are private and others public (see docs/compatibility.md).
 * </ul>
 * User-authored {@code allowed_ips} are refused before anything is resolved ({@code preset_allowed_ips}).
 */
public final class TrustedPrivateHosts {

  /** The environment variable that lists trusted private hosts, comma-separated (NemoClaw #8176). */
  public static final String ENVIRONMENT_VARIABLE = "NEMOCLAW_TRUSTED_PRIVATE_HOSTS";

  /** The longest host name: 253 characters (RFC 1035 §2.3.4, without the trailing dot). */
  public static final int MAX_HOST_LENGTH = 253;

  /** The longest label of a host name: 63 characters (RFC 1035 §2.3.4). */
  public static final int MAX_LABEL_LENGTH = 63;

  /**
   * Names that resolve to the host's loopback or to OpenShell's proxy by design (NemoClaw's
   * {@code OPENSHELL_MANAGED_HOSTS}): never a trusted private destination.
   */
  static final Set<String> MANAGED_HOSTS =
      Set.of("inference.local", PresetOrigin.HOST_GATEWAY, "host.docker.internal", "host.containers.internal");

  private final List<String> hosts;
  private final Set<String> required;
  private final HostResolver resolver;

  private TrustedPrivateHosts(List<String> hosts, Set<String> required, HostResolver resolver) {
    this.hosts = hosts;
    this.required = required;
    this.resolver = resolver;
  }

  /**
   * Declares trusted hosts.
   *
   * @param declarations exact host names or IP literals (IPv6 bare or bracketed)
   * @param resolver how names are resolved; the library calls it, never DNS directly
   * @throws PresetLayerException {@code trusted_host_invalid} or {@code trusted_host_duplicate}
   */
  public static TrustedPrivateHosts of(Collection<String> declarations, HostResolver resolver)
      throws PresetLayerException {
    return of(declarations, List.of(), resolver);
  }

  /**
   * Declares trusted hosts from two sources, as NemoClaw does: {@code required} (the command's own
   * {@code --trusted-private-host} options: each must match an endpoint, and may not repeat) and {@code ambient}
   * (the {@value #ENVIRONMENT_VARIABLE} list: trusted where an endpoint uses it, ignored otherwise).
   *
   * @throws PresetLayerException {@code trusted_host_invalid} or {@code trusted_host_duplicate}
   */
  public static TrustedPrivateHosts of(Collection<String> required, Collection<String> ambient, HostResolver resolver)
      throws PresetLayerException {
    Objects.requireNonNull(resolver, "resolver");
    LinkedHashSet<String> req = new LinkedHashSet<>();
    for (String d : required) {
      String h = normalizeDeclaration(d);
      if (!req.add(h)) {
        throw refusal(PresetLayerError.TRUSTED_HOST_DUPLICATE,
            "Trusted private host '" + h + "' was declared more than once after normalization.");
      }
    }
    LinkedHashSet<String> all = new LinkedHashSet<>(req);
    for (String d : ambient) {
      all.add(normalizeDeclaration(d));
    }
    return new TrustedPrivateHosts(List.copyOf(all), Set.copyOf(req), resolver);
  }

  /**
   * The hosts of a comma-separated list ({@value #ENVIRONMENT_VARIABLE}); blank entries are skipped.
   *
   * @param commaSeparated the list, may be {@code null}
   */
  public static List<String> parseList(String commaSeparated) {
    List<String> out = new ArrayList<>();
    if (commaSeparated == null) {
      return out;
    }
    for (String part : commaSeparated.split(",", -1)) {
      if (!part.isBlank()) {
        out.add(part.strip());
      }
    }
    return out;
  }

  /** The declared hosts, normalised, in declaration order. */
  public Set<String> hosts() {
    return new LinkedHashSet<>(hosts);
  }

  /**
   * Resolves the declared hosts and pins their addresses into the endpoints that use them, across all
   * {@code presets} at once. All or nothing.
   *
   * @param presets custom presets loaded with these hosts trusted
   *     ({@link CustomPresetLoader#check(String, java.nio.file.Path, Set)})
   * @return the presets in the same order; those with pinned endpoints carry the pins and a content digest
   * @throws PresetLayerException see the class comment
   */
  public List<CustomPreset> pin(List<CustomPreset> presets) throws PresetLayerException {
    Map<String, Integer> uses = new LinkedHashMap<>();
    for (String h : hosts) {
      uses.put(h, 0);
    }
    for (CustomPreset p : presets) {
      for (NetworkPolicy e : p.preset().networkPolicies().values()) {
        for (Endpoint ep : e.endpoints()) {
          uses.computeIfPresent(normalizeHost(ep.host()), (k, n) -> n + 1);
        }
      }
    }
    for (Map.Entry<String, Integer> u : uses.entrySet()) {
      if (u.getValue() == 0 && required.contains(u.getKey())) {
        throw refusal(PresetLayerError.TRUSTED_HOST_UNMATCHED,
            "Trusted private host '" + u.getKey() + "' does not match an endpoint in the custom preset input.");
      }
    }
    Map<String, List<String>> pins = new LinkedHashMap<>();
    for (String h : hosts) {
      if (uses.get(h) > 0) {
        pins.put(h, resolvePins(h));
      }
    }
    List<CustomPreset> out = new ArrayList<>(presets.size());
    for (CustomPreset p : presets) {
      out.add(p.withPins(pinned(p.preset(), pins)));
    }
    return List.copyOf(out);
  }

  private List<String> resolvePins(String host) throws PresetLayerException {
    Optional<IpAddress> literal = IpAddress.tryParseLiteral(host);
    List<IpAddress> answers;
    if (literal.isPresent()) {
      answers = List.of(literal.get());
    } else {
      if (MANAGED_HOSTS.contains(host) || isLoopbackName(host)) {
        throw preflight(host, "endpoint host \"" + host + "\" is a private/internal address");
      }
      try {
        answers = resolver.resolve(host);
      } catch (IOException e) {
        throw preflight(host, "cannot resolve endpoint host \"" + host + "\": " + e.getMessage());
      }
      if (answers == null || answers.isEmpty()) {
        throw preflight(host, "endpoint host \"" + host + "\" did not resolve to any address");
      }
    }
    TreeSet<String> sorted = new TreeSet<>();
    boolean anyPublic = false;
    for (IpAddress a : answers) {
      String text = a.toString().toLowerCase(Locale.ROOT);
      if (PrivateNetworks.isOperatorTrustable(a)) {
        sorted.add(text);
      } else if (PrivateNetworks.nemoClaw().classify(a).blocked()) {
        String what = literal.isPresent() ? "is a private/internal address"
            : "resolves to private/internal address \"" + text + "\"";
        throw preflight(host, "endpoint host \"" + host + "\" " + what);
      } else {
        anyPublic = true;
      }
    }
    if (anyPublic || sorted.isEmpty()) {
      throw refusal(PresetLayerError.TRUSTED_HOST_NOT_PRIVATE,
          "Trusted private host '" + host + "' did not resolve to an operator-trustable private address.");
    }
    return List.copyOf(sorted);
  }

  /** {@code preset} with every endpoint of a pinned host carrying its pins; only the pins that were used. */
  private static Pinned pinned(Preset preset, Map<String, List<String>> pins) {
    Map<String, List<String>> used = new LinkedHashMap<>();
    Preset.Builder b = Preset.builder(preset).networkPolicies(Map.of());
    for (Map.Entry<String, NetworkPolicy> e : preset.networkPolicies().entrySet()) {
      List<Endpoint> eps = new ArrayList<>();
      for (Endpoint ep : e.getValue().endpoints()) {
        String h = normalizeHost(ep.host());
        List<String> p = pins.get(h);
        if (p == null) {
          eps.add(ep);
        } else {
          eps.add(Endpoint.builder(ep).allowedIps(p).build());
          used.put(h, p);
        }
      }
      b.putNetworkPolicies(e.getKey(), NetworkPolicy.builder(e.getValue()).endpoints(eps).build());
    }
    return new Pinned(b.build(), used);
  }

  /** A preset and the pins written into it. */
  record Pinned(Preset preset, Map<String, List<String>> pins) {}

  /**
   * The form in which endpoint hosts are compared with declarations and pins: trimmed, brackets removed, lower
   * case, one trailing dot removed, IPv6 literals in canonical form.
   */
  static String normalizeHost(String raw) {
    String h = raw.strip();
    if (h.length() >= 2 && h.charAt(0) == '[' && h.charAt(h.length() - 1) == ']') {
      h = h.substring(1, h.length() - 1);
    }
    h = h.toLowerCase(Locale.ROOT);
    if (h.endsWith(".")) {
      h = h.substring(0, h.length() - 1);
    }
    Optional<IpAddress> ip = IpAddress.tryParseLiteral(h);
    return ip.map(IpAddress::toString).orElse(h);
  }

  /** NemoClaw's {@code normalizeTrustedPrivateHost}: one exact host name or IP literal, or a refusal. */
  static String normalizeDeclaration(String raw) throws PresetLayerException {
    String value = raw == null ? "" : raw.strip();
    if (value.isEmpty()) {
      throw invalid("trusted private host must not be empty");
    }
    if (value.startsWith("[") || value.endsWith("]")) {
      Optional<IpAddress> v6 = value.startsWith("[") && value.endsWith("]")
          ? IpAddress.tryParseLiteral(value.substring(1, value.length() - 1)).filter(IpAddress::isIpv6)
          : Optional.empty();
      return v6.map(IpAddress::toString)
          .orElseThrow(() -> invalid("trusted private host \"" + value + "\" is not an IPv6 literal"));
    }
    for (char c : new char[] {'\\', '/', '?', '#', '@', '*', '%'}) {
      if (value.indexOf(c) >= 0) {
        throw invalid("trusted private host \"" + value + "\" must be an exact hostname or IP literal");
      }
    }
    if (value.startsWith(".")) {
      throw invalid("trusted private host \"" + value + "\" must be an exact hostname or IP literal");
    }
    String h = value.toLowerCase(Locale.ROOT);
    if (h.endsWith(".")) {
      h = h.substring(0, h.length() - 1);
    }
    if (h.isEmpty() || h.endsWith(".")) {
      throw invalid("trusted private host \"" + value + "\" is malformed");
    }
    Optional<IpAddress> ip = IpAddress.tryParseLiteral(h);
    if (ip.isPresent()) {
      return ip.get().toString();
    }
    if (h.indexOf(':') >= 0) {
      throw invalid("trusted private host \"" + value + "\" must not include a port");
    }
    if (h.length() > MAX_HOST_LENGTH) {
      throw invalid("trusted private host \"" + value + "\" is too long");
    }
    boolean allDigits = true;
    for (String label : h.split("\\.", -1)) {
      if (label.isEmpty() || label.length() > MAX_LABEL_LENGTH || !Names.isLowercaseLabel(label)) {
        throw invalid("trusted private host \"" + value + "\" is malformed");
      }
      allDigits &= label.chars().allMatch(c -> c >= '0' && c <= '9');
    }
    if (allDigits) {
      throw invalid("trusted private host \"" + value + "\" is not a valid IP literal");
    }
    return h;
  }

  private static boolean isLoopbackName(String host) {
    return host.equals("localhost") || host.endsWith(".localhost");
  }

  private static PresetLayerException invalid(String message) {
    return refusal(PresetLayerError.TRUSTED_HOST_INVALID, message);
  }

  private static PresetLayerException preflight(String host, String reason) {
    return refusal(PresetLayerError.TRUSTED_HOST_PREFLIGHT_FAILED,
        "Trusted private host '" + host + "' failed destination preflight: " + reason + ".");
  }

  private static PresetLayerException refusal(PresetLayerError error, String message) {
    return PresetLayerException.of(error, SourceLocation.NONE, message);
  }

  @Override
  public String toString() {
    return "TrustedPrivateHosts" + hosts;
  }
}
