package dev.sandboxpolicy.testkit;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sandboxpolicy.io.PolicyReader;
import dev.sandboxpolicy.io.PolicyWriter;
import dev.sandboxpolicy.io.ReadMode;
import dev.sandboxpolicy.model.Problem;
import dev.sandboxpolicy.schema.DocumentKind;
import dev.sandboxpolicy.schema.PolicyValidator;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The structural mutations of this turn's fields: {@code mcp.versions} and trailing dots on {@code tcp} hosts. */
class DocumentMutatorTest {

  private static final String POLICY = """
      version: 1
      network_policies:
        tools:
          endpoints:
            - host: mcp.example.com
              port: 443
              protocol: mcp
              mcp:
                versions: ["2025-06-18", "2025-11-25"]
              rules:
                - allow: {method: "tools/*"}
            - host: db.example.com
              port: 5432
              protocol: tcp
          binaries:
            - path: /usr/bin/tool
      """;

  @Test
  void mcpVersionsAndTcpHostMutantsAreMadeAndRejected() {
    Map<String, Object> tree = PolicyWriter.toTree(
        PolicyReader.of(ReadMode.STRICT).readPolicy(POLICY).value().orElseThrow());
    List<String> operators = new ArrayList<>();
    PropertyCheck.forAll(DocumentMutator.structural(tree)).seed(11L).count(300).maxSize(1).check(m -> {
      operators.add(m.operator());
      if (m.operator().startsWith("mcp.versions") || m.operator().startsWith("trailing dot")) {
        List<Problem> problems = PolicyValidator.strict().validateText(DocumentKind.POLICY, m.text()).problems();
        assertTrue(problems.stream().anyMatch(Problem::isError), m + "\n" + problems);
      }
    });
    assertTrue(operators.stream().anyMatch(o -> o.startsWith("mcp.versions [] at")), operators::toString);
    assertTrue(operators.stream().anyMatch(o -> o.startsWith("mcp.versions [latest]")), operators::toString);
    assertTrue(operators.stream().anyMatch(o -> o.startsWith("trailing dot on the tcp host")), operators::toString);
  }
}
