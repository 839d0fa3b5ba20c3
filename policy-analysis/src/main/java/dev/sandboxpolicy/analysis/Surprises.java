package dev.sandboxpolicy.analysis;

import dev.sandboxpolicy.matcher.CanonicalTarget;
import dev.sandboxpolicy.matcher.L7Request;
import dev.sandboxpolicy.matcher.NetworkRequest;
import dev.sandboxpolicy.matcher.RequestTargetException;
import dev.sandboxpolicy.model.Enforcement;
import dev.sandboxpolicy.model.RuleBody;
import dev.sandboxpolicy.model.ValueMatcher;
import dev.sandboxpolicy.model.automaton.ByteDfa;
import dev.sandboxpolicy.model.automaton.CallSiteLanguages;
import dev.sandboxpolicy.model.automaton.ProductSearch;
import dev.sandboxpolicy.model.glob.GlobSyntaxException;
import dev.sandboxpolicy.model.net.IpAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Probes a policy with the boundary requests people get wrong ({@link Surprise.Kind}), one per pattern that invites
 * the mistake, each decided by the compiled matcher ({@link Outcomes}).
 */
final class Surprises {
  /** At most this many surprises are listed (a policy of thousands of entries would otherwise list thousands). */
  static final int MAX_SURPRISES = 200;
  private static final String GLOB_SYNTAX = "*?[]{}\\";

  private final PolicyModel model;
  private final List<Surprise> out = new ArrayList<>();
  private final Set<String> seen = new HashSet<>();

  private Surprises(PolicyModel model) {
    this.model = model;
  }

  static List<Surprise> of(PolicyModel model) {
    Surprises s = new Surprises(model);
    for (PolicyModel.Ep e : model.endpoints) {
      if (s.out.size() >= MAX_SURPRISES) {
        break;
      }
      Optional<String> binary = s.binaryOf(e.entry);
      if (binary.isEmpty() || e.ports.isEmpty()) {
        continue;
      }
      s.endpoint(e, binary.get(), e.ports.get(0));
    }
    return List.copyOf(s.out.subList(0, Math.min(s.out.size(), MAX_SURPRISES)));
  }

  /** An executable the entry lets through: a literal binary, or the shortest path a binary glob matches. */
  private Optional<String> binaryOf(PolicyModel.Entry entry) {
    for (String b : entry.binaries) {
      if (b.indexOf('*') < 0) {
        return Optional.of(b);
      }
    }
    for (String b : entry.binaries) {
      Optional<String> w = witness(() -> CallSiteLanguages.binaryPattern(b), CallSiteLanguages.executablePaths());
      if (w.isPresent()) {
        return w;
      }
    }
    return Optional.empty();
  }

  private static Optional<String> witness(java.util.function.Supplier<ByteDfa> language, ByteDfa universe) {
    try {
      return ProductSearch.witness(List.of(language.get()), universe, NetworkAtoms.MAX_PRODUCT_STATES)
          .map(w -> new String(w, StandardCharsets.UTF_8));
    } catch (GlobSyntaxException | ProductSearch.StateLimitException e) {
      return Optional.empty();
    }
  }

  private void endpoint(PolicyModel.Ep e, String binary, int port) {
    String written = e.source.host();
    if (e.hostless) {
      connectionProbes(e, binary, port, "a");
    } else if (!e.wildcard) {
      hostProbes(e, binary, port);
      connectionProbes(e, binary, port, written);
    } else {
      wildcardProbes(e, binary, port);
      String readable = e.host.startsWith("**.") ? "a." + e.host.substring(3)
          : e.host.startsWith("*.") ? "a." + e.host.substring(2) : null;
      Optional<String> host = readable != null && literal(readable) ? Optional.of(readable)
          : witness(() -> CallSiteLanguages.hostPattern(e.host), CallSiteLanguages.hostNames());
      host.ifPresent(h -> connectionProbes(e, binary, port, h));
    }
  }

