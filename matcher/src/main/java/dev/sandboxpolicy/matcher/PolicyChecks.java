package dev.sandboxpolicy.matcher;

import dev.sandboxpolicy.model.AllowRule;
import dev.sandboxpolicy.model.Binary;
import dev.sandboxpolicy.model.Endpoint;
import dev.sandboxpolicy.model.NetworkPolicy;
import dev.sandboxpolicy.model.Policy;
import dev.sandboxpolicy.model.Problem;
import dev.sandboxpolicy.model.RuleBody;
import dev.sandboxpolicy.model.SourceLocation;
import dev.sandboxpolicy.model.ValueMatcher;
import dev.sandboxpolicy.model.glob.GlobDelimiters;
import dev.sandboxpolicy.model.glob.GlobError;
import dev.sandboxpolicy.model.glob.GlobPattern;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The checks {@link CompiledPolicy#compile} runs before compiling: the policy validator, then this module's own
 * checks (ports in range), then load-time glob warnings.
 */
final class PolicyChecks {
  /** Highest TCP/UDP port (RFC 793 / RFC 768: 16-bit port field). */
  static final int MAX_PORT = 65_535;

  private PolicyChecks() {}

  /** Errors that make the policy unusable. */
  static List<Problem> validate(Policy policy) {
    List<Problem> problems = new ArrayList<>();
    // VALIDATOR HOOK: when dev.sandboxpolicy.schema.PolicyValidator lands on main, call
    //   problems.addAll(PolicyValidator.strict().validate(policy).problems());
    // here and keep only the checks below that it does not cover.
    for (Map.Entry<String, NetworkPolicy> entry : policy.networkPolicies().entrySet()) {
      List<Endpoint> endpoints = entry.getValue().endpoints();
      for (int i = 0; i < endpoints.size(); i++) {
        Endpoint e = endpoints.get(i);
        String pointer = pointer(entry.getKey()) + "/endpoints/" + i;
        checkPort(problems, e.port(), pointer + "/port", e.location(), true);
        for (int p = 0; p < e.ports().size(); p++) {
          checkPort(problems, e.ports().get(p), pointer + "/ports/" + p, e.location(), false);
        }
      }
    }
    return problems;
  }

  private static void checkPort(List<Problem> out, int port, String pointer, SourceLocation at, boolean zeroOk) {
    if (port < 0 || port > MAX_PORT || (port == 0 && !zeroOk)) {
      out.add(new Problem(
          dev.sandboxpolicy.model.Severity.ERROR,
          "invalid_port",
          pointer,
          at.line(),
          at.column(),
          "port " + port + " is outside 1.." + MAX_PORT));
    }
  }

  /** One warning per glob that does not compile (upstream: only a warning; evaluation then fails closed). */
  static List<Problem> globWarnings(Policy policy) {
    List<Problem> out = new ArrayList<>();
    for (Map.Entry<String, NetworkPolicy> entry : policy.networkPolicies().entrySet()) {
      String base = pointer(entry.getKey());
      List<Binary> binaries = entry.getValue().binaries();
      for (int b = 0; b < binaries.size(); b++) {
        String path = binaries.get(b).path();
        if (path.indexOf('*') >= 0) {
          glob(out, path, GlobDelimiters.SLASH, base + "/binaries/" + b + "/path", binaries.get(b).location());
        }
      }
      List<Endpoint> endpoints = entry.getValue().endpoints();
      for (int i = 0; i < endpoints.size(); i++) {
        Endpoint e = endpoints.get(i);
        String ep = base + "/endpoints/" + i;
        if (e.host().indexOf('*') >= 0) {
          glob(out, e.host().toLowerCase(Locale.ROOT), GlobDelimiters.DOT, ep + "/host", e.location());
        }
        pathGlob(out, e.path(), ep + "/path", e.location());
        List<AllowRule> rules = e.allowRules();
        for (int r = 0; r < rules.size(); r++) {
          if (rules.get(r).allow().isPresent()) {
            body(out, rules.get(r).allow().get(), ep + "/rules/" + r + "/allow", e.protocol());
          }
        }
        List<RuleBody> deny = e.denyRuleBodies();
        for (int r = 0; r < deny.size(); r++) {
          body(out, deny.get(r), ep + "/deny_rules/" + r, e.protocol());
        }
      }
    }
    return out;
  }

  private static void body(List<Problem> out, RuleBody body, String pointer, String protocol) {
    SourceLocation at = body.location();
    pathGlob(out, body.path(), pointer + "/path", at);
    for (Map.Entry<String, ValueMatcher> q : body.query().entrySet()) {
      matcher(out, q.getValue(), pointer + "/query/" + pointer(q.getKey()).substring("/network_policies/".length()));
    }
    if (!body.operationName().isEmpty()) {
      glob(out, body.operationName(), GlobDelimiters.DOT, pointer + "/operation_name", at);
    }
    for (int f = 0; f < body.fields().size(); f++) {
      glob(out, body.fields().get(f), GlobDelimiters.DOT, pointer + "/fields/" + f, at);
    }
    if (protocol.equals("mcp") && !body.method().isEmpty()) {
      glob(out, body.method(), GlobDelimiters.DOT, pointer + "/method", at);
    }
    body.tool().ifPresent(t -> matcher(out, t, pointer + "/tool"));
    body.params().forEach((k, m) -> matcher(out, m, pointer + "/params/" + k.replace(".", "/")));
  }

  private static void matcher(List<Problem> out, ValueMatcher m, String pointer) {
    List<String> globs = m.globs();
    for (String g : globs) {
      glob(out, g, GlobDelimiters.DOT, pointer, m.location());
    }
  }

  private static void pathGlob(List<Problem> out, String path, String pointer, SourceLocation at) {
    if (!path.isEmpty() && !path.equals("**")) {
      glob(out, path, GlobDelimiters.SLASH, pointer, at);
    }
  }

  private static void glob(List<Problem> out, String pattern, GlobDelimiters d, String pointer, SourceLocation at) {
    GlobError error = GlobPattern.check(pattern, d).orElse(null);
    if (error != null) {
      out.add(new Problem(
          dev.sandboxpolicy.model.Severity.WARNING,
          error.code(),
          pointer,
          at.line(),
          at.column(),
          error.message() + "; every decision that evaluates this glob fails closed"));
    }
  }

  private static String pointer(String key) {
    return "/network_policies/" + CompiledPolicy.escapePointer(key);
  }
}
