package dev.sandboxpolicy.rules;

import dev.sandboxpolicy.model.JsonPointer;
import dev.sandboxpolicy.model.Middleware;
import dev.sandboxpolicy.model.MiddlewareSelector;
import dev.sandboxpolicy.model.Problem;
import dev.sandboxpolicy.model.ProblemCode;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** {@code network_middlewares} rules (spec §1.9, §2.2). */
final class MiddlewareRules {

  /** Spec §1.9: at most 10 middleware configurations per policy. */
  static final int MAX_CONFIGS = 10;
  /** Spec §1.9: at most 32 include + exclude host patterns per configuration. */
  static final int MAX_PATTERNS = 32;

  private MiddlewareRules() {}

  static void check(Map<String, Middleware> middlewares, List<EndpointSite> endpoints, ProblemSink sink) {
    String base = "/network_middlewares";
    if (middlewares.size() > MAX_CONFIGS) {
      sink.error(ProblemCode.MIDDLEWARE_TOO_MANY, base, "too many middleware configurations (" + middlewares.size()
          + " > " + MAX_CONFIGS + ")");
    }
    Map<Integer, String> orders = new HashMap<>();
    for (Map.Entry<String, Middleware> entry : middlewares.entrySet()) {
      String key = entry.getKey();
      Middleware m = entry.getValue();
      String at = JsonPointer.key(base, key);
      if (key.isBlank()) {
        sink.error(ProblemCode.MIDDLEWARE_KEY_EMPTY, at, "middleware key must not be empty");
      }
      if (m.middleware().isBlank()) {
        sink.error(ProblemCode.MIDDLEWARE_NAME_EMPTY, at + "/middleware", "middleware '" + key
            + "' must name a middleware implementation");
      } else if (BuiltinMiddlewares.isBuiltinName(m.middleware())) {
        checkBuiltin(key, m, at, sink);
      }
      String onError = m.onError();
      boolean failOpen = onError.equals("fail_open");
      if (!onError.isEmpty() && !failOpen && !onError.equals("fail_closed")) {
        sink.error(ProblemCode.MIDDLEWARE_ON_ERROR_INVALID, at + "/on_error", "on_error must be fail_closed or fail_open,"
            + " got '" + onError + "'");
      }
      int order = m.order().orElse(0);
      String previous = orders.putIfAbsent(order, key);
      if (previous != null) {
        sink.error(ProblemCode.MIDDLEWARE_ORDER_DUPLICATE, at + (m.order().isPresent() ? "/order" : ""), "middleware '"
            + key + "' has order " + order + ", already used by '" + previous + "'; orders must be unique");
      }
      if (m.endpoints().isEmpty()) {
        sink.error(ProblemCode.MIDDLEWARE_SELECTOR_MISSING, at, "middleware '" + key
            + "' must declare endpoints.include");
        continue;
      }
      MiddlewareSelector selector = m.endpoints().get();
      if (selector.include().isEmpty()) {
        sink.error(ProblemCode.MIDDLEWARE_INCLUDE_EMPTY, at + "/endpoints", "endpoints.include must not be empty");
      }
      int patterns = selector.include().size() + selector.exclude().size();
      if (patterns > MAX_PATTERNS) {
        sink.error(ProblemCode.MIDDLEWARE_TOO_MANY_PATTERNS, at + "/endpoints", "too many endpoint patterns ("
            + patterns + " > " + MAX_PATTERNS + ")");
      }
      checkPatterns(selector.include(), at + "/endpoints/include", sink);
      checkPatterns(selector.exclude(), at + "/endpoints/exclude", sink);
      if (!failOpen) {
        checkTlsSkipOverlap(key, selector, at, endpoints, sink);
      }
    }
  }

  /**
   * A middleware in the reserved {@code openshell/} namespace must be a registered built-in, and its {@code config}
   * must be one that built-in accepts (upstream validates both before a policy is applied).
   */
  private static void checkBuiltin(String key, Middleware m, String at, ProblemSink sink) {
    BuiltinMiddlewares.Builtin builtin = BuiltinMiddlewares.find(m.middleware()).orElse(null);
    if (builtin == null) {
      sink.error(ProblemCode.MIDDLEWARE_BUILTIN_UNKNOWN, at + "/middleware", "middleware implementation "
          + Problem.quote(m.middleware()) + " is not a registered OpenShell built-in (" + BuiltinMiddlewares.names()
          + "); the " + BuiltinMiddlewares.PREFIX + " prefix is reserved for built-ins, so name an external"
          + " middleware without it");
      return;
    }
    for (Map.Entry<String, Object> option : m.config().entrySet()) {
      String optionAt = JsonPointer.key(at + "/config", option.getKey());
      List<String> accepted = builtin.options().get(option.getKey());
      if (accepted == null) {
        sink.errorAtKey(ProblemCode.MIDDLEWARE_CONFIG_INVALID, optionAt, builtin.name() + " does not support config"
            + " option " + Problem.quote(option.getKey()) + " in middleware '" + key + "'; it accepts "
            + builtin.accepted());
      } else if (!(option.getValue() instanceof String value) || !accepted.contains(value)) {
        sink.error(ProblemCode.MIDDLEWARE_CONFIG_INVALID, optionAt, builtin.name() + " config "
            + option.getKey() + " must be " + String.join(" or ", accepted) + ", got " + shown(option.getValue())
            + "; it accepts " + builtin.accepted());
      }
    }
  }

  private static String shown(Object value) {
    if (value == null) {
      return "an empty value";
    }
    return value instanceof String s ? Problem.quote(s) : "a " + (value instanceof Map ? "mapping"
        : value instanceof List ? "sequence" : value instanceof Boolean ? "boolean" : "number");
  }

  private static void checkPatterns(List<String> patterns, String base, ProblemSink sink) {
    for (int i = 0; i < patterns.size(); i++) {
      String why = HostPatterns.labelGlobProblem(patterns.get(i));
      if (why != null) {
        sink.error(ProblemCode.MIDDLEWARE_HOST_PATTERN_INVALID, JsonPointer.index(base, i), "invalid host pattern '"
            + patterns.get(i) + "': it " + why);
      }
    }
  }

  /** A fail-closed middleware whose selector can match a {@code tls: skip} endpoint could never inspect it. */
  private static void checkTlsSkipOverlap(String key, MiddlewareSelector selector, String at,
      List<EndpointSite> endpoints, ProblemSink sink) {
    for (EndpointSite site : endpoints) {
      if (!site.endpoint().tls().trim().toLowerCase(Locale.ROOT).equals("skip")) {
        continue;
      }
      String host = site.endpoint().host();
      boolean included = host.isBlank() || selector.include().stream().anyMatch(p -> HostOverlap.overlap(p, host));
      boolean excluded = !host.isBlank() && host.indexOf('*') < 0
          && selector.exclude().stream().anyMatch(p -> HostOverlap.overlap(p, host));
      if (included && !excluded) {
        sink.error(ProblemCode.MIDDLEWARE_TLS_SKIP_OVERLAP, at + "/endpoints", "fail-closed middleware '" + key
            + "' selects '" + host + "' (" + site.pointer() + "), which uses tls: skip and cannot be inspected;"
            + " exclude it or set on_error: fail_open");
        return;
      }
    }
  }
}
