package dev.sandboxpolicy.model.net;

import java.io.ByteArrayOutputStream;
import java.net.IDN;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;

/**
 * A URL of a WHATWG "special" scheme (http, https), parsed the way the URL Standard's basic URL parser does for the
 * parts that matter to SSRF checks: scheme, userinfo, host (percent-decoded, IDNA-mapped, IPv4 forms normalised by
 * {@link IpAddressParser}), port, and the remainder (path, query, fragment) kept as written. Package-private: the
 * public entry point is {@link EndpointUrlValidator}.
 *
 * <p>Known simplifications against the full standard: path dot-segments are not removed and path/query characters are
 * not percent-encoded (the remainder is copied verbatim, with {@code \} turned into {@code /}); domain-to-ASCII uses
 * {@link IDN} (IDNA 2003 with NFKC mapping) instead of UTS #46.
 */
final class SpecialUrl {

  /** Default port of http (RFC 9110 §4.2.1); a URL naming it serialises without a port. */
  static final int HTTP_DEFAULT_PORT = 80;

  /** Default port of https (RFC 9110 §4.2.2). */
  static final int HTTPS_DEFAULT_PORT = 443;

  final String scheme;
  final String userinfo;
  final String host;
  final int port;
  final String remainder;
  final Optional<IpAddress> address;

  private SpecialUrl(
      String scheme, String userinfo, String host, int port, String remainder, Optional<IpAddress> address) {
    this.scheme = scheme;
    this.userinfo = userinfo;
    this.host = host;
    this.port = port;
    this.remainder = remainder;
    this.address = address;
  }

  /**
   * The scheme of a URL string: the WHATWG scheme state (ASCII letter, then letters, digits, {@code + - .}, then
   * {@code :}), lowercased; empty when the text has no scheme (and so is not an absolute URL).
   */
  static Optional<String> schemeOf(String url) {
    String input = trimControls(url);
    if (input.isEmpty() || !isAsciiAlpha(input.charAt(0))) {
      return Optional.empty();
    }
    for (int i = 1; i < input.length(); i++) {
      char c = input.charAt(i);
      if (c == ':') {
        return Optional.of(input.substring(0, i).toLowerCase(Locale.ROOT));
      }
      if (!isAsciiAlpha(c) && !(c >= '0' && c <= '9') && c != '+' && c != '-' && c != '.') {
        return Optional.empty();
      }
    }
    return Optional.empty();
  }

  /** Parses an http or https URL; empty when the URL parser would fail (or the scheme is another one). */
  static Optional<SpecialUrl> parse(String url) {
    String input = trimControls(url);
    Optional<String> scheme = schemeOf(input);
    if (scheme.isEmpty() || !(scheme.get().equals("http") || scheme.get().equals("https"))) {
      return Optional.empty();
    }
    int pos = scheme.get().length() + 1;
    while (pos < input.length() && (input.charAt(pos) == '/' || input.charAt(pos) == '\\')) {
      pos++; // special authority (ignore) slashes state
    }
    int authorityEnd = pos;
    while (authorityEnd < input.length() && "/\\?#".indexOf(input.charAt(authorityEnd)) < 0) {
      authorityEnd++;
    }
    String authority = input.substring(pos, authorityEnd);
    int at = authority.lastIndexOf('@');
    String userinfo = at < 0 ? "" : authority.substring(0, at);
    String hostPort = authority.substring(at + 1);
    String hostText;
    String portText = "";
    if (hostPort.startsWith("[")) {
      int close = hostPort.indexOf(']');
      if (close < 0) {
        return Optional.empty();
      }
      hostText = hostPort.substring(0, close + 1);
      String after = hostPort.substring(close + 1);
      if (!after.isEmpty()) {
        if (after.charAt(0) != ':') {
          return Optional.empty();
        }
        portText = after.substring(1);
      }
    } else {
      int colon = hostPort.indexOf(':');
      hostText = colon < 0 ? hostPort : hostPort.substring(0, colon);
      portText = colon < 0 ? "" : hostPort.substring(colon + 1);
    }
    int port = -1;
    if (!portText.isEmpty()) {
      Optional<Port> parsed = Port.tryParse(portText);
      if (parsed.isEmpty() && !isZeroPort(portText)) {
        return Optional.empty();
      }
      port = parsed.map(Port::value).orElse(0);
    }
    if (port == defaultPort(scheme.get())) {
      port = -1;
    }
    if (hostText.isEmpty()) {
      return Optional.empty();
    }
    Optional<IpAddress> address;
    String host;
    if (hostText.startsWith("[")) {
      if (!hostText.endsWith("]")) {
        return Optional.empty();
      }
      Optional<IpAddress> v6 = IpAddress.tryParse(hostText).filter(IpAddress::isIpv6);
      if (v6.isEmpty()) {
        return Optional.empty();
      }
      address = v6;
      host = v6.get().toUrlHost();
    } else {
      Optional<String> domain = domainToAscii(hostText);
      if (domain.isEmpty()) {
        return Optional.empty();
      }
      if (IpAddressParser.endsInNumber(domain.get())) {
        Optional<IpAddress> v4 = IpAddress.tryParse(domain.get()).filter(IpAddress::isIpv4);
        if (v4.isEmpty()) {
          return Optional.empty();
        }
        address = v4;
        host = v4.get().toString();
      } else {
        address = Optional.empty();
        host = domain.get();
      }
    }
    String remainder = input.substring(authorityEnd).replace('\\', '/');
    return Optional.of(new SpecialUrl(scheme.get(), userinfo, host, port, remainder, address));
  }

