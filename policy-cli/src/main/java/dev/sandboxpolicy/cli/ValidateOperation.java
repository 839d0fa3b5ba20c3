package dev.sandboxpolicy.cli;

import dev.sandboxpolicy.io.ReadMode;
import dev.sandboxpolicy.model.Problem;
import dev.sandboxpolicy.schema.DocumentKind;
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
    Set<String> kinds = new java.util.LinkedHashSet<>();
    new DocumentValidation.KindNames().forEach(kinds::add);
    String kindName = request.choice("kind", kinds, DocumentKind.POLICY.wireName());
    DocumentKind kind = DocumentKind.fromWireName(kindName).orElseThrow();
    String yaml = request.requireString("yaml");
    ReadMode mode = ProtocolOperations.mode(request);
    boolean custom = request.bool("custom", false) && kind == DocumentKind.PRESET;
    Set<String> profiles = new java.util.LinkedHashSet<>();
    new DocumentValidation.ProfileNames().forEach(profiles::add);
    ValidationProfile profile = ValidationProfile.fromWireName(
        request.choice("profile", profiles, ValidationProfile.OPENSHELL.wireName())).orElseThrow();
    List<Problem> problems = DocumentValidation.validate(kind, yaml, mode, custom, profile);
    response.put("valid", problems.stream().noneMatch(Problem::isError));
    response.set("problems", Json.problems(problems));
  }
}
