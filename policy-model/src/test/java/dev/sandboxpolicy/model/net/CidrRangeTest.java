package dev.sandboxpolicy.model.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CidrRangeTest {

  @ParameterizedTest(name = "{0} contains {1}: {2}")
  @CsvSource({
    "10.0.0.0/8, 10.255.255.255, true",
    "10.0.0.0/8, 10.0.0.0, true",
    "10.0.0.0/8, 11.0.0.0, false",
    "10.0.0.0/8, 9.255.255.255, false",
    "172.16.0.0/12, 172.31.255.255, true",
    "172.16.0.0/12, 172.32.0.0, false",
    "100.64.0.0/10, 100.127.0.1, true",
    "100.64.0.0/10, 100.128.0.1, false",
    "0.0.0.0/0, 203.0.113.9, true",
    "0.0.0.0/0, ::1, false",
    "192.0.2.7/32, 192.0.2.7, true",
    "192.0.2.7/32, 192.0.2.8, false",
    "255.255.255.255/32, 255.255.255.255, true",
    "::/0, ::1, true",
    "::/0, 10.0.0.1, false",
    "fe80::/10, febf:ffff::1, true",
    "fe80::/10, fec0::1, false",
    "64:ff9b:1::/48, 64:ff9b:1:ffff::1, true",
    "64:ff9b:1::/48, 64:ff9b:2::1, false",
    "'2001:db8::8000:0:0:0/65', '2001:db8::ffff:0:0:0', true",
    "'2001:db8::8000:0:0:0/65', '2001:db8::7fff:0:0:0', false",
    "'2001:db8::/64', '2001:db8::ffff:ffff:ffff:ffff', true",
    "'2001:db8::/64', '2001:db8:0:1::', false",
    "::1/128, ::1, true",
    "::1/128, ::, false",
    "fc00::/7, fdff:ffff::1, true",
    "fc00::/7, fe00::1, false",
    "10.0.0.0/8, ::ffff:10.0.0.1, false",
  })
  void containsIsPrefixMembershipWithinOneFamily(String range, String address, boolean expected) {
    assertEquals(expected, CidrRange.parse(range).contains(IpAddress.parse(address)));
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    "10.1.2.3/8, 10.0.0.0/8",
    "192.168.1.7, 192.168.1.7/32",
    "fe80::1, fe80::1/128",
    "fe80::1/10, fe80::/10",
    "10.0.0.0/0, 0.0.0.0/0",
    "'2001:db8:ffff::/33', '2001:db8:8000::/33'",
  })
  void parseClearsHostBitsAndBareAddressIsAHost(String text, String canonical) {
    assertEquals(canonical, CidrRange.parse(text).toString());
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    "'', cidr_empty",
    "10.0.0.0/33, cidr_prefix_out_of_range",
    "::/129, cidr_prefix_out_of_range",
    "10.0.0.0/, cidr_prefix_invalid",
    "10.0.0.0/a, cidr_prefix_invalid",
    "10.0.0.0/-1, cidr_prefix_invalid",
    "10.0.0.0/0008, cidr_prefix_invalid",
    "10.0.0.0/8/8, cidr_prefix_invalid",
    "0x7f.0.0.0/8, ipv4_invalid",
    "010.0.0.0/8, ipv4_leading_zero",
    "10.0/8, ipv4_invalid",
  })
  void rejectsBadText(String text, String code) {
    NetFormatException e = assertThrows(NetFormatException.class, () -> CidrRange.parse(text));
    assertEquals(code, e.code(), e.getMessage());
    assertTrue(CidrRange.tryParse(text).isEmpty());
  }

  @Test
  void parseExactRejectsHostBits() {
    NetFormatException e = assertThrows(NetFormatException.class, () -> CidrRange.parseExact("10.0.0.1/8"));
    assertEquals("cidr_host_bits_set", e.code());
    assertTrue(e.getMessage().contains("10.0.0.0/8"), e.getMessage());
    assertEquals(CidrRange.parse("10.0.0.0/8"), CidrRange.parseExact("10.0.0.0/8"));
  }

  @ParameterizedTest(name = "{0} overlaps {1}: {2}")
  @CsvSource({
    "10.0.0.0/8, 10.1.0.0/16, true",
    "10.1.0.0/16, 10.0.0.0/8, true",
    "10.0.0.0/8, 11.0.0.0/8, false",
    "0.0.0.0/0, 127.0.0.1/32, true",
    "127.0.0.0/8, ::1/128, false",
    "fe80::/10, fe80::1/128, true",
    "fe80::/10, fec0::/10, false",
    "::/0, ::/0, true",
    "169.254.0.0/16, 169.254.169.254/32, true",
    "169.255.0.0/16, 169.254.169.254/32, false",
  })
  void overlapsIsSymmetricNesting(String a, String b, boolean expected) {
    CidrRange ra = CidrRange.parse(a);
    CidrRange rb = CidrRange.parse(b);
    assertEquals(expected, ra.overlaps(rb));
    assertEquals(expected, rb.overlaps(ra));
  }

  @Test
  void containsRangeAndValueSemantics() {
    CidrRange wide = CidrRange.parse("10.0.0.0/8");
    CidrRange narrow = CidrRange.parse("10.9.0.0/16");
    assertTrue(wide.contains(narrow));
    assertFalse(narrow.contains(wide));
    assertEquals(wide, CidrRange.of(IpAddress.parse("10.200.1.1"), 8));
    assertNotEquals(wide, CidrRange.parse("10.0.0.0/9"));
    assertTrue(wide.compareTo(CidrRange.parse("10.0.0.0/9")) < 0);
    assertEquals(IpAddress.Family.IPV6, CidrRange.parse("::/0").family());
    NetFormatException e =
        assertThrows(NetFormatException.class, () -> CidrRange.of(IpAddress.parse("10.0.0.0"), 33));
    assertEquals("cidr_prefix_out_of_range", e.code());
  }
}
