package dev.sandboxpolicy.model.net;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SpecialPurposeRangesTest {

  @ParameterizedTest
  @CsvSource({
    "127.0.0.1, true",
    "127.255.255.254, true",
    "169.254.169.254, true",
    "0.0.0.0, true",
    "::1, true",
    "::, true",
    "fe80::1, true",
    "febf::1, true",
    "::ffff:127.0.0.1, true",
    "::ffff:169.254.1.1, true",
    "::ffff:0.0.0.0, true",
    "0.0.0.1, false",
    "10.0.0.5, false",
    "192.168.1.1, false",
    "128.0.0.1, false",
    "169.255.0.1, false",
    "fec0::1, false",
    "::2, false",
    "::ffff:10.0.0.1, false",
    "8.8.8.8, false",
  })
  void alwaysBlockedIsLoopbackLinkLocalAndUnspecifiedAlsoWhenIpv4Mapped(String address, boolean blocked) {
    assertEquals(blocked, SpecialPurposeRanges.isAlwaysBlocked(IpAddress.parse(address)), address);
  }
}
