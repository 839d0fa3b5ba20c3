package dev.sandboxpolicy.cli;

import dev.sandboxpolicy.io.ReadMode;
import dev.sandboxpolicy.model.Problem;
import dev.sandboxpolicy.schema.DocumentKind;
import java.util.List;
import java.util.Set;
import tools.jackson.databind.node.ObjectNode;

/**
 * The protocol's {@code validate}: {@code {kind, yaml, mode, custom}} to {@code {valid, problems}}. An invalid
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
    List<Problem> problems = DocumentValidation.validate(kind, yaml, mode, custom);
    response.put("valid", problems.stream().noneMatch(Problem::isError));
    response.set("problems", Json.problems(problems));
  }
}
