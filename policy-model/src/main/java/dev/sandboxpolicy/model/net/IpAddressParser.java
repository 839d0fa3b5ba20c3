package dev.sandboxpolicy.model.net;

import java.util.HexFormat;

/**
 * The address parsers behind {@link IpAddress#parse(String)} and {@link IpAddress#parseLiteral(String)}: a port of the
 * WHATWG URL Standard's IPv4 parser (§3.5 "IPv4 parser", "IPv4 number parser", "ends in a number checker") and IPv6
 * parser (§3.5 "IPv6 parser"), plus a strict dotted-quad parser. No regular expressions, no allocation beyond the result
 * on the IPv6 path.
 */
final class IpAddressParser {

  /** WHATWG URL §3.5: "If parts's size is greater than 4, IPv4-too-many-parts validation error, return failure." */
  static final int IPV4_MAX_PARTS = 4;

  /** Largest value of a non-final IPv4 part and of every octet (RFC 791 §3.1: one octet). */
  static final int OCTET_MAX = 255;

  /** Number of 16-bit groups of an IPv6 address (RFC 4291 §2.2 form 1: "x:x:x:x:x:x:x:x"). */
  static final int IPV6_GROUPS = 8;

  /** At most four hex digits per IPv6 group (RFC 4291 §2.2: "one to four hexadecimal digits"). */
  static final int IPV6_GROUP_MAX_DIGITS = 4;

  /** An IPv4 part larger than this is out of range whatever its position (the whole address is 32 bits). */
  private static final long IPV4_PART_CEILING = 1L << IpAddress.IPV4_BITS;

  private IpAddressParser() {}

  static IpAddress parseUrlStyle(String text) {
    if (text.isEmpty()) {
      throw fail("address_empty", text, 0, "the address is empty");
    }
    if (text.charAt(0) == '[') {
      if (text.length() < 2 || text.charAt(text.length() - 1) != ']') {
        throw fail("ipv6_unclosed_bracket", text, text.length(), "'[' without a closing ']'");
      }
      return parseIpv6(text, 1, text.length() - 1);
    }
    if (text.indexOf(':') >= 0) {
      return parseIpv6(text, 0, text.length());
    }
    if (!endsInNumber(text)) {
      throw fail("address_not_ip_literal", text, 0, "'" + text + "' is a host name, not an IP address");
    }
    return parseWhatwgIpv4(text);
  }

  static IpAddress parseStrict(String text) {
    if (text.isEmpty()) {
      throw fail("address_empty", text, 0, "the address is empty");
    }
    if (text.indexOf(':') >= 0) {
      return parseIpv6(text, 0, text.length());
    }
    return IpAddress.ipv4(parseDottedQuad(text, 0, text.length()));
  }

  /**
   * WHATWG "ends in a number checker": true when the last dot-separated label (ignoring one trailing empty label) is
   * all ASCII digits or parses as an IPv4 number (including {@code 0x} hex). A host that ends in a number must be an
   * IPv4 address or the URL is invalid; any other host is a domain.
   */
  static boolean endsInNumber(String text) {
    int end = text.length();
    if (end > 0 && text.charAt(end - 1) == '.') {
      end--; // one trailing empty label is ignored
    }
    int start = text.lastIndexOf('.', end - 1) + 1;
    if (start >= end) {
      return false;
    }
    boolean allDigits = true;
    for (int i = start; i < end; i++) {
      char c = text.charAt(i);
      if (c < '0' || c > '9') {
        allDigits = false;
        break;
      }
    }
    return allDigits || ipv4Number(text, start, end) >= 0;
  }

