package dev.sandboxpolicy.merge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sandboxpolicy.model.Endpoint;
import dev.sandboxpolicy.model.Policy;
import dev.sandboxpolicy.model.net.HostResolver;
import dev.sandboxpolicy.model.net.IpAddress;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TrustedPrivateHostsTest {

  private final Policy baseline = Fixtures.policy(Fixtures.BASELINE);
  private final Map<String, List<IpAddress>> dns = new HashMap<>();
  private final List<String> lookups = new ArrayList<>();
  private final HostResolver resolver = name -> {
    lookups.add(name);
    if (!dns.containsKey(name)) {
      throw new IOException("getaddrinfo ENOTFOUND " + name);
    }
    return dns.get(name);
  };

  private void answer(String name, String... addresses) {
    dns.put(name, java.util.Arrays.stream(addresses).map(IpAddress::parse).toList());
  }

  private CustomPreset load(String name, String host, Set<String> trusted) throws PresetLayerException {
    return CustomPresetLoader.check(Fixtures.presetYaml(name, name.replace('-', '_'), host), Path.of(name + ".yaml"),
        trusted);
  }

  private List<CustomPreset> pin(List<String> declared, CustomPreset... presets) throws PresetLayerException {
    return TrustedPrivateHosts.of(declared, resolver).pin(List.of(presets));
  }

  @Test
  void pinsSortedLowerCaseAddressesAndTheMergeAcceptsThem() throws Exception {
    answer("db.corp.example", "10.20.30.5", "10.20.30.40", "FD00::AB", "10.20.30.5");
    CustomPreset db = load("db", "DB.Corp.Example.", Set.of("db.corp.example"));
    CustomPreset pinned = pin(List.of("db.corp.example"), db).get(0);
    List<String> expected = List.of("10.20.30.40", "10.20.30.5", "fd00::ab");
    assertEquals(Map.of("db.corp.example", expected), pinned.pins());
    Endpoint ep = pinned.preset().networkPolicies().get("db").endpoints().get(0);
    assertEquals(expected, ep.allowedIps());
    assertTrue(pinned.pinsDigest().orElseThrow().matches("sha256:[0-9a-f]{64}"));
    assertEquals(List.of("db.corp.example"), lookups);

    Policy live = PolicyStack.of(baseline).apply(pinned.toLayer()).stack().effective();
    assertEquals(expected, live.networkPolicies().get("nemoclaw_custom__db__db").endpoints().get(0).allowedIps());
    assertEquals(live, PresetMerger.mergeLayers(baseline, List.of(pinned.toLayer())).policy());
  }

  @Test
  void theDigestBindsTheExactPins() throws Exception {
    answer("db.corp.example", "10.0.0.1");
    String first = pin(List.of("db.corp.example"), load("db", "db.corp.example", Set.of("db.corp.example")))
        .get(0).pinsDigest().orElseThrow();
    answer("db.corp.example", "10.0.0.2");
    String second = pin(List.of("db.corp.example"), load("db", "db.corp.example", Set.of("db.corp.example")))
        .get(0).pinsDigest().orElseThrow();
    assertNotEquals(first, second);
    assertEquals(java.util.Optional.empty(), load("other", "api.example.com", Set.of()).pinsDigest());
  }

  @Test
  void aPrivateNameLoadsOnlyWhenTrustedAndAppliesOnlyWhenPinned() throws Exception {
    assertEquals("preset_host_private",
        assertThrows(PresetLayerException.class, () -> load("nas", "nas.internal", Set.of())).code());
    CustomPreset trusted = load("nas", "NAS.internal.", Set.of("nas.internal"));
    assertEquals("preset_host_private",
        assertThrows(PresetLayerException.class,
            () -> PolicyStack.of(baseline).apply(trusted.toLayer())).code(),
        "declared trust without pins is not enough to apply");
    answer("nas.internal", "192.168.1.10");
    CustomPreset pinned = pin(List.of("nas.internal"), trusted).get(0);
    PolicyStack.of(baseline).apply(pinned.toLayer());
  }

  @Test
  void literalsNeedNoLookup() throws Exception {
    CustomPreset v4 = load("v4", "10.0.0.7", Set.of("10.0.0.7"));
    CustomPreset v6 = load("v6", "[FD00::1]", Set.of("[fd00::1]"));
    List<CustomPreset> pinned = pin(List.of("10.0.0.7", "[fd00::1]"), v4, v6);
    assertEquals(Map.of("10.0.0.7", List.of("10.0.0.7")), pinned.get(0).pins());
    assertEquals(Map.of("fd00::1", List.of("fd00::1")), pinned.get(1).pins());
    assertEquals(List.of(), lookups);
  }

  @Test
  void pinsCannotBeAuthored() {
    String authored = Fixtures.presetYaml("db", "db", "db.corp.example")
        .replace("access: full", "access: full\n        allowed_ips: [10.20.30.40]");
    PresetLayerException e = assertThrows(PresetLayerException.class,
        () -> CustomPresetLoader.check(authored, Path.of("db.yaml"), Set.of("db.corp.example")));
    assertEquals("preset_allowed_ips", e.code());
    assertEquals(List.of(), lookups, "refused before anything is resolved");
  }

  @ParameterizedTest(name = "{0} answers {1} -> {2}")
  @CsvSource(
      delimiter = '|',
      value = {
        "db.corp.example|169.254.169.254|trusted_host_preflight_failed|Trusted private host 'db.corp.example' failed"
            + " destination preflight: endpoint host \"db.corp.example\" resolves to private/internal address"
            + " \"169.254.169.254\".",
        "db.corp.example|10.0.0.1,127.0.0.1|trusted_host_preflight_failed|Trusted private host 'db.corp.example'"
            + " failed destination preflight: endpoint host \"db.corp.example\" resolves to private/internal address"
            + " \"127.0.0.1\".",
        "db.corp.example|8.8.8.8|trusted_host_not_private|Trusted private host 'db.corp.example' did not resolve to"
            + " an operator-trustable private address.",
        "db.corp.example|10.0.0.1,8.8.8.8|trusted_host_not_private|Trusted private host 'db.corp.example' did not"
            + " resolve to an operator-trustable private address.",
        "db.corp.example||trusted_host_preflight_failed|Trusted private host 'db.corp.example' failed destination"
            + " preflight: endpoint host \"db.corp.example\" did not resolve to any address.",
        "unknown.corp.example|-|trusted_host_preflight_failed|Trusted private host 'unknown.corp.example' failed"
            + " destination preflight: cannot resolve endpoint host \"unknown.corp.example\": getaddrinfo ENOTFOUND"
            + " unknown.corp.example.",
        "127.0.0.1|-|trusted_host_preflight_failed|Trusted private host '127.0.0.1' failed destination preflight:"
            + " endpoint host \"127.0.0.1\" is a private/internal address.",
        "8.8.8.8|-|trusted_host_not_private|Trusted private host '8.8.8.8' did not resolve to an operator-trustable"
            + " private address.",
        "localhost|-|trusted_host_preflight_failed|Trusted private host 'localhost' failed destination preflight:"
            + " endpoint host \"localhost\" is a private/internal address.",
        "inference.local|-|trusted_host_preflight_failed|Trusted private host 'inference.local' failed destination"
            + " preflight: endpoint host \"inference.local\" is a private/internal address.",
      })
  void refusesEverythingButTrustablePrivateAnswers(String host, String answers, String code, String message)
      throws Exception {
    if (answers == null) {
      dns.put(host, List.of());
    } else if (!answers.equals("-")) {
      answer(host, answers.split(","));
    }
    CustomPreset p = load("p", host, Set.of(host));
    PresetLayerException e = assertThrows(PresetLayerException.class, () -> pin(List.of(host), p));
    assertEquals(code, e.code());
    assertEquals(message, e.getMessage());
  }

  @ParameterizedTest(name = "[{index}] {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "https://db.example|trusted private host \"https://db.example\" must be an exact hostname or IP literal",
        "db.example:5432|trusted private host \"db.example:5432\" must not include a port",
        "*.corp.example|trusted private host \"*.corp.example\" must be an exact hostname or IP literal",
        "db.example/x|trusted private host \"db.example/x\" must be an exact hostname or IP literal",
        "fe80::1%eth0|trusted private host \"fe80::1%eth0\" must be an exact hostname or IP literal",
        "[10.0.0.1]|trusted private host \"[10.0.0.1]\" is not an IPv6 literal",
        "a..b|trusted private host \"a..b\" is malformed",
        ".corp.example|trusted private host \".corp.example\" must be an exact hostname or IP literal",
        "under_score.example|trusted private host \"under_score.example\" is malformed",
        "10.0.0.256|trusted private host \"10.0.0.256\" is not a valid IP literal",
        "' '|trusted private host must not be empty",
      })
  void declarationsMustBeExactHosts(String declaration, String message) {
    PresetLayerException e = assertThrows(PresetLayerException.class,
        () -> TrustedPrivateHosts.of(List.of(declaration), resolver));
    assertEquals("trusted_host_invalid", e.code());
    assertEquals(message, e.getMessage());
  }

  @Test
  void declarationsAreMatchedAfterNormalisationAndOnlyOnce() throws Exception {
    assertEquals("Trusted private host 'db.corp.example' was declared more than once after normalization.",
        assertThrows(PresetLayerException.class,
            () -> TrustedPrivateHosts.of(List.of("db.corp.example", " DB.Corp.Example. "), resolver)).getMessage());
    CustomPreset p = load("p", "api.corp.example", Set.of());
    PresetLayerException e = assertThrows(PresetLayerException.class, () -> pin(List.of("db.corp.example"), p));
    assertEquals("trusted_host_unmatched", e.code());
    assertEquals("Trusted private host 'db.corp.example' does not match an endpoint in the custom preset input.",
        e.getMessage());
    assertEquals(List.of(), lookups, "an unmatched declaration refuses before any lookup");
    assertEquals(List.of("a.example", "b.example"), TrustedPrivateHosts.parseList(" a.example, ,b.example,"));
  }

  @Test
  void ambientDeclarationsApplyOnlyWhereAnEndpointUsesThem() throws Exception {
    answer("db.corp.example", "10.1.1.1");
    CustomPreset p = load("p", "db.corp.example", Set.of("db.corp.example"));
    TrustedPrivateHosts trust =
        TrustedPrivateHosts.of(List.of(), List.of("db.corp.example", "unused.corp.example", "DB.corp.example"), resolver);
    List<CustomPreset> pinned = trust.pin(List.of(p));
    assertEquals(Map.of("db.corp.example", List.of("10.1.1.1")), pinned.get(0).pins());
    assertEquals(List.of("db.corp.example"), lookups, "the unused ambient host is not resolved");
  }

  @Test
  void oneDeclarationPinsEveryEndpointOfTheHostAcrossTheBatch() throws Exception {
    answer("db.corp.example", "10.9.8.7");
    CustomPreset a = load("a", "db.corp.example", Set.of("db.corp.example"));
    CustomPreset b = load("b", "db.corp.example", Set.of("db.corp.example"));
    CustomPreset c = load("c", "api.example.com", Set.of());
    List<CustomPreset> pinned = pin(List.of("db.corp.example"), a, b, c);
    assertEquals(List.of("10.9.8.7"), pinned.get(1).pins().get("db.corp.example"));
    assertEquals(Map.of(), pinned.get(2).pins());
    assertEquals(List.of("db.corp.example"), lookups, "one lookup per host");
  }
}
