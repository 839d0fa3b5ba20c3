package dev.sandboxpolicy.model.net;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class IpAddressTest {

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    // the forms a WHATWG URL parser accepts for IPv4
    "2130706433, 127.0.0.1",
    "0x7f000001, 127.0.0.1",
    "0X7F000001, 127.0.0.1",
    "017700000001, 127.0.0.1",
    "0x7f.1, 127.0.0.1",
    "127.1, 127.0.0.1",
    "127.0.1, 127.0.0.1",
    "0177.0.0.1, 127.0.0.1",
    "0x7F.0.0.0x1, 127.0.0.1",
    "127.0.0.1., 127.0.0.1",
    "10.0x10.1, 10.16.0.1",
    "192.168.257, 192.168.1.1",
    "0, 0.0.0.0",
    "0x, 0.0.0.0",
    "00, 0.0.0.0",
    "4294967295, 255.255.255.255",
    "0xa9fea9fe, 169.254.169.254",
    "8.8.8.8, 8.8.8.8",
    // IPv6, bare and bracketed, normalised to RFC 5952
    "[::1], ::1",
    "::1, ::1",
    "'[::ffff:127.0.0.1]', ::ffff:7f00:1",
    "::ffff:7f00:1, ::ffff:7f00:1",
    "2001:DB8:0:0:1:0:0:1, 2001:db8::1:0:0:1",
    "'1:2:3:4:5:6:7:8', '1:2:3:4:5:6:7:8'",
    "1::, 1::",
    "::, ::",
    "fe80:0:0:0:0:0:0:1, fe80::1",
    "'1:0:0:2:0:0:0:3', '1:0:0:2::3'",
    "'2001:db8:0:1:1:1:1:1', '2001:db8:0:1:1:1:1:1'",
    "'1:0:0:1:0:0:1:1', '1::1:0:0:1:1'",
    "'::1.2.3.4', ::102:304",
    "'64:ff9b::10.0.0.1', 64:ff9b::a00:1",
  })
  void parsesUrlStyleForms(String text, String canonical) {
    assertEquals(canonical, IpAddress.parse(text).toString());
  }

  @ParameterizedTest(name = "{0} -> {1} at {2}")
  @CsvSource({
    "'', address_empty, 0",
    "example.com, address_not_ip_literal, 0",
    "1.2.3.foo, address_not_ip_literal, 0",
    "4294967296, ipv4_part_out_of_range, 0",
    "256.0.0.1, ipv4_part_out_of_range, 0",
    "1.2.300.4, ipv4_part_out_of_range, 4",
    "1.2.65536, ipv4_part_out_of_range, 4",
    "1.2.3.4.5, ipv4_too_many_parts, 8",
    "1..2.3, ipv4_part_empty, 2",
    "0x7g.1, ipv4_part_invalid, 0",
    "08.1, ipv4_part_invalid, 0",
    "'[::1', ipv6_unclosed_bracket, 4",
    "':::', ipv6_multiple_compressions, 2",
    "'1:2:3:4:5:6:7:8:9', ipv6_too_many_groups, 16",
    "'1::2::3', ipv6_multiple_compressions, 5",
    "'1:2:3:4:5:6:7', ipv6_too_few_groups, 13",
    "'12345::', ipv6_invalid, 4",
    "':1::', ipv6_invalid, 0",
    "'1:', ipv6_invalid, 2",
    "'::ffff:127.0.0.01', ipv6_embedded_ipv4_invalid, 15",
    "'::ffff:1.2.3', ipv6_embedded_ipv4_invalid, 12",
    "'1:2:3:4:5:6:7:1.2.3.4', ipv6_embedded_ipv4_invalid, 14",
    "'fe80::1%eth0', ipv6_invalid, 7",
    "'[]', ipv6_too_few_groups, 1",
  })
  void rejectsWithStableCodeAndIndex(String text, String code, int index) {
    NetFormatException e = assertThrows(NetFormatException.class, () -> IpAddress.parse(text));
    assertEquals(code, e.code(), e.getMessage());
    assertEquals(index, e.index(), e.getMessage());
    assertEquals(text, e.input());
    assertEquals(Optional.empty(), IpAddress.tryParse(text));
  }

  @ParameterizedTest(name = "literal {0}")
  @CsvSource({"10.0.0.1", "0.0.0.0", "255.255.255.255", "::ffff:10.0.0.1", "fe80::1", "2001:db8::"})
  void literalParserAcceptsCanonicalForms(String text) {
    assertEquals(IpAddress.parse(text), IpAddress.parseLiteral(text));
  }

  @ParameterizedTest(name = "literal {0} -> {1}")
  @CsvSource({
    "010.0.0.1, ipv4_leading_zero",
    "10.1, ipv4_invalid",
    "2130706433, ipv4_part_out_of_range",
    "0x7f.0.0.1, ipv4_invalid",
    "1.2.3.4., ipv4_invalid",
    "1.2.3.256, ipv4_part_out_of_range",
    "'[::1]', ipv6_invalid",
    "'', address_empty",
  })
  void literalParserRejectsUrlOnlyForms(String text, String code) {
    NetFormatException e = assertThrows(NetFormatException.class, () -> IpAddress.parseLiteral(text));
    assertEquals(code, e.code(), e.getMessage());
    assertTrue(IpAddress.tryParseLiteral(text).isEmpty());
  }

  @ParameterizedTest(name = "{0} mapped -> {1}")
  @CsvSource({
    "::ffff:7f00:1, 127.0.0.1",
    "::ffff:127.0.0.1, 127.0.0.1",
    "[0:0:0:0:0:ffff:a9fe:a9fe], 169.254.169.254",
    "::ffff:0:0, 0.0.0.0",
    "::127.0.0.1, ''",
    "64:ff9b::7f00:1, ''",
    "::fffe:7f00:1, ''",
    "1::ffff:7f00:1, ''",
    "127.0.0.1, ''",
  })
  void unwrapsOnlyIpv4Mapped(String text, String expected) {
    Optional<IpAddress> mapped = IpAddress.parse(text).ipv4Mapped();
    assertEquals(expected == null ? "" : expected, mapped.map(IpAddress::toString).orElse(""));
  }

  @Test
  void octetRoundTripAndFamilies() {
    IpAddress v4 = IpAddress.parse("192.0.2.33");
    assertArrayEquals(new byte[] {(byte) 192, 0, 2, 33}, v4.toOctets());
    assertEquals(v4, IpAddress.fromOctets(v4.toOctets()));
    assertTrue(v4.isIpv4());
    assertEquals(IpAddress.Family.IPV4, v4.family());
    IpAddress v6 = IpAddress.parse("2001:db8::ff00:42:8329");
    byte[] octets = v6.toOctets();
    assertEquals(16, octets.length);
    assertEquals((byte) 0x20, octets[0]);
    assertEquals((byte) 0x29, octets[15]);
    assertEquals(v6, IpAddress.fromOctets(octets));
    assertTrue(v6.isIpv6());
    assertEquals("[2001:db8::ff00:42:8329]", v6.toUrlHost());
    assertEquals("192.0.2.33", v4.toUrlHost());
    NetFormatException e = assertThrows(NetFormatException.class, () -> IpAddress.fromOctets(new byte[5]));
    assertEquals("address_length_invalid", e.code());
  }

  @Test
  void canonicalTextRoundTripsForRandomAddresses() {
    long seed = 0x5eed_1234L;
    SplittableRandom random = new SplittableRandom(seed);
    for (int i = 0; i < 2000; i++) {
      // sparse zero groups so that compression is exercised
      long high = sparse(random);
      long low = sparse(random);
      IpAddress v6 = IpAddress.ipv6(high, low);
      String text = v6.toString();
      assertEquals(v6, IpAddress.parseLiteral(text), "seed " + seed + " text " + text);
      assertFalse(text.contains(":::"), text);
      IpAddress v4 = IpAddress.ipv4(random.nextInt());
      assertEquals(v4, IpAddress.parseLiteral(v4.toString()), "seed " + seed);
      assertEquals(v4, IpAddress.parse(Long.toString(v4.lowBits())), "decimal form, seed " + seed);
      assertEquals(v4, IpAddress.parse("0x" + Long.toHexString(v4.lowBits())), "hex form, seed " + seed);
    }
  }

  private static long sparse(SplittableRandom random) {
    long value = 0;
    for (int g = 0; g < 4; g++) {
      long group = random.nextInt(3) == 0 ? random.nextInt(0x10000) : 0;
      value = (value << 16) | group;
    }
    return value;
  }

  @Test
  void orderingIsFamilyThenUnsignedBits() {
    assertTrue(IpAddress.parse("255.255.255.255").compareTo(IpAddress.parse("::")) < 0);
    assertTrue(IpAddress.parse("255.0.0.0").compareTo(IpAddress.parse("1.0.0.0")) > 0);
    assertTrue(IpAddress.parse("ff00::").compareTo(IpAddress.parse("1::")) > 0);
    assertTrue(IpAddress.parse("::ffff:ffff:ffff:ffff").compareTo(IpAddress.parse("::1")) > 0);
    assertEquals(IpAddress.parse("0x7f.1").hashCode(), IpAddress.parse("127.0.0.1").hashCode());
  }
}
