package dev.sandboxpolicy.model.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
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
    "::2, ::/96",
    "::1:0:0:0, ''",
    "64:ff9b::a00:1, 64:ff9b::/96",
    "64:ff9b::1:a00:1, ''",
    "64:ff9b:1::1, 64:ff9b:1::/48",
    "100::1, 100::/64",
    "100:0:0:1::1, ''",
    "2001::1, 2001::/23",
    "2001:1ff:ffff::1, 2001::/23",
    "2001:200::1, ''",
    "2001:db8::1, 2001:db8::/32",
    "2001:4860:4860::8888, ''",
    "2002:c000:204::1, 2002::/16",
    "fc00::1, fc00::/7",
    "fdff:ffff::1, fc00::/7",
    "fe80::1, fe80::/10",
    "febf::1, fe80::/10",
    "fec0::1, fec0::/10",
    "feff::1, fec0::/10",
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
    // IPv4-compatible forms are blocked through ::/96 (#8321), whatever the embedded address
    "::127.0.0.1, ::/96",
    "::a00:1, ::/96",
    "::8.8.8.8, ::/96",
    // #8321 additions
    "192.31.196.1, 192.31.196.0/24",
    "192.52.193.1, 192.52.193.0/24",
    "192.88.99.1, 192.88.99.0/24",
    "192.175.48.1, 192.175.48.0/24",
    "192.88.100.1, ''",
    "2620:4f:8000::1, 2620:4f:8000::/48",
    "2620:4f:8001::1, ''",
    "3fff::1, 3fff::/20",
    "3fff:fff::1, 3fff::/20",
    "3fff:1000::1, ''",
    "5f00::1, 5f00::/16",
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
    "metadata, true",
    "Metadata., true",
    "instance.metadata, true",
    "metadata.example.com, false",
    "'[::127.0.0.1]', true",
    "example.com, false",
    "'[2606:4700::1]', false",
  })
  void classifiesHostNames(String host, boolean expected) {
    assertEquals(expected, TABLE.isPrivateHostname(host));
  }

  @ParameterizedTest(name = "{0} private: {1}")
  @CsvSource({
    "*.internal, true",
    "**.local, true",
    "api.*.metadata, true",
    "*.example.com, false",
    "'*', false",
    "'**', false",
    "api.example.*, false",
    "db.internal, true",
    "' 127.0.0.1 ', true",
    "api.example.com, false",
  })
  void classifiesHostPatterns(String host, boolean expected) {
    assertEquals(expected, TABLE.isPrivateHostPattern(host));
  }

  @Test
  void nullIsNeverPrivate() {
    assertFalse(TABLE.isPrivateHostname(null));
    assertFalse(TABLE.classify((String) null).blocked());
    assertFalse(TABLE.isPrivateHostPattern(null));
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

  /**
   * The table follows NemoClaw after #8321; the private-networks.yaml under ../shared/upstream predates it. The table
   * must equal that file plus exactly the documented #8321 changes (docs/compatibility.md), so a change on either
   * side fails here until it is explained. Skipped without ../shared.
   */
  @Test
  void tableIsUpstreamPrivateNetworksYamlPlusTheDocumentedChanges() throws IOException {
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
    Set<CidrRange> expected = new HashSet<>(upstreamRanges);
    expected.removeAll(REPLACED_BY_8321);
    expected.addAll(ADDED_BY_8321);
    Set<CidrRange> ours = TABLE.ranges().stream().map(BlockedRange::range).collect(Collectors.toSet());
    assertEquals(expected, ours);
    List<String> expectedNames = new ArrayList<>(upstreamNames);
    expectedNames.add("metadata");
    assertEquals(expectedNames, TABLE.names().stream().map(BlockedName::name).collect(Collectors.toList()));
  }

  /** Ranges #8321 widened: 2001::/32 (Teredo) became 2001::/23 (IETF protocol assignments). */
  private static final Set<CidrRange> REPLACED_BY_8321 = Set.of(CidrRange.parse("2001::/32"));

  /** Ranges #8321 added (upstream-changes-2026-09 item 13). */
  private static final Set<CidrRange> ADDED_BY_8321 =
      Set.of(
          "192.31.196.0/24", "192.52.193.0/24", "192.88.99.0/24", "192.175.48.0/24",
          "::/96", "2001::/23", "2620:4f:8000::/48", "3fff::/20", "5f00::/16", "fec0::/10")
          .stream()
          .map(CidrRange::parse)
          .collect(Collectors.toSet());

  @Test
  void narrowEntriesAreTriedBeforeTheWideOnesThatContainThem() {
    assertEquals("::/128", TABLE.classify("::").range().orElseThrow().toString());
    assertEquals("::1/128", TABLE.classify("::1").range().orElseThrow().toString());
    List<BlockedRange> ranges = TABLE.ranges();
    for (int i = 0; i < ranges.size(); i++) {
      for (int j = i + 1; j < ranges.size(); j++) {
        assertFalse(
            ranges.get(i).range().contains(ranges.get(j).range()),
            ranges.get(j) + " is unreachable behind " + ranges.get(i));
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "ipv4 10.0.0.0/8|line 1: expected KIND VALUE PURPOSE",
        "ipv4 10.1.0.0/8 x|line 1: ",
        "ipv6 10.0.0.0/8 x|line 1: 10.0.0.0/8 is not an ipv6 range",
        "ipv4 ::/96 x|line 1: ::/96 is not an ipv4 range",
        "ipv4 10.0.0.0/8 a\\nipv4 10.0.0.0/8 b|line 2: duplicate range 10.0.0.0/8",
        "name local a\\n# c\\nname LOCAL. b|line 3: duplicate name local",
        "cidr 10.0.0.0/8 x|line 1: unknown kind 'cidr'",
      })
  void parseRefusesMalformedTables(String text, String messageStart) {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> PrivateNetworks.parse(text.replace("\\n", "\n")));
    assertTrue(e.getMessage().startsWith(messageStart), e.getMessage());
  }

  @Test
  void parseReadsEntriesInOrder() {
    PrivateNetworks t = PrivateNetworks.parse("# x\n\nipv4 10.0.0.0/8  wide  one\nname Corp.  corp names\n");
    assertEquals(List.of(BlockedRange.of(CidrRange.parse("10.0.0.0/8"), "wide  one")), t.ranges());
    assertEquals(List.of(BlockedName.of("corp", "corp names")), t.names());
  }

  @ParameterizedTest(name = "{0} trustable: {1}")
  @CsvSource({
    "10.1.2.3, true",
    "172.31.0.1, true",
    "192.168.1.1, true",
    "100.64.0.1, true",
    "fd12::1, true",
    "::ffff:10.0.0.1, true",
    "127.0.0.1, false",
    "169.254.169.254, false",
    "fe80::1, false",
    "8.8.8.8, false",
    "192.0.2.1, false",
    "::10.0.0.1, false",
  })
  void operatorTrustableRangesAreRfc1918CgnatAndUla(String address, boolean trustable) {
    assertEquals(trustable, PrivateNetworks.isOperatorTrustable(IpAddress.parse(address)));
  }

  private static String unquote(String value) {
    String v = value.strip();
    if (v.length() >= 2 && (v.startsWith("\"") || v.startsWith("'"))) {
      v = v.substring(1, v.length() - 1);
    }
    return v;
  }
}
