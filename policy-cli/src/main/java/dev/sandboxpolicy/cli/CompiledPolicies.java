package dev.sandboxpolicy.cli;

import dev.sandboxpolicy.io.ReadResult;
import dev.sandboxpolicy.matcher.CompiledPolicy;
import dev.sandboxpolicy.matcher.MatcherOptions;
import dev.sandboxpolicy.matcher.PolicyCompileException;
import dev.sandboxpolicy.model.Policy;
import dev.sandboxpolicy.model.Problem;
import dev.sandboxpolicy.model.SourceLocation;
import dev.sandboxpolicy.model.SourceMap;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads and compiles a policy for decisions, with every problem (reader, validator, compiler) carrying a line
 * and column in the text it came from.
 */
final class CompiledPolicies {

  /** A compiled policy, or the problems that stopped it (errors first in importance, all kept). */
  record Outcome(CompiledPolicy compiled, List<Problem> problems) {
    boolean ok() {
      return compiled != null;
    }
  }

  private CompiledPolicies() {}

  /** Compiles the policy of {@code read}. */
  static Outcome compile(ReadResult<Policy> read, MatcherOptions options) {
    if (read.hasErrors() || read.value().isEmpty()) {
      return new Outcome(null, read.problems());
    }
    List<Problem> problems = new ArrayList<>(read.problems());
    try {
      CompiledPolicy compiled = CompiledPolicy.compile(read.value().get(), options);
      problems.addAll(located(compiled.warnings(), read.sourceMap()));
      return new Outcome(compiled, List.copyOf(problems));
    } catch (PolicyCompileException e) {
      problems.addAll(located(e.problems(), read.sourceMap()));
      return new Outcome(null, List.copyOf(problems));
    }
  }

  /** {@code problems} with a position taken from the source map where they have none. */
  static List<Problem> located(List<Problem> problems, SourceMap map) {
    List<Problem> out = new ArrayList<>(problems.size());
    for (Problem p : problems) {
      if (p.line() > 0 || p.pointer().isEmpty()) {
        out.add(p);
        continue;
      }
      SourceLocation at = map.nearest(p.pointer());
      out.add(new Problem(p.severity(), p.code(), p.pointer(), at.line(), at.column(), p.message()));
    }
    return out;
  }
}
