package dev.sandboxpolicy.cli;

import dev.sandboxpolicy.analysis.Comparison;
import dev.sandboxpolicy.analysis.Containment;
import dev.sandboxpolicy.analysis.Region;
import dev.sandboxpolicy.analysis.Surprise;
import java.io.PrintStream;
import java.util.List;

/** The text a person reads from {@code prove}, {@code diff --semantic} and {@code lint --surprises}. */
final class AnalysisText {
  private AnalysisText() {}

  static void containment(Containment c, PrintStream out) {
    out.println("result: " + c.result().wireName());
    if (c.counterexample().isPresent()) {
      out.println("counterexample: " + c.counterexample().get().describe());
      c.candidate().ifPresent(o -> out.println("  candidate: " + o.describe()));
      c.boundary().ifPresent(o -> out.println("  boundary:  " + o.describe()));
    }
    unsupported(c.unsupported(), out);
  }

  static void comparison(Comparison c, PrintStream out) {
    out.println("relation: " + c.relation().wireName());
    c.widened().forEach(r -> region("+", r, true, out));
    c.narrowed().forEach(r -> region("-", r, false, out));
    unsupported(c.unsupported(), out);
  }

  private static void region(String sign, Region r, boolean widened, PrintStream out) {
    out.println(sign + " " + r.witness().describe());
    out.println("    after:  " + r.after().describe());
    out.println("    before: " + r.before().describe());
    String scope = r.scope().describe();
    if (!scope.isEmpty()) {
      out.println("    " + (widened ? "from:   " : "was:    ") + scope);
    }
  }

  static void unsupported(List<String> reasons, PrintStream out) {
    if (!reasons.isEmpty()) {
      out.println("unsupported (not modelled, so not proven):");
      reasons.forEach(r -> out.println("  - " + r));
    }
  }

  static void surprises(String file, List<Surprise> surprises, PrintStream out) {
    for (Surprise s : surprises) {
      String where = s.location().line() > 0 ? file + ":" + s.location().line() + ":" + s.location().column() : file;
      out.println(where + ": " + s.kind().wireName() + " " + s.request() + " -> " + s.outcome() + ": "
          + s.explanation());
    }
  }
}
