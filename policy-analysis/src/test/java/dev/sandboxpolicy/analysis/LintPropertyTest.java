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
import dev.sandboxpolicy.testkit.ReferenceMatcher;
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
  private static final int SHARED_HOST_CASES = 40;
  private static final int SHARED_HOST_SAMPLES = 200;

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

  /**
   * The same on policies whose entries crowd onto a few hosts ({@link SharedHostPolicies}), where a connection's
   * executable and ancestors combine entries: every removal a warning names is equivalent for {@code compare} and
   * for the reference matcher on sampled connections and requests (with ancestors from the policy's binaries).
   */
  @Test
  void removingWhatALintWarningNamesChangesNoDecisionOnSharedHosts() throws Exception {
    Long fixed = Long.getLong(PropertyCheck.SEED_PROPERTY);
    long base = fixed != null ? fixed : 20261207L;
    int entries = 0;
    for (int i = 0; i < (fixed != null ? 1 : SHARED_HOST_CASES); i++) {
      long seed = base + i;
      SplittableRandom random = new SplittableRandom(seed);
      Policy p = SharedHostPolicies.policies().generate(random, 12);
      List<Witness.Network> samples = SharedHostPolicies.samples(p, random, SHARED_HOST_SAMPLES);
      ReferenceMatcher rp = ReferenceMatcher.of(p);
      for (Problem w : PolicyAnalysis.lint(p)) {
        entries += w.code().equals("redundant_entry") ? 1 : 0;
        Policy without = without(p, w);
        ReferenceMatcher rw = ReferenceMatcher.of(without);
        Comparison c = PolicyAnalysis.compare(p, without);
        String context = "seed " + seed + " (rerun with -D" + PropertyCheck.SEED_PROPERTY + "=" + seed
            + "): removing " + w + "\n" + PolicyWriter.toYaml(p);
        assertTrue(c.relation() == Comparison.Relation.EQUIVALENT && c.unsupported().isEmpty(),
            context + "\nis not equivalent: " + c);
        for (Witness.Network s : samples) {
          assertEquals(Reference.passes(rp, s), Reference.passes(rw, s), context + "\nsample " + s.describe());
        }
      }
    }
    assertTrue(fixed != null || entries > 5, "the generated policies gave too few redundant entries: " + entries);
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
