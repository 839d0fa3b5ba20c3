package dev.sandboxpolicy.cli;

import dev.sandboxpolicy.analysis.PolicyAnalysis;
import dev.sandboxpolicy.io.ReadMode;
import dev.sandboxpolicy.io.ReadResult;
import dev.sandboxpolicy.matcher.PolicyCompileException;
import dev.sandboxpolicy.model.Policy;
import dev.sandboxpolicy.model.Problem;
import java.util.List;
import tools.jackson.databind.node.ObjectNode;

/**
 * The stdio operations of the analysis (docs/stdio-protocol.md): {@code prove} {@code {"boundary", "candidate"}},
 * {@code compare} {@code {"before", "after"}} and {@code lint} {@code {"policy", "surprises"?}}. Policies travel as
 * text and are read strictly unless {@code mode} says {@code lenient}; one that does not load is an {@code
 * invalid_policy} error naming which field it came from.
 */
final class AnalysisOperations {
  private AnalysisOperations() {}

  static void prove(RequestFields request, ObjectNode response) throws ProtocolError {
    ReadMode mode = ProtocolOperations.mode(request);
    Policy boundary = policy(request, "boundary", mode);
    Policy candidate = policy(request, "candidate", mode);
    try {
      AnalysisJson.containment(PolicyAnalysis.prove(boundary, candidate), response);
    } catch (PolicyCompileException e) {
      throw invalid(e, boundary, "boundary");
    }
  }

  static void compare(RequestFields request, ObjectNode response) throws ProtocolError {
    ReadMode mode = ProtocolOperations.mode(request);
    Policy before = policy(request, "before", mode);
    Policy after = policy(request, "after", mode);
    try {
      AnalysisJson.comparison(PolicyAnalysis.compare(before, after), response);
    } catch (PolicyCompileException e) {
      throw invalid(e, before, "before");
    }
  }

  static void lint(RequestFields request, ObjectNode response) throws ProtocolError {
    Policy policy = policy(request, "policy", ProtocolOperations.mode(request));
    boolean surprises = request.bool("surprises", false);
    try {
      response.set("problems", Json.problems(PolicyAnalysis.lint(policy)));
      if (surprises) {
        response.set("surprises", AnalysisJson.surprises(PolicyAnalysis.surprises(policy)));
      }
    } catch (PolicyCompileException e) {
      throw ProtocolOperations.invalidPolicy("'policy' does not load", e.problems());
    }
  }

  private static Policy policy(RequestFields request, String field, ReadMode mode) throws ProtocolError {
    ReadResult<Policy> read = PolicyFiles.read(request.requireString(field), mode);
    if (read.hasErrors() || read.value().isEmpty()) {
      throw ProtocolOperations.invalidPolicy("'" + field + "' does not load", read.problems());
    }
    return read.value().get();
  }

  /** Which of the two policies does not compile: the first when it fails alone, else the second. */
  private static ProtocolError invalid(PolicyCompileException e, Policy first, String firstField) {
    try {
      dev.sandboxpolicy.matcher.CompiledPolicy.compile(first);
    } catch (PolicyCompileException firstFails) {
      return ProtocolOperations.invalidPolicy("'" + firstField + "' does not load", errors(firstFails));
    }
    String second = switch (firstField) {
      case "boundary" -> "candidate";
      case "before" -> "after";
      default -> "policy";
    };
    return ProtocolOperations.invalidPolicy("'" + second + "' does not load", errors(e));
  }

  private static List<Problem> errors(PolicyCompileException e) {
    return e.problems().stream().filter(Problem::isError).toList();
  }
}