  private static boolean isZeroPort(String text) {
    return !text.isEmpty() && text.chars().allMatch(c -> c == '0');
  }

  static int defaultPort(String scheme) {
    return scheme.equals("https") ? HTTPS_DEFAULT_PORT : HTTP_DEFAULT_PORT;
  }

  /** Percent-decode, domain-to-ASCII and the forbidden-domain-code-point check of the WHATWG host parser. */
  static Optional<String> domainToAscii(String hostText) {
    Optional<String> decoded = percentDecode(hostText);
    if (decoded.isEmpty()) {
      return Optional.empty();
    }
    String ascii = decoded.get();
    boolean allAscii = ascii.chars().allMatch(c -> c < 0x80);
    if (!allAscii) {
      try {
        ascii = IDN.toASCII(ascii, IDN.ALLOW_UNASSIGNED);
      } catch (IllegalArgumentException e) {
        return Optional.empty();
      }
    }
    ascii = ascii.toLowerCase(Locale.ROOT);
    if (ascii.isEmpty()) {
      return Optional.empty();
    }
    for (int i = 0; i < ascii.length(); i++) {
      char c = ascii.charAt(i);
      if (c <= 0x20 || c == 0x7f || "#%/:<>?@[\\]^|".indexOf(c) >= 0 || c >= 0x80) {
        return Optional.empty();
      }
    }
    return Optional.of(ascii);
  }

  private static Optional<String> percentDecode(String text) {
    if (text.indexOf('%') < 0) {
      return Optional.of(text);
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    byte[] raw = text.getBytes(StandardCharsets.UTF_8);
    for (int i = 0; i < raw.length; i++) {
      if (raw[i] == '%' && i + 2 < raw.length && hex(raw[i + 1]) >= 0 && hex(raw[i + 2]) >= 0) {
        bytes.write(hex(raw[i + 1]) * 16 + hex(raw[i + 2]));
        i += 2;
      } else {
        bytes.write(raw[i]);
      }
    }
    try {
      return Optional.of(
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(bytes.toByteArray()))
              .toString());
    } catch (CharacterCodingException e) {
      return Optional.empty();
    }
  }

  private static int hex(byte b) {
    return IpAddressParser.hexDigit(b);
  }

  private static boolean isAsciiAlpha(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  }

  /** Leading/trailing C0 controls and spaces are stripped; tabs and newlines anywhere are removed (URL Standard). */
  static String trimControls(String url) {
    int start = 0;
    int end = url.length();
    while (start < end && url.charAt(start) <= 0x20) {
      start++;
    }
    while (end > start && url.charAt(end - 1) <= 0x20) {
      end--;
    }
    StringBuilder sb = new StringBuilder(end - start);
    for (int i = start; i < end; i++) {
      char c = url.charAt(i);
      if (c != '\t' && c != '\n' && c != '\r') {
        sb.append(c);
      }
    }
    return sb.toString();
  }

  /** The host as {@code url.hostname} gives it: dotted IPv4, bracketed IPv6, or the ASCII domain. */
  String hostname() {
    return host;
  }

  /**
   * Whether the URL carries a user name or a password: the WHATWG {@code username} or {@code password} would be
   * non-empty. An empty userinfo ({@code http://@h/}, {@code http://:@h/}) carries neither.
   */
  boolean hasCredentials() {
    return !userinfo.isEmpty() && !userinfo.equals(":");
  }

  /** This URL with its host replaced; userinfo, port and remainder kept. */
  String withHost(String newHost) {
    StringBuilder sb = new StringBuilder(scheme).append("://");
    if (!userinfo.isEmpty()) {
      sb.append(userinfo).append('@');
    }
    sb.append(newHost);
    if (port >= 0) {
      sb.append(':').append(port);
    }
    sb.append(remainder.isEmpty() || remainder.charAt(0) != '/' ? "/" + remainder : remainder);
    return sb.toString();
  }
}
