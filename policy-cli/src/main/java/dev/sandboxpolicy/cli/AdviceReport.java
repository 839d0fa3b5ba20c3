package dev.sandboxpolicy.cli;

import dev.sandboxpolicy.traffic.Advice;
import dev.sandboxpolicy.traffic.AdviceProof;
import dev.sandboxpolicy.traffic.Proposal;
import dev.sandboxpolicy.traffic.SkippedDenial;
import java.io.PrintStream;
import java.util.Optional;

/** The text form of advice: proposals, skipped denials, widening, proof, then the preset (unless written). */
final class AdviceReport {

  private AdviceReport() {}

  static void print(Advice advice, Optional<String> writtenTo, PrintStream out) {
    if (advice.proposals().isEmpty()) {
      out.println("nothing to propose: no logged denial calls for a policy change");
    } else {
      out.println("proposed entries:");
      for (Proposal p : advice.proposals()) {
        out.println("  " + p.key() + p.reusedKey().map(k -> "  (reuses the key and endpoint of '" + k + "')").orElse("")
            + "  " + ReplayReport.count(p.denials(), "denial"));
        p.justification().stream().limit(5).forEach(w -> out.println("      " + w));
        if (p.justification().size() > 5) {
          out.println("      ... and " + (p.justification().size() - 5) + " more");
        }
      }
    }
    if (!advice.skipped().isEmpty()) {
      out.println();
      out.println("skipped denials:");
      for (SkippedDenial s : advice.skipped()) {
        out.println("  " + s.host() + ":" + s.port() + "  " + s.binary() + "  (" + ReplayReport.count(s.count(),
            "denial") + ", first " + s.source() + ":" + s.line() + ")  " + s.reason().wireName() + ": "
            + s.reason().description());
      }
    }
    Advice.Widening widening = advice.widening();
    if (advice.preset().isPresent()) {
      out.println();
      out.println("widening (policy-analysis compare of the current policy and the merged one: " + widening.relation()
          + "):");
      widening.widened().forEach(w -> out.println("  + " + w));
      if (!widening.narrowed().isEmpty()) {
        out.println("the preset also NARROWS:");
        widening.narrowed().forEach(w -> out.println("  - " + w));
      }
      widening.unsupported().forEach(u -> out.println("  (not modelled: " + u + ")"));
    }
    AdviceProof proof = advice.proof();
    out.println();
    out.println("proof by replay: " + (proof.holds() ? "holds" : "DOES NOT HOLD"));
    out.println("  targeted denials now allowed   " + proof.targetsAllowed() + " of " + proof.targets());
    proof.targetsStillDenied().forEach(s -> out.println("    still denied: " + s));
    out.println("  logged allows now denied       " + proof.loggedAllowsBroken() + " of " + proof.loggedAllows()
        + (proof.undecidable() > 0 ? " (" + proof.undecidable() + " undecidable)" : ""));
    proof.brokenSamples().forEach(s -> out.println("    broken: " + s));
    if (!proof.complete()) {
      out.println("  the log had more distinct requests than are kept: the proof covers the first only");
    }
    if (advice.preset().isPresent()) {
      out.println();
      if (writtenTo.isPresent() && proof.holds()) {
        out.println("preset written to " + writtenTo.get() + "; apply it with 'policyctl merge' or"
            + " 'nemoclaw <sandbox> policy-add --from-file " + writtenTo.get() + "'");
      } else {
        out.println("--- preset " + advice.preset().get().name());
        out.print(advice.presetYaml());
      }
    }
  }
}
