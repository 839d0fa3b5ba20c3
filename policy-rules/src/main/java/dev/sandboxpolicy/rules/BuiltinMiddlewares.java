package dev.sandboxpolicy.rules;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * OpenShell's registered built-in middlewares and the {@code config} each accepts, as data. A middleware named
 * {@code openshell/<x>} must be one of these (the prefix is reserved for built-ins, spec §1.9), and its
 * {@code config} may only hold the options listed, each with one of the listed string values; an omitted option
 * takes its default.
 *
 * <p>Source: upstream {@code crates/openshell-supervisor-middleware-builtins} ({@code validate_config} dispatches on
 * the implementation name and refuses any other with "is not a registered OpenShell built-in"; {@code regex.rs}
 * reads its config into a struct that denies unknown fields, with one field {@code mode} whose only variant is
 * {@code redact}, the default). Checked against upstream at the commit the language spec describes and the later
 * revisions available to us (September 2026): {@code openshell/regex} is the only built-in.
 */
final class BuiltinMiddlewares {

  /** The prefix upstream reserves for built-in implementations. */
  static final String PREFIX = "openshell/";

  /** A built-in: its implementation name and, per config option, the values it accepts (the first is the default). */
  record Builtin(String name, Map<String, List<String>> options) {
    Builtin {
      options = Map.copyOf(options);
    }

    /** {@code mode: redact}, as messages spell the accepted config. */
    String accepted() {
      if (options.isEmpty()) {
        return "no config";
      }
      StringBuilder out = new StringBuilder();
      options.forEach((option, values) -> out.append(out.length() == 0 ? "" : ", ").append(option).append(": ")
          .append(String.join(" | ", values)));
      return out.toString();
    }
  }

  /** The catalogue, by implementation name. */
  static final Map<String, Builtin> CATALOGUE = catalogue(
      // regex.rs: RegexConfig { mode: RegexMode } with #[serde(default, deny_unknown_fields)], RegexMode::Redact only
      new Builtin("openshell/regex", Map.of("mode", List.of("redact"))));

  private BuiltinMiddlewares() {}

  private static Map<String, Builtin> catalogue(Builtin... builtins) {
    Map<String, Builtin> out = new LinkedHashMap<>();
    for (Builtin b : builtins) {
      out.put(b.name(), b);
    }
    return Map.copyOf(out);
  }

  /** Whether {@code implementation} claims the built-in namespace ({@code openshell/}, compared exactly). */
  static boolean isBuiltinName(String implementation) {
    return implementation.startsWith(PREFIX);
  }

  /** The built-in named {@code implementation}, if registered. */
  static Optional<Builtin> find(String implementation) {
    return Optional.ofNullable(CATALOGUE.get(implementation));
  }

  /** The registered names, sorted, for messages. */
  static String names() {
    return String.join(", ", new java.util.TreeSet<>(CATALOGUE.keySet()));
  }
}
