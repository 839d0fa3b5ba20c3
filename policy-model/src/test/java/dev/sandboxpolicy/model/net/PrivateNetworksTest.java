package dev.sandboxpolicy.model.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PrivateNetworksTest {

  private static final PrivateNetworks TABLE = PrivateNetworks.nemoClaw();

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    // one address inside each range, and neighbours just outside it
    "0.0.0.0, 0.0.0.0/8",
    "0.255.255.255, 0.0.0.0/8",
    "1.0.0.0, ''",
    "10.0.0.1, 10.0.0.0/8",
    "9.255.255.255, ''",
    "11.0.0.0, ''",
    "100.64.0.1, 100.64.0.0/10",
    "100.127.255.255, 100.64.0.0/10",
    "100.63.255.255, ''",
    "100.128.0.0, ''",
    "127.0.0.1, 127.0.0.0/8",
    "127.255.255.254, 127.0.0.0/8",
    "169.254.169.254, 169.254.0.0/16",
    "169.255.0.0, ''",
    "172.16.0.1, 172.16.0.0/12",
    "172.31.255.255, 172.16.0.0/12",
    "172.15.255.255, ''",
    "172.32.0.0, ''",
    "192.0.0.9, 192.0.0.0/24",
    "192.0.1.1, ''",
    "192.0.2.1, 192.0.2.0/24",
    "192.0.3.0, ''",
    "192.168.1.1, 192.168.0.0/16",
    "192.169.0.0, ''",
    "198.18.0.1, 198.18.0.0/15",
    "198.19.255.255, 198.18.0.0/15",
    "198.17.255.255, ''",
    "198.20.0.0, ''",
    "198.51.100.7, 198.51.100.0/24",
    "203.0.113.9, 203.0.113.0/24",
    "224.0.0.1, 224.0.0.0/4",
    "239.255.255.255, 224.0.0.0/4",
    "240.0.0.1, 240.0.0.0/4",
    "255.255.255.255, 240.0.0.0/4",
    "8.8.8.8, ''",
    "1.1.1.1, ''",
    "::, ::/128",
    "::1, ::1/128",
    "::2, ''",
    "64:ff9b::a00:1, 64:ff9b::/96",
    "64:ff9b::1:a00:1, ''",
    "64:ff9b:1::1, 64:ff9b:1::/48",
    "100::1, 100::/64",
    "100:0:0:1::1, ''",
    "2001::1, 2001::/32",
    "2001:db8::1, 2001:db8::/32",
    "2001:4860:4860::8888, ''",
    "2002:c000:204::1, 2002::/16",
    "fc00::1, fc00::/7",
    "fdff:ffff::1, fc00::/7",
    "fe80::1, fe80::/10",
    "febf::1, fe80::/10",
    "fec0::1, ''",
    "ff02::1, ff00::/8",
    "2606:4700:4700::1111, ''",
    // URL-parser forms
    "2130706433, 127.0.0.0/8",
    "0x7f.1, 127.0.0.0/8",
    "127.1, 127.0.0.0/8",
    "0177.0.0.1, 127.0.0.0/8",
    "0xa9fea9fe, 169.254.0.0/16",
    "'[::1]', ::1/128",
    // IPv4-mapped: tested against the IPv4 table, in both spellings
    "::ffff:7f00:1, 127.0.0.0/8",
    "::ffff:127.0.0.1, 127.0.0.0/8",
    "'[::ffff:a9fe:a9fe]', 169.254.0.0/16",
    "::ffff:10.1.2.3, 10.0.0.0/8",
    "::ffff:8.8.8.8, ''",
    // IPv4-compatible is not unwrapped
    "::127.0.0.1, ''",
    "::a00:1, ''",
    // zone ids are ignored
    "fe80::1%eth0, fe80::/10",
    // not addresses at all
    "example.com, ''",
    "'', ''",
    "999.1.1.1, ''",
  })
  void classifiesEachRange(String address, String range) {
    AddressClassification verdict = TABLE.classify(address);
    assertEquals(!range.isEmpty(), verdict.blocked(), verdict.toString());
    assertEquals(range, verdict.range().map(CidrRange::toString).orElse(""));
    assertEquals(verdict.blocked(), TABLE.isPrivateIp(address));
  }

  @ParameterizedTest(name = "{0} private: {1}")
  @CsvSource({
    "localhost, true",
    "foo.localhost, true",
    "LOCALHOST., true",
    "PRINTER.LOCAL., true",
    "local, true",
    "db.internal, true",
    "'[::1]', true",
    "127.0.0.1., true",
    "0x7f.1, true",
    "local.example.com, false",
    "localhost.com, false",
    "internal.example, false",
    "example.com, false",
    "'[2606:4700::1]', false",
  })
  void classifiesHostNames(String host, boolean expected) {
    assertEquals(expected, TABLE.isPrivateHostname(host));
  }

  @Test
  void nullIsNeverPrivate() {
    assertFalse(TABLE.isPrivateHostname(null));
    assertFalse(TABLE.classify((String) null).blocked());
  }

  @Test
  void customTableReportsFirstMatch() {
    PrivateNetworks custom =
        PrivateNetworks.of(
            List.of(
                BlockedRange.of(CidrRange.parse("10.0.0.0/8"), "wide"),
                BlockedRange.of(CidrRange.parse("10.1.0.0/16"), "narrow")),
            List.of(BlockedName.of("Corp.", "corp")));
    assertEquals("wide", custom.classify("10.1.0.1").match().orElseThrow().purpose());
    assertTrue(custom.isPrivateHostname("x.corp"));
    assertFalse(custom.isPrivateHostname("localhost"));
    assertEquals("corp", custom.matchName("A.CORP").orElseThrow().name());
  }

  /** The table in code must equal private-networks.yaml of the reference commit (skipped without ../shared). */
  @Test
  void tableMatchesUpstreamPrivateNetworksYaml() throws IOException {
    String shared = System.getProperty("sandboxpolicy.shared");
    Assumptions.assumeTrue(shared != null, "sandboxpolicy.shared not set");
    Path yaml = Path.of(shared, "upstream/nemoclaw/nemoclaw-blueprint/private-networks.yaml");
    Assumptions.assumeTrue(Files.isRegularFile(yaml), "no upstream private-networks.yaml");
    Set<CidrRange> upstreamRanges = new HashSet<>();
    List<String> upstreamNames = new ArrayList<>();
    String pendingAddress = null;
    for (String raw : Files.readAllLines(yaml)) {
      String line = raw.strip();
      if (line.startsWith("- address:")) {
        pendingAddress = unquote(line.substring("- address:".length()));
      } else if (line.startsWith("prefix:") && pendingAddress != null) {
        upstreamRanges.add(
            CidrRange.parseExact(pendingAddress + "/" + line.substring("prefix:".length()).strip()));
        pendingAddress = null;
      } else if (line.startsWith("- name:")) {
        upstreamNames.add(unquote(line.substring("- name:".length())));
      }
    }
    assertEquals(25, upstreamRanges.size(), "fixture parse sanity");
    Set<CidrRange> ours = TABLE.ranges().stream().map(BlockedRange::range).collect(Collectors.toSet());
    assertEquals(upstreamRanges, ours);
    assertEquals(upstreamNames, TABLE.names().stream().map(BlockedName::name).collect(Collectors.toList()));
  }

  private static String unquote(String value) {
    String v = value.strip();
    if (v.length() >= 2 && (v.startsWith("\"") || v.startsWith("'"))) {
      v = v.substring(1, v.length() - 1);
    }
    return v;
  }
}
