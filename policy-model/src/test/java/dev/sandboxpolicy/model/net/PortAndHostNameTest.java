package dev.sandboxpolicy.model.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sandboxpolicy.model.ProblemCode;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PortAndHostNameTest {

  @ParameterizedTest(name = "port {0} -> {1}")
  @CsvSource({"1, 1", "443, 443", "0443, 443", "65535, 65535"})
  void parsesPorts(String text, int value) {
    assertEquals(value, Port.parse(text).value());
  }

  /** Every bad port is one code, the value rules' {@code port_invalid}; the index and message say what is wrong. */
  @ParameterizedTest(name = "port {0} -> port_invalid at {1}: {2}")
  @CsvSource({
    "0, 0, 'must be in [1, 65535]'",
    "65536, 0, 'must be in [1, 65535]'",
    "99999999999999999999, 0, 'must be in [1, 65535]'",
    "'', 0, empty",
    "+80, 0, decimal digits",
    "8 0, 1, decimal digits",
    "0x50, 1, decimal digits",
  })
  void rejectsBadPorts(String text, int index, String why) {
    NetFormatException e = assertThrows(NetFormatException.class, () -> Port.parse(text));
    assertEquals(ProblemCode.PORT_INVALID.wireName(), e.code());
    assertEquals(index, e.index());
    assertTrue(e.getMessage().contains(why), e.getMessage());
    assertTrue(Port.tryParse(text).isEmpty());
  }

  @Test
  void portRange() {
    assertFalse(Port.isValid(0));
    assertTrue(Port.isValid(Port.MAX_VALUE));
    assertEquals("port_invalid", assertThrows(NetFormatException.class, () -> Port.of(-1)).code());
    assertEquals(Port.HTTPS, Port.of(443));
    assertTrue(Port.of(80).compareTo(Port.of(443)) < 0);
  }

  @ParameterizedTest(name = "host {0} -> {1}")
  @CsvSource({
    "api.github.com, api.github.com",
    "API.GitHub.COM., api.github.com",
    "localhost, localhost",
    "3com.com, 3com.com",
    "xn--bcher-kva.example, xn--bcher-kva.example",
    "a-b.c, a-b.c",
    "1.2.3.4, 1.2.3.4",
  })
  void parsesHostNames(String text, String canonical) {
    assertEquals(canonical, HostName.parse(text).toString());
  }

  @ParameterizedTest(name = "host {0} -> {1}")
  @CsvSource({
    "'', host_empty",
    "., host_empty",
    "a..b, host_label_empty",
    ".a, host_label_empty",
    "-a.com, host_label_hyphen",
    "a-.com, host_label_hyphen",
    "*.example.com, host_invalid_character",
    "my_host.example, host_invalid_character",
    "bücher.example, host_invalid_character",
    "a b, host_invalid_character",
    "'[::1]', host_invalid_character",
  })
  void rejectsBadHostNames(String text, String code) {
    assertEquals(code, assertThrows(NetFormatException.class, () -> HostName.parse(text)).code());
    assertFalse(HostName.isValid(text));
  }

  @Test
  void lengthLimitsFromRfc1035() {
    String label63 = "a".repeat(HostName.MAX_LABEL_LENGTH);
    assertTrue(HostName.isValid(label63 + ".com"));
    assertEquals(
        "host_label_too_long",
        assertThrows(NetFormatException.class, () -> HostName.parse(label63 + "a.com")).code());
    // 4 labels of 63 + 3 dots = 255 > 253; 3 labels of 63 + "a" label... build exactly 253
    String name253 = label63 + "." + label63 + "." + label63 + "." + "a".repeat(61);
    assertEquals(253, name253.length());
    assertTrue(HostName.isValid(name253));
    assertTrue(HostName.isValid(name253 + "."), "trailing dot does not count");
    assertEquals(
        "host_too_long", assertThrows(NetFormatException.class, () -> HostName.parse(name253 + "a")).code());
  }

  @Test
  void labelsAndSubdomains() {
    HostName host = HostName.parse("api.github.com");
    assertEquals(List.of("api", "github", "com"), host.labels());
    assertTrue(host.isWithin(HostName.parse("github.com")));
    assertTrue(host.isWithin(host));
    assertFalse(HostName.parse("badgithub.com").isWithin(HostName.parse("github.com")));
    assertFalse(HostName.parse("github.com").isWithin(host));
  }
}
