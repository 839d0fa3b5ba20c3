package dev.sandboxpolicy.explain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sandboxpolicy.model.net.PrivateNetworks;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HostStemAndRedactionTest {

  @ParameterizedTest(name = "[{index}] ''{0}'' -> ''{1}''")
  @CsvSource(
      value = {
        "api.github.com|api.github.com",
        "'  API.GitHub.com.  '|api.github.com",
        "https://api.github.com/repos?x#y|api.github.com",
        "git+ssh://git@github.com:22/x|github.com",
        "user:pw@host.example.com:8443|host.example.com",
        "a@b@c.example.com|c.example.com",
        "[2001:DB8::1]:443|2001:db8::1",
        "[::1]|::1",
        "2001:db8::1|2001:db8::1",
        "fe80::1:443|fe80::1:443",
        "::ffff:10.0.0.1|10.0.0.1",
        "0:0:0:0:0:ffff:192.168.1.1|192.168.1.1",
        "::ffff:0a00:1|::ffff:0a00:1",
        "999.1.1.1|999.1.1.1",
        "10.0.0.1:8080|10.0.0.1",
        "0x7f.1|0x7f.1",
        "host:99999|host",
        "host:999999|",
        "''|",
        "'   '|",
        "*.discord.gg|",
        "my_host.example|",
        "-bad.example|",
        "a..b|",
        "host with space|",
        "back\\slash.example|",
        "bang!.example|",
        "'a:b'|",
        "x:1|x",
        "localhost|localhost",
      },
      delimiter = '|')
  void canonicalizesLikeUpstream(String raw, String stem) {
    assertEquals(stem == null ? "" : stem, HostStem.canonicalize(raw).orElse(""));
  }

  @ParameterizedTest(name = "[{index}] {0} internal: {1}")
  @CsvSource({
    // reserved names
    "localhost, true",
    "localhost.localdomain, true",
    "ip6-localhost, true",
    "ip6-loopback, true",
    "broadcasthost, true",
    // each IPv4 range, inside and just outside
    "10.1.2.3, true",
    "11.0.0.0, false",
    "127.0.0.1, true",
    "0.0.0.0, true",
    "169.254.169.254, true",
    "169.255.0.1, false",
    "172.16.0.1, true",
    "172.32.0.1, false",
    "192.168.0.1, true",
    "100.64.0.1, true",
    "100.128.0.1, false",
    "198.18.0.1, true",
    "198.20.0.1, false",
    "192.0.0.8, true",
    "224.0.0.1, true",
    "240.0.0.1, true",
    "255.255.255.255, true",
    "223.255.255.255, false",
    "8.8.8.8, false",
    // TEST-NETs are NOT internal for redaction (they are for SSRF)
    "192.0.2.1, false",
    "198.51.100.1, false",
    "203.0.113.1, false",
    // octets above 255: not an IPv4 address and a valid host name
    "999.1.1.1, false",
    // IPv6
    "::, true",
    "::1, true",
    "fe80::1, true",
    "febf::1, true",
    "fec0::1, false",
    "fc00::1, true",
    "fd12:3456::1, true",
    "fc::1, true",
    "ff02::1, true",
    "ff::1, true",
    "2001:db8::1, false",
    "64:ff9b::a00:1, false",
    "::10.0.0.1, true",
    "::8.8.8.8, false",
    "::ffff:0a00:1, false",
    // suffixes: bare label, subdomain, and look-alikes
    "printer.local, true",
    "local, true",
    "db.internal, true",
    "router.lan, true",
    "nas.home, true",
    "nas.home.arpa, true",
    "home.arpa, true",
    "git.corp, true",
    "wiki.intra, true",
    "portal.intranet, true",
    "box.localdomain, true",
    "localdomain, true",
    "corp.example.com, false",
    "mylocal, false",
    "example.lan.com, false",
    "internal.example, false",
    // not a valid host name and no colon: safety net
    "a_b.example, true",
    "*.example.com, true",
    // ordinary public names
    "api.github.com, false",
    "0x7f.1, false",
  })
  void internalTestIsTheRedactionRuleNotTheSsrfRule(String stem, boolean internal) {
    assertEquals(internal, HostRedaction.isInternal(stem));
  }

  @ParameterizedTest(name = "[{index}] {0} redacted: {1}")
  @CsvSource({
    "https://10.0.0.5:8443/api, true",
    "*.slack.com, true",
    "'', true",
    "API.Slack.com, false",
    "[fd00::5]:443, true",
    "::ffff:192.168.1.1, true",
    "db.corp., true",
  })
  void redactHostCombinesCanonicalizationAndTheInternalTest(String raw, boolean redacted) {
    assertEquals(redacted, HostRedaction.isRedacted(raw));
  }

  @Test
  void redactionAndSsrfDisagreeAsSpecified() {
    PrivateNetworks ssrf = PrivateNetworks.nemoClaw();
    // SSRF blocks, redaction shows
    for (String host : List.of("192.0.2.1", "2001:db8::1", "64:ff9b::a00:1", "0x7f.1", "::ffff:7f00:1")) {
      assertTrue(ssrf.isPrivateHostname(host), host);
      assertFalse(HostRedaction.isRedacted(host), host);
    }
    // redaction hides, SSRF allows
    for (String host : List.of("git.corp", "router.lan", "nas.home.arpa", "bad_host", "wiki.intranet")) {
      assertTrue(HostRedaction.isRedacted(host), host);
      assertFalse(ssrf.isPrivateHostname(host), host);
    }
  }

  @Test
  void categoriesCountEveryDroppedOccurrenceButMergePublicDuplicates() {
    HostCategories c =
        HostCategories.of(
            Arrays.asList(
                "api.slack.com",
                "API.SLACK.COM",
                "https://files.slack.com/x",
                "*.slack.com",
                "*.slack.com",
                "10.0.0.1",
                "db.internal",
                "bad_host",
                "b.example",
                "a.example"));
    assertEquals(List.of("a.example", "api.slack.com", "b.example", "files.slack.com"), c.allowedHostCategories());
    assertEquals(5, c.redactedHostCount());
  }
}