  /** WHATWG "IPv4 parser" (called only when {@link #endsInNumber} holds). */
  static IpAddress parseWhatwgIpv4(String text) {
    int end = text.length();
    if (text.charAt(end - 1) == '.' && end > 1) {
      end--; // IPv4-empty-part: a single trailing dot is dropped
    }
    long[] parts = new long[IPV4_MAX_PARTS];
    int[] partStarts = new int[IPV4_MAX_PARTS];
    int count = 0;
    int start = 0;
    while (true) {
      int dot = text.indexOf('.', start);
      int partEnd = dot < 0 || dot >= end ? end : dot;
      if (count == IPV4_MAX_PARTS) {
        throw fail("ipv4_too_many_parts", text, start, "an IPv4 address has at most " + IPV4_MAX_PARTS + " parts");
      }
      if (partEnd == start) {
        throw fail("ipv4_part_empty", text, start, "empty IPv4 part");
      }
      long value = ipv4Number(text, start, partEnd);
      if (value < 0) {
        throw fail("ipv4_part_invalid", text, start, "'" + text.substring(start, partEnd) + "' is not a number");
      }
      partStarts[count] = start;
      parts[count++] = value;
      if (partEnd == end) {
        break;
      }
      start = partEnd + 1;
    }
    for (int i = 0; i < count - 1; i++) {
      if (parts[i] > OCTET_MAX) {
        throw fail("ipv4_part_out_of_range", text, partStarts[i], "IPv4 part exceeds " + OCTET_MAX);
      }
    }
    long last = parts[count - 1];
    int lastBits = Byte.SIZE * (IPV4_MAX_PARTS + 1 - count);
    if (last >= (1L << lastBits)) {
      throw fail("ipv4_part_out_of_range", text, partStarts[count - 1], "last IPv4 part exceeds " + lastBits + " bits");
    }
    long address = last;
    for (int i = 0; i < count - 1; i++) {
      address |= parts[i] << (Byte.SIZE * (IPV4_MAX_PARTS - 1 - i));
    }
    return IpAddress.ipv4((int) address);
  }

  /**
   * WHATWG "IPv4 number parser" on text[start, end): {@code 0x}/{@code 0X} prefix means hex, another leading zero means
   * octal, else decimal; a bare prefix ({@code 0x}) is 0. Returns -1 when a character is not a digit of the radix.
   * Values saturate at 2^32 (any such value is out of range anyway).
   */
  static long ipv4Number(String text, int start, int end) {
    if (start >= end) {
      return -1;
    }
    int radix = 10;
    if (end - start >= 2 && text.charAt(start) == '0' && (text.charAt(start + 1) | 0x20) == 'x') {
      radix = 16;
      start += 2;
    } else if (end - start >= 2 && text.charAt(start) == '0') {
      radix = 8;
      start += 1;
    }
    long value = 0;
    for (int i = start; i < end; i++) {
      int digit = hexDigit(text.charAt(i));
      if (digit < 0 || digit >= radix) {
        return -1;
      }
      value = Math.min(value * radix + digit, IPV4_PART_CEILING);
    }
    return value;
  }

  /** Strict dotted quad: exactly four decimal octets, 0-255, no leading zeros, no trailing dot. */
  static int parseDottedQuad(String text, int from, int to) {
    long address = 0;
    int pos = from;
    for (int octet = 0; octet < IPV4_MAX_PARTS; octet++) {
      if (octet > 0) {
        if (pos >= to || text.charAt(pos) != '.') {
          throw fail("ipv4_invalid", text, pos, "expected four dot-separated decimal octets");
        }
        pos++;
      }
      int start = pos;
      int value = 0;
      while (pos < to && text.charAt(pos) >= '0' && text.charAt(pos) <= '9') {
        value = value * 10 + (text.charAt(pos) - '0');
        pos++;
        if (value > OCTET_MAX) {
          throw fail("ipv4_part_out_of_range", text, start, "IPv4 octet exceeds " + OCTET_MAX);
        }
      }
      if (pos == start) {
        throw fail("ipv4_invalid", text, pos, "expected a decimal octet");
      }
      if (pos - start > 1 && text.charAt(start) == '0') {
        throw fail("ipv4_leading_zero", text, start, "IPv4 octet with a leading zero is ambiguous (octal?)");
      }
      address = (address << Byte.SIZE) | value;
    }
    if (pos != to) {
      throw fail("ipv4_invalid", text, pos, "unexpected text after the fourth octet");
    }
    return (int) address;
  }

