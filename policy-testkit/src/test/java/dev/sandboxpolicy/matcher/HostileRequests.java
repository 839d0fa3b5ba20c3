package dev.sandboxpolicy.matcher;

import dev.sandboxpolicy.io.PolicyReader;
import dev.sandboxpolicy.io.ReadMode;
import dev.sandboxpolicy.model.Policy;
import java.util.ArrayList;
import java.util.List;

/**
 * The hostile requests of the robustness suite, each with the outcome the language spec documents for it, used by
 * the reference and the compiled-matcher tests alike.
 */
final class HostileRequests {

  /** The policy every hostile request is decided against. */
  static final String POLICY_YAML = """
      version: 1
      network_policies:
        api:
          endpoints:
            - host: api.example.com
              port: 443
              protocol: rest
              enforcement: enforce
              rules:
                - allow: {method: GET, path: "/files/**"}
                - allow: {method: POST, path: /upload, query: {tag: "v*"}}
              deny_rules:
                - {method: GET, path: "/files/secret/**"}
            - host: "*.cdn.example.com"
              port: 443
            - host: xn--bcher-kva.example
              port: 443
            - host: "2001:db8::1"
              port: 443
            - host: 10.1.2.3
              port: 8080
          binaries: [{path: /usr/bin/curl}]
        slashes:
          endpoints:
            - host: raw.example.com
              port: 443
              protocol: rest
              enforcement: enforce
              allow_encoded_slash: true
              rules:
                - allow: {method: GET, path: "/repo/*/blob"}
          binaries: [{path: /usr/bin/curl}]
      """;

  static Policy policy() {
    return PolicyReader.of(ReadMode.STRICT).readPolicy(POLICY_YAML).value().orElseThrow();
  }

  /** A connection case: host and port against {@link #POLICY_YAML} with {@code /usr/bin/curl}. */
  record HostCase(String name, String host, int port, String expected) {}

  /** A request-target case on {@code host}: the canonical path (or rejection code) and the decision. */
  record TargetCase(String name, String host, String method, String target, String expectedCanonical, String expected) {}

  static List<HostCase> hosts() {
    List<HostCase> c = new ArrayList<>();
    c.add(new HostCase("plain", "api.example.com", 443, "ALLOW"));
    c.add(new HostCase("mixed case", "API.Example.COM", 443, "ALLOW"));
    c.add(new HostCase("trailing dot (one removed, upstream #2248)", "api.example.com.", 443, "ALLOW"));
    c.add(new HostCase("two trailing dots (only one removed)", "api.example.com..", 443, "DENY"));
    c.add(new HostCase("leading dot", ".api.example.com", 443, "DENY"));
    c.add(new HostCase("wildcard one label", "a.cdn.example.com", 443, "ALLOW"));
    c.add(new HostCase("wildcard apex", "cdn.example.com", 443, "DENY"));
    c.add(new HostCase("wildcard two labels", "a.b.cdn.example.com", 443, "DENY"));
    c.add(new HostCase("wildcard mixed case", "A.CDN.Example.com", 443, "ALLOW"));
    c.add(new HostCase("wildcard trailing dot", "a.cdn.example.com.", 443, "ALLOW"));
    c.add(new HostCase("wildcard two trailing dots", "a.cdn.example.com..", 443, "DENY"));
    c.add(new HostCase("IDN unicode (no IDNA, §3.3)", "bücher.example", 443, "DENY"));
    c.add(new HostCase("IDN punycode", "xn--bcher-kva.example", 443, "ALLOW"));
    c.add(new HostCase("IDN punycode upper case", "XN--BCHER-KVA.example", 443, "ALLOW"));
    c.add(new HostCase("IPv6 literal", "2001:db8::1", 443, "ALLOW"));
    c.add(new HostCase("IPv6 upper case", "2001:DB8::1", 443, "ALLOW"));
    c.add(new HostCase("IPv6 other spelling (no IP normalization)", "2001:db8:0::1", 443, "DENY"));
    c.add(new HostCase("IPv6 bracketed", "[2001:db8::1]", 443, "DENY"));
    c.add(new HostCase("IPv4 literal", "10.1.2.3", 8080, "ALLOW"));
    c.add(new HostCase("IPv4 octal spelling", "010.1.2.3", 8080, "DENY"));
    c.add(new HostCase("IPv4 as integer", "167838211", 8080, "DENY"));
    c.add(new HostCase("port 0", "api.example.com", 0, "DENY"));
    c.add(new HostCase("port 65536", "api.example.com", 65536, "DENY"));
    c.add(new HostCase("port -1", "api.example.com", -1, "DENY"));
    c.add(new HostCase("port 443+65536", "api.example.com", 443 + 65536, "DENY"));
    c.add(new HostCase("empty host", "", 443, "DENY"));
    c.add(new HostCase("NUL in host (wildcard endpoint evaluates it: fails closed)", "api.example.com\u0000.evil", 443, "ERROR"));
    c.add(new HostCase("control byte in host", "api.example.com\r\nX: y", 443, "DENY"));
    c.add(new HostCase("userinfo in host", "evil.com@api.example.com", 443, "DENY"));
    c.add(new HostCase("host with port", "api.example.com:443", 443, "DENY"));
    c.add(new HostCase("100,000-char label under a wildcard (no DNS length check at match time, §3.3)", "a".repeat(100_000) + ".cdn.example.com", 443, "ALLOW"));
    c.add(new HostCase("100,000-char host", "a".repeat(100_000) + ".example.com", 443, "DENY"));
    return c;
  }