  private void hostProbes(PolicyModel.Ep e, String binary, int port) {
    String host = e.source.host();
    Optional<IpAddress> ip = IpAddress.tryParseLiteral(host);
    if (ip.isPresent()) {
      if (ip.get().isIpv4()) {
        String mapped = "::ffff:" + host;
        connection(Surprise.Kind.IPV4_MAPPED, e, host, NetworkRequest.of(mapped, port, binary),
            "an IP host matches only its own spelling: " + mapped + " is the same address written as IPv6, and "
                + "the destination check still applies to it");
      }
      return;
    }
    String upper = host.toUpperCase(Locale.ROOT);
    if (!upper.equals(host)) {
      connection(Surprise.Kind.HOST_CASE, e, host, NetworkRequest.of(upper, port, binary),
          "hosts compare case-insensitively, so " + upper + " is " + host);
    }
    NetworkRequest dotted = NetworkRequest.of(host + ".", port, binary);
    boolean same = Outcomes.of(model, dotted).outcome() == Outcomes.of(model, NetworkRequest.of(host, port, binary))
        .outcome();
    connection(Surprise.Kind.TRAILING_DOT, e, host, dotted, same
        ? "one trailing dot (the fully qualified spelling) is removed before hosts are compared, so " + host
            + ". decides like " + host
        : "the matcher compares " + host + ". as written, so the fully qualified spelling is another host");
  }

  private void wildcardProbes(PolicyModel.Ep e, String binary, int port) {
    String host = e.source.host();
    String lower = e.host;
    String suffix;
    boolean recursive;
    if (lower.startsWith("**.")) {
      suffix = lower.substring(3);
      recursive = true;
    } else if (lower.startsWith("*.")) {
      suffix = lower.substring(2);
      recursive = false;
    } else {
      return;
    }
    if (!literal(suffix)) {
      return;
    }
    connection(Surprise.Kind.WILDCARD_APEX, e, host, NetworkRequest.of(suffix, port, binary),
        "'" + host + "' matches names below " + suffix + ", never " + suffix + " itself");
    if (!recursive) {
      connection(Surprise.Kind.WILDCARD_DEPTH, e, host, NetworkRequest.of("a.b." + suffix, port, binary),
          "'*' in a host is exactly one label, so '" + host + "' does not match a.b." + suffix
              + " ('**." + suffix + "' would)");
    }
  }

