package dev.sandboxpolicy.cli;

import dev.sandboxpolicy.io.ReadMode;
import dev.sandboxpolicy.model.Problem;
import dev.sandboxpolicy.schema.ValidationProfile;
import java.util.List;
import java.util.Set;
import tools.jackson.databind.node.ObjectNode;

/**
 * The protocol's {@code validate}: {@code {kind, yaml, mode, custom, profile}} to {@code {valid, problems}};
 * {@code profile: "nemoclaw"} adds the rules of NemoClaw's own JSON Schemas. An invalid
 * document is still {@code ok: true}; {@code valid} is false iff some problem is an error.
 */
final class ValidateOperation implements Operation {

  @Override
  public void apply(RequestFields request, ObjectNode response) throws ProtocolError {
    String kindName = request.choice("kind", Set.of("policy", "preset", "blueprint"), "policy");
    DocumentValidation.Kind kind = DocumentValidation.Kind.named(kindName).orElseThrow();
    String yaml = request.requireString("yaml");
    ReadMode mode = ProtocolOperations.mode(request);
    boolean custom = request.bool("custom", false) && kind == DocumentValidation.Kind.PRESET;
    ValidationProfile profile = ValidationProfile.named(
        request.choice("profile", Set.of("openshell", "nemoclaw"), ValidationProfile.OPENSHELL.label())).orElseThrow();
    List<Problem> problems = DocumentValidation.validate(kind, yaml, mode, custom, profile);
    response.put("valid", problems.stream().noneMatch(Problem::isError));
    response.set("problems", Json.problems(problems));
  }
}
