package dev.sandboxpolicy.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sandboxpolicy.io.PolicyWriter;
import dev.sandboxpolicy.model.AllowRule;
import dev.sandboxpolicy.model.Endpoint;
import dev.sandboxpolicy.model.NetworkPolicy;
import dev.sandboxpolicy.model.Policy;
import dev.sandboxpolicy.model.Problem;
import dev.sandboxpolicy.model.RuleBody;
import dev.sandboxpolicy.testkit.PolicyGenerator;
import dev.sandboxpolicy.testkit.PropertyCheck;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Every lint warning is a removal that changes nothing: on generated policies, taking out what a warning names
 * gives a policy that {@code compare} finds equivalent (and whose witnesses, were there any, the reference matcher
 * would confirm; see {@link AnalysisDifferentialTest}). The seed is printed on failure.
 */
class LintPropertyTest {
  private static final int CASES = 30;

  @Test
  void removingWhatALintWarningNamesChangesNoDecision() throws Exception {
    Long fixed = Long.getLong(PropertyCheck.SEED_PROPERTY);
    long base = fixed != null ? fixed : 20261206L;
    int warnings = 0;
    for (int i = 0; i < (fixed != null ? 1 : CASES); i++) {
      long seed = base + i;
      Policy p = PolicyGenerator.defaults().policies().generate(new SplittableRandom(seed), 3 + (int) (seed % 8));
      for (Problem w : PolicyAnalysis.lint(p)) {
        warnings++;
        Policy without = without(p, w);
        Comparison c = PolicyAnalysis.compare(p, without);
        assertTrue(c.relation() == Comparison.Relation.EQUIVALENT,
            "seed " + seed + " (rerun with -D" + PropertyCheck.SEED_PROPERTY + "=" + seed + "): removing " + w
                + " is not equivalent: " + c + "\n" + PolicyWriter.toYaml(p));
      }
    }
    assertTrue(fixed != null || warnings > 5, "the generated policies gave too few warnings to test: " + warnings);
  }

  /** The policy without the rule, deny rule or entry a warning names. */
  static Policy without(Policy p, Problem w) {
    String[] parts = w.pointer().split("/");
    String key = parts[2].replace("~1", "/").replace("~0", "~");
    Map<String, NetworkPolicy> entries = new LinkedHashMap<>(p.networkPolicies());
    if (w.code().equals("redundant_entry")) {
      entries.remove(key);
      return Policy.builder().from(p).networkPolicies(entries).build();
    }
    int endpoint = Integer.parseInt(parts[4]);
    int index = Integer.parseInt(parts[6]);
    NetworkPolicy entry = entries.get(key);
    List<Endpoint> eps = new ArrayList<>(entry.endpoints());
    Endpoint e = eps.get(endpoint);
    Endpoint changed;
    if (w.code().equals("redundant_rule")) {
      List<AllowRule> rules = new ArrayList<>(e.allowRules());
      rules.remove(index);
      changed = Endpoint.builder().from(e).rules(rules).build();
    } else {
      assertEquals("unreachable_deny_rule", w.code());
      List<RuleBody> deny = new ArrayList<>(e.denyRuleBodies());
      deny.remove(index);
      changed = deny.isEmpty() ? Endpoint.builder().from(e).denyRules(java.util.Optional.empty()).build()
          : Endpoint.builder().from(e).denyRules(deny).build();
    }
    eps.set(endpoint, changed);
    entries.put(key, NetworkPolicy.builder().from(entry).endpoints(eps).build());
    return Policy.builder().from(p).networkPolicies(entries).build();
  }
}
