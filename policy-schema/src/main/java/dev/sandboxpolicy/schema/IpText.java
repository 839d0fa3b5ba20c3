package dev.sandboxpolicy.schema;

/**
 * Strict textual IP parsing for {@code allowed_ips} checks: dotted-quad IPv4 (no legacy short or octal forms) and
 * RFC 4291 §2.2 IPv6 text, with an optional {@code /prefix}. Addresses are returned as 16-byte arrays (IPv4 as
 * IPv4-mapped) so that ranges of both families can be compared.
 */
final class IpText {

  /** RFC 791: an IPv4 address has 32 bits. */
  static final int IPV4_BITS = 32;
  /** RFC 4291 §2: an IPv6 address has 128 bits. */
  static final int IPV6_BITS = 128;

  private IpText() {}

  /** A parsed CIDR: 16 address bytes, the prefix length in IPv6 bits, and whether it was written as IPv4. */
  record Cidr(byte[] address, int prefix, boolean ipv4) {

    /** The prefix length as written (IPv4 prefixes in 0..32). */
    int writtenPrefix() {
      return ipv4 ? prefix - (IPV6_BITS - IPV4_BITS) : prefix;
    }

    /** Whether this range and {@code other} share at least one address. */
    boolean overlaps(Cidr other) {
      int common = Math.min(prefix, other.prefix);
      for (int bit = 0; bit < common; bit++) {
        if (bitAt(address, bit) != bitAt(other.address, bit)) {
          return false;
        }
      }
      return true;
    }

    private static int bitAt(byte[] a, int bit) {
      return (a[bit >> 3] >> (7 - (bit & 7))) & 1;
    }
  }

  /** Parses {@code text} as an IP address or CIDR range, or returns {@code null}. */
  static Cidr parseCidr(String text) {
    String t = text.trim();
    int slash = t.indexOf('/');
    String addr = slash < 0 ? t : t.substring(0, slash);
    byte[] v4 = parseIpv4(addr);
    byte[] bytes = v4 != null ? mapped(v4) : parseIpv6(addr);
    if (bytes == null) {
      return null;
    }
    int max = v4 != null ? IPV4_BITS : IPV6_BITS;
    int prefix = max;
    if (slash >= 0) {
      String p = t.substring(slash + 1);
      if (p.isEmpty() || p.length() > 3) {
        return null;
      }
      prefix = 0;
      for (int i = 0; i < p.length(); i++) {
        char c = p.charAt(i);
        if (c < '0' || c > '9') {
          return null;
        }
        prefix = prefix * 10 + (c - '0');
      }
      if (prefix > max) {
        return null;
      }
    }
    return new Cidr(bytes, v4 != null ? prefix + (IPV6_BITS - IPV4_BITS) : prefix, v4 != null);
  }

  private static byte[] mapped(byte[] v4) {
    byte[] b = new byte[16];
    b[10] = (byte) 0xff;
    b[11] = (byte) 0xff;
    System.arraycopy(v4, 0, b, 12, 4);
    return b;
  }

  /** Dotted-quad IPv4 with decimal octets 0..255 (no leading zeros beyond a single {@code 0}), or null. */
  static byte[] parseIpv4(String s) {
    byte[] out = new byte[4];
    int part = 0;
    int i = 0;
    int n = s.length();
    while (part < 4) {
      int start = i;
      int value = 0;
      while (i < n && s.charAt(i) >= '0' && s.charAt(i) <= '9' && i - start < 3) {
        value = value * 10 + (s.charAt(i) - '0');
        i++;
      }
      int digits = i - start;
      if (digits == 0 || value > 255 || (digits > 1 && s.charAt(start) == '0')) {
        return null;
      }
      out[part++] = (byte) value;
      if (part < 4) {
        if (i >= n || s.charAt(i) != '.') {
          return null;
        }
        i++;
      }
    }
    return i == n ? out : null;
  }

  /** RFC 4291 §2.2 text form (with {@code ::} and an optional trailing dotted quad), or null. */
  static byte[] parseIpv6(String s) {
    if (s.isEmpty() || s.indexOf(':') < 0) {
      return null;
    }
    int[] groups = new int[8];
    int count = 0;
    int gap = -1;
    int i = 0;
    int n = s.length();
    if (s.startsWith("::")) {
      gap = 0;
      i = 2;
      if (i == n) {
        return new byte[16];
      }
    } else if (s.charAt(0) == ':') {
      return null;
    }
    while (i < n) {
      if (count == 8) {
        return null;
      }
      int start = i;
      int value = 0;
      while (i < n && Character.digit(s.charAt(i), 16) >= 0 && i - start < 4) {
        value = value * 16 + Character.digit(s.charAt(i), 16);
        i++;
      }
      if (i < n && s.charAt(i) == '.') {
        byte[] v4 = parseIpv4(s.substring(start));
        if (v4 == null || count > 6) {
          return null;
        }
        groups[count++] = ((v4[0] & 0xff) << 8) | (v4[1] & 0xff);
        groups[count++] = ((v4[2] & 0xff) << 8) | (v4[3] & 0xff);
        i = n;
        break;
      }
      if (i == start) {
        return null;
      }
      groups[count++] = value;
      if (i == n) {
        break;
      }
      if (s.charAt(i) != ':') {
        return null;
      }
      i++;
      if (i < n && s.charAt(i) == ':') {
        if (gap >= 0) {
          return null;
        }
        gap = count;
        i++;
        if (i == n) {
          break;
        }
      } else if (i == n) {
        return null;
      }
    }
    if (gap < 0 && count != 8 || gap >= 0 && count > 7) {
      return null;
    }
    int[] full = new int[8];
    if (gap < 0) {
      full = groups;
    } else {
      int tail = count - gap;
      System.arraycopy(groups, 0, full, 0, gap);
      System.arraycopy(groups, gap, full, 8 - tail, tail);
    }
    byte[] out = new byte[16];
    for (int g = 0; g < 8; g++) {
      out[2 * g] = (byte) (full[g] >> 8);
      out[2 * g + 1] = (byte) full[g];
    }
    return out;
  }
}