  private static boolean literal(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (GLOB_SYNTAX.indexOf(s.charAt(i)) >= 0) {
        return false;
      }
    }
    return true;
  }

  private void connectionProbes(PolicyModel.Ep e, String binary, int port, String host) {
    NetworkRequest conn = NetworkRequest.of(host, port, binary);
    if (!Outcomes.of(model, conn).outcome().passes()) {
      return; // the request probes need a connection the policy allows
    }
    if (e.inspected && !e.source.isEnforced() && !Enforcement.AUDIT.is(e.source.enforcement())) {
      String value = e.source.enforcement();
      request(Surprise.Kind.AUDIT_ENFORCEMENT, e, e.pointer, "enforcement: '" + value + "'",
          L7Request.of(conn, "TRACE", "/"), value.isEmpty()
              ? "the endpoint does not set enforcement, and the default is audit: a request its rules deny is "
                  + "logged and forwarded"
              : "only the exact value 'enforce' blocks; '" + value + "' means audit: a request the rules deny is "
                  + "logged and forwarded");
    }
    for (int i = 0; i < e.allow.size(); i++) {
      ruleProbes(e, e.allowPointers.get(i), e.allow.get(i), conn);
    }
  }

  private void ruleProbes(PolicyModel.Ep e, String pointer, RuleBody rule, NetworkRequest conn) {
    String path = rule.path();
    String method = rule.method().isEmpty() || rule.method().equals("*") ? "GET" : rule.method();
    if (path.endsWith("/**") && path.length() > 3 && literal(path.substring(0, path.length() - 3))) {
      String prefix = path.substring(0, path.length() - 3);
      if (canonical(prefix)) {
        request(Surprise.Kind.PATH_WITHOUT_SLASH, e, pointer, path, L7Request.of(conn, method, prefix),
            "a trailing '/**' needs the slash: '" + path + "' matches " + prefix + "/ and everything below it, "
                + "not " + prefix);
      }
    }
    if (literal(path) && canonical(path)) {
      String flipped = flipFirstLetter(path);
      if (!flipped.equals(path)) {
        request(Surprise.Kind.PATH_CASE, e, pointer, path, L7Request.of(conn, method, flipped),
            "paths compare case-sensitively: " + flipped + " is not " + path);
      }
      int slash = path.lastIndexOf('/');
      if (slash > 0 && slash < path.length() - 1) {
        encodedSlash(e, pointer, path, path.substring(0, slash) + "%2F" + path.substring(slash + 1), method, conn);
      }
      if (rule.method().equalsIgnoreCase("GET") && rule.query().isEmpty()) {
        request(Surprise.Kind.HEAD_UNDER_GET, e, pointer, "GET " + path, L7Request.of(conn, "HEAD", path),
            "a GET rule also allows HEAD (and a GET deny rule also denies it)");
      }
      for (Map.Entry<String, ValueMatcher> q : rule.query().entrySet()) {
        for (String glob : q.getValue().globs()) {
          int star = glob.indexOf('*');
          if (star >= 0 && !glob.contains("**") && glob.indexOf('.') < 0 && literal(glob.replace("*", ""))) {
            String value = glob.substring(0, star) + "1.2" + glob.substring(star + 1).replace("*", "");
            request(Surprise.Kind.QUERY_DOT, e, pointer, q.getKey() + ": " + glob,
                L7Request.of(conn, method, path).withQuery(Map.of(q.getKey(), List.of(value))),
                "'*' in a query value does not cross '.', so " + q.getKey() + "=" + value + " does not match '"
                    + glob + "' ('**' would)");
          }
        }
      }
    }
  }

  private void encodedSlash(PolicyModel.Ep e, String pointer, String path, String target, String method,
      NetworkRequest conn) {
    if (!seen.add(Surprise.Kind.ENCODED_SLASH + pointer)) {
      return;
    }
    String request = method + " " + conn.host() + ":" + conn.port() + target;
    try {
      CanonicalTarget t = CanonicalTarget.parse(target, e.source.allowEncodedSlash());
      Witness.Network w = new Witness.Network(conn, Optional.of(L7Request.of(conn, method, t.path())));
      out.add(new Surprise(Surprise.Kind.ENCODED_SLASH, pointer, model.locate(pointer), path, request,
          Optional.of(w), Outcomes.of(model, w).outcome().wireName(),
          "the endpoint allows encoded slashes, so %2F stays inside one segment: " + t.path() + " is not " + path));
    } catch (RequestTargetException ex) {
      out.add(new Surprise(Surprise.Kind.ENCODED_SLASH, pointer, model.locate(pointer), path, request,
          Optional.empty(), "rejected", "%2F is refused before any rule is read (" + ex.code()
              + "), unless the endpoint sets allow_encoded_slash; it is never read as " + path));
    }
  }

  private static String flipFirstLetter(String path) {
    for (int i = 0; i < path.length(); i++) {
      char c = path.charAt(i);
      if (c >= 'a' && c <= 'z') {
        return path.substring(0, i) + (char) (c - 32) + path.substring(i + 1);
      }
      if (c >= 'A' && c <= 'Z') {
        return path.substring(0, i) + (char) (c + 32) + path.substring(i + 1);
      }
    }
    return path;
  }

  private static boolean canonical(String path) {
    return CallSiteLanguages.canonicalPath(false).matches(path.getBytes(StandardCharsets.UTF_8));
  }

  private void connection(Surprise.Kind kind, PolicyModel.Ep e, String pattern, NetworkRequest probe,
      String explanation) {
    if (!seen.add(kind + "|" + pattern)) {
      return;
    }
    Witness.Network w = new Witness.Network(probe, Optional.empty());
    out.add(new Surprise(kind, e.pointer, e.source.location(), pattern, w.describe(), Optional.of(w),
        Outcomes.of(model, w).outcome().wireName(), explanation));
  }

  private void request(Surprise.Kind kind, PolicyModel.Ep e, String pointer, String pattern, L7Request probe,
      String explanation) {
    if (!seen.add(kind + "|" + pointer + "|" + pattern)) {
      return;
    }
    Witness.Network w = new Witness.Network(probe.connection(), Optional.of(probe));
    Origin o = Outcomes.of(model, w);
    boolean patternRefuses = kind == Surprise.Kind.PATH_WITHOUT_SLASH || kind == Surprise.Kind.PATH_CASE
        || kind == Surprise.Kind.QUERY_DOT;
    String note = patternRefuses && o.outcome().passes() && !o.pointer().equals(pointer)
        ? " (here " + o.pointer() + " lets it through anyway)" : "";
    out.add(new Surprise(kind, pointer, model.locate(pointer), pattern, w.describe(), Optional.of(w),
        o.outcome().wireName(), explanation + note));
  }
}
