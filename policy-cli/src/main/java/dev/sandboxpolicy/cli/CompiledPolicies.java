package dev.sandboxpolicy.cli;

import dev.sandboxpolicy.io.ReadMode;
import dev.sandboxpolicy.io.ReadResult;
import dev.sandboxpolicy.matcher.CompiledPolicy;
import dev.sandboxpolicy.matcher.MatcherOptions;
import dev.sandboxpolicy.matcher.PolicyCompileException;
import dev.sandboxpolicy.model.Policy;
import dev.sandboxpolicy.model.Problem;
import dev.sandboxpolicy.model.SourceLocation;
import dev.sandboxpolicy.model.SourceMap;
import dev.sandboxpolicy.schema.DocumentKind;
import dev.sandboxpolicy.schema.ValidationProfile;
import java.util.ArrayList;
import java.util.List;

/**
 * The one way the CLI turns a policy document into a compiled policy ({@code check}, {@code decide}, {@code serve
 * --watch}): the document is first judged exactly as {@code validate} judges it in the same mode ({@link
 * DocumentValidation}: syntax, JSON Schema, value rules), and a document {@code validate} refuses is refused here
 * with the same problems. Only then is it read and compiled, with the value rules of that mode. Every problem
 * carries a line and column in the text it came from.
 */
final class CompiledPolicies {

  /** A compiled policy, or the problems that stopped it (all kept), and the source map of the read. */
  record Outcome(CompiledPolicy compiled, List<Problem> problems, SourceMap sourceMap) {
    boolean ok() {
      return compiled != null;
    }
  }

  private CompiledPolicies() {}

  /** Validates and compiles a document named on the command line. */
  static Outcome compile(InputDocument document, ReadMode mode, MatcherOptions options) {
    List<Problem> validation =
        DocumentValidation.validate(DocumentKind.POLICY, document, mode, false, ValidationProfile.OPENSHELL);
    if (validation.stream().anyMatch(Problem::isError)) {
      return new Outcome(null, validation, SourceMap.empty());
    }
    return compile(PolicyFiles.read(document, mode), validation, mode, options);
  }

  /** Validates and compiles policy text (as sent over the stdio protocol). */
  static Outcome compile(String text, ReadMode mode, MatcherOptions options) {
    List<Problem> validation = DocumentValidation.validate(DocumentKind.POLICY, text, mode, false);
    if (validation.stream().anyMatch(Problem::isError)) {
      return new Outcome(null, validation, SourceMap.empty());
    }
    return compile(PolicyFiles.read(text, mode), validation, mode, options);
  }

  /** Compiles a read that validation accepted; {@code validation} (its warnings) are the problems reported. */
  private static Outcome compile(
      ReadResult<Policy> read, List<Problem> validation, ReadMode mode, MatcherOptions options) {
    List<Problem> problems = new ArrayList<>(validation);
    if (read.hasErrors() || read.value().isEmpty()) { // cannot happen after a clean validation; fail closed anyway
      problems.addAll(read.problems());
      return new Outcome(null, List.copyOf(problems), read.sourceMap());
    }
    try {
      CompiledPolicy compiled =
          CompiledPolicy.compile(read.value().get(), options.withStrictRules(mode == ReadMode.STRICT));
      return new Outcome(compiled, List.copyOf(problems), read.sourceMap());
    } catch (PolicyCompileException e) {
      problems.addAll(located(e.problems(), read.sourceMap()));
      return new Outcome(null, List.copyOf(problems), read.sourceMap());
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