  static List<TargetCase> targets() {
    List<TargetCase> c = new ArrayList<>();
    String api = "api.example.com";
    c.add(new TargetCase("plain", api, "GET", "/files/a.txt", "/files/a.txt", "ALLOW"));
    c.add(new TargetCase("NUL byte", api, "GET", "/files/a\u0000b", "control_character", "REJECT"));
    c.add(new TargetCase("tab", api, "GET", "/files/a\tb", "control_character", "REJECT"));
    c.add(new TargetCase("CRLF injection", api, "GET", "/files/a\r\nHost: evil", "control_character", "REJECT"));
    c.add(new TargetCase("DEL", api, "GET", "/files/a\u007f", "control_character", "REJECT"));
    c.add(new TargetCase("raw non-ASCII", api, "GET", "/files/é", "non_ascii", "REJECT"));
    c.add(new TargetCase("fragment", api, "GET", "/files/a#x", "fragment", "REJECT"));
    c.add(new TargetCase("path of 4096 bytes", api, "GET", "/files/" + "a".repeat(4089), "/files/" + "a".repeat(4089), "ALLOW"));
    c.add(new TargetCase("path of 4097 bytes", api, "GET", "/files/" + "a".repeat(4090), "path_too_long", "REJECT"));
    c.add(new TargetCase("path of 1 MiB", api, "GET", "/files/" + "a/".repeat(512 * 1024), "path_too_long", "REJECT"));
    c.add(new TargetCase("%2e%2e climbs out of /files", api, "GET", "/files/%2e%2e/secret.txt", "/secret.txt", "DENY"));
    c.add(new TargetCase("%2E%2E upper case", api, "GET", "/files/x/%2E%2E/y", "/files/y", "ALLOW"));
    c.add(new TargetCase("..%2f without allow_encoded_slash", api, "GET", "/files/..%2fsecret", "encoded_slash", "REJECT"));
    c.add(new TargetCase("%2F without allow_encoded_slash", api, "GET", "/files/a%2Fb", "encoded_slash", "REJECT"));
    c.add(new TargetCase("%2F with allow_encoded_slash", "raw.example.com", "GET", "/repo/a%2Fb/blob", "/repo/a%2Fb/blob", "ALLOW"));
    c.add(new TargetCase("%2F..%2F behind allow_encoded_slash", "raw.example.com", "GET", "/repo/%2F..%2Fx/blob", "dot_segment", "REJECT"));
    c.add(new TargetCase("%00", api, "GET", "/files/a%00.txt", "encoded_control_character", "REJECT"));
    c.add(new TargetCase("%0d%0a", api, "GET", "/files/a%0d%0aX", "encoded_control_character", "REJECT"));
    c.add(new TargetCase("double encoding %252e%252e stays literal", api, "GET", "/files/%252e%252e/secret", "/files/%252e%252e/secret", "ALLOW"));
    c.add(new TargetCase("double-encoded slash %252F", api, "GET", "/files/a%252Fb", "/files/a%252Fb", "ALLOW"));
    c.add(new TargetCase("overlong UTF-8 dot %c0%ae is not a dot", api, "GET", "/files/%c0%ae%c0%ae/secret", "/files/%C0%AE%C0%AE/secret", "ALLOW"));
    c.add(new TargetCase("overlong UTF-8 slash %c0%af", api, "GET", "/files/a%c0%afb", "/files/a%C0%AFb", "ALLOW"));
    c.add(new TargetCase("bad escape %zz", api, "GET", "/files/%zz", "invalid_percent_encoding", "REJECT"));
    c.add(new TargetCase("short escape %4", api, "GET", "/files/%4", "invalid_percent_encoding", "REJECT"));
    c.add(new TargetCase("..; counts as ..", api, "GET", "/files/x/..;/secret/k", "/files/secret/k", "DENY"));
    c.add(new TargetCase("..;x=1 escapes /files", api, "GET", "/files/..;x=1/admin", "/admin", "DENY"));
    c.add(new TargetCase(";params stripped", api, "GET", "/files/a;jsessionid=1", "/files/a", "ALLOW"));
    c.add(new TargetCase("%3B starts params too", api, "GET", "/files/a%3Bb", "/files/a", "ALLOW"));
    c.add(new TargetCase(".. above root", api, "GET", "/../etc/passwd", "path_traversal", "REJECT"));
    c.add(new TargetCase("many .. above root", api, "GET", "/files/" + "../".repeat(50), "path_traversal", "REJECT"));
    c.add(new TargetCase("dot segments resolved", api, "GET", "/files/./a/./b/../c", "/files/a/c", "ALLOW"));
    c.add(new TargetCase("trailing .. leaves slash", api, "GET", "/files/a/b/..", "/files/a/", "ALLOW"));
    c.add(new TargetCase("empty segments collapse", api, "GET", "//files///a", "/files/a", "ALLOW"));
    c.add(new TargetCase("/files (needs the slash)", api, "GET", "/files", "/files", "DENY"));
    c.add(new TargetCase("deny wins under /files/secret", api, "GET", "/files/secret/x", "/files/secret/x", "DENY"));
    c.add(new TargetCase("HEAD denied like GET", api, "HEAD", "/files/secret/x", "/files/secret/x", "DENY"));
    c.add(new TargetCase("absolute-form", api, "GET", "http://evil.com/files/a", "/files/a", "ALLOW"));
    c.add(new TargetCase("absolute-form without path", api, "GET", "https://api.example.com", "/", "DENY"));
    c.add(new TargetCase("not origin-form", api, "GET", "files/a", "path_not_absolute", "REJECT"));
    c.add(new TargetCase("'://' inside an origin-form path", api, "GET", "/files/http://x", "/files/http:/x", "ALLOW"));
    c.add(new TargetCase("case-sensitive path", api, "GET", "/FILES/a", "/FILES/a", "DENY"));
    c.add(new TargetCase("%40 decodes to @", api, "GET", "/files/a%40b", "/files/a@b", "ALLOW"));
    c.add(new TargetCase("space re-encoded", api, "GET", "/files/a%20b", "/files/a%20b", "ALLOW"));
    c.add(new TargetCase("unknown method token", api, "G\u0000ET", "/files/a", "/files/a", "DENY"));
    c.add(new TargetCase("lower-case method", api, "get", "/files/a", "/files/a", "ALLOW"));
    // Queries
    c.add(new TargetCase("query allowed", api, "POST", "/upload?tag=v1", "/upload", "ALLOW"));
    c.add(new TargetCase("duplicate key, one bad value", api, "POST", "/upload?tag=v1&tag=x", "/upload", "DENY"));
    c.add(new TargetCase("duplicate key, all good", api, "POST", "/upload?tag=v1&tag=v2", "/upload", "ALLOW"));
    c.add(new TargetCase("empty value", api, "POST", "/upload?tag=", "/upload", "DENY"));
    c.add(new TargetCase("empty key", api, "POST", "/upload?=v1&tag=v1", "/upload", "ALLOW"));
    c.add(new TargetCase("empty pairs skipped", api, "POST", "/upload?&&tag=v1&&", "/upload", "ALLOW"));
    c.add(new TargetCase("key without =", api, "POST", "/upload?tag", "/upload", "DENY"));
    c.add(new TargetCase("+ is a space", api, "POST", "/upload?tag=v+1", "/upload", "ALLOW"));
    c.add(new TargetCase("* does not cross .", api, "POST", "/upload?tag=v1.2", "/upload", "DENY"));
    c.add(new TargetCase("%00 in query value", api, "POST", "/upload?tag=v%00", "/upload", "ERROR"));
    c.add(new TargetCase("bad query escape", api, "POST", "/upload?tag=%zz", "invalid_query_encoding", "REJECT"));
    c.add(new TargetCase("non-UTF-8 query", api, "POST", "/upload?tag=v%ff", "query_not_utf8", "REJECT"));
    c.add(new TargetCase("encoded key", api, "POST", "/upload?t%61g=v1", "/upload", "ALLOW"));
    c.add(new TargetCase("10,000 good values", api, "POST", "/upload?" + "tag=v1&".repeat(10_000), "/upload", "ALLOW"));
    c.add(new TargetCase("10,000 values, last bad", api, "POST", "/upload?" + "tag=v1&".repeat(9_999) + "tag=x", "/upload", "DENY"));
    c.add(new TargetCase("10,000 distinct keys", api, "POST", "/upload?tag=v1" + manyKeys(10_000), "/upload", "ALLOW"));
    return c;
  }

  private static String manyKeys(int n) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < n; i++) {
      b.append("&k").append(i).append("=v");
    }
    return b.toString();
  }

  private HostileRequests() {}
}