  /** WHATWG "IPv6 parser" on text[from, to); the embedded IPv4 part must be a strict dotted quad. */
  static IpAddress parseIpv6(String text, int from, int to) {
    int[] groups = new int[IPV6_GROUPS];
    int groupIndex = 0;
    int compress = -1;
    int pos = from;
    if (pos < to && text.charAt(pos) == ':') {
      if (pos + 1 >= to || text.charAt(pos + 1) != ':') {
        throw fail("ipv6_invalid", text, pos, "an IPv6 address cannot start with a single ':'");
      }
      pos += 2;
      groupIndex++;
      compress = groupIndex;
    }
    while (pos < to) {
      if (groupIndex == IPV6_GROUPS) {
        throw fail("ipv6_too_many_groups", text, pos, "an IPv6 address has " + IPV6_GROUPS + " groups");
      }
      char c = text.charAt(pos);
      if (c == ':') {
        if (compress != -1) {
          throw fail("ipv6_multiple_compressions", text, pos, "'::' may appear only once");
        }
        pos++;
        groupIndex++;
        compress = groupIndex;
        continue;
      }
      int value = 0;
      int length = 0;
      while (length < IPV6_GROUP_MAX_DIGITS && pos < to && hexDigit(text.charAt(pos)) >= 0) {
        value = value * 16 + hexDigit(text.charAt(pos));
        pos++;
        length++;
      }
      if (pos < to && text.charAt(pos) == '.') {
        if (length == 0) {
          throw fail("ipv6_invalid", text, pos, "unexpected '.'");
        }
        pos -= length;
        if (groupIndex > IPV6_GROUPS - 2) {
          throw fail("ipv6_embedded_ipv4_invalid", text, pos, "no room for an embedded IPv4 address");
        }
        int v4 = parseEmbeddedIpv4(text, pos, to);
        groups[groupIndex++] = v4 >>> 16;
        groups[groupIndex++] = v4 & 0xffff;
        pos = to;
        break;
      }
      if (pos < to) {
        if (text.charAt(pos) == ':') {
          pos++;
          if (pos >= to) {
            throw fail("ipv6_invalid", text, pos, "an IPv6 address cannot end with a single ':'");
          }
        } else {
          throw fail("ipv6_invalid", text, pos, "unexpected character '" + text.charAt(pos) + "'");
        }
      }
      if (length == 0) {
        throw fail("ipv6_invalid", text, pos, "empty IPv6 group");
      }
      groups[groupIndex++] = value;
    }
    if (compress != -1) {
      int swaps = groupIndex - compress;
      groupIndex = IPV6_GROUPS - 1;
      while (groupIndex != 0 && swaps > 0) {
        int other = compress + swaps - 1;
        int tmp = groups[groupIndex];
        groups[groupIndex] = groups[other];
        groups[other] = tmp;
        groupIndex--;
        swaps--;
      }
    } else if (groupIndex != IPV6_GROUPS) {
      throw fail("ipv6_too_few_groups", text, to, "an IPv6 address without '::' needs " + IPV6_GROUPS + " groups");
    }
    long high = 0;
    long low = 0;
    for (int i = 0; i < 4; i++) {
      high = (high << 16) | groups[i];
      low = (low << 16) | groups[i + 4];
    }
    return IpAddress.ipv6(high, low);
  }

  private static int parseEmbeddedIpv4(String text, int from, int to) {
    try {
      return parseDottedQuad(text, from, to);
    } catch (NetFormatException e) {
      throw fail("ipv6_embedded_ipv4_invalid", text, e.index(), "invalid embedded IPv4 address: " + e.getMessage());
    }
  }

  /** The value of an ASCII hex digit ({@code 0-9 a-f A-F}), or -1 for any other character or byte. */
  static int hexDigit(int c) {
    return HexFormat.isHexDigit(c) ? HexFormat.fromHexDigit(c) : -1;
  }

  static NetFormatException fail(String code, String text, int index, String message) {
    return new NetFormatException(code, text, index, message);
  }
}
