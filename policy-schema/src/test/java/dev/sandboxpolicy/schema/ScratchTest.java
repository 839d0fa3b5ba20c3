package dev.sandboxpolicy.schema;

import java.nio.file.*;
import org.junit.jupiter.api.Test;

class ScratchTest {
  @Test
  void scratch() throws Exception {
    Path shared = Path.of(System.getProperty("sandboxpolicy.shared"));
    try (var s = Files.walk(shared.resolve("upstream"))) {
      for (Path p : (Iterable<Path>) s.filter(x -> x.toString().endsWith(".yaml"))::iterator) {
        String text = Files.readString(p);
        DocumentKind kind = text.contains("\npreset:") ? DocumentKind.PRESET
            : p.toString().endsWith("blueprint.yaml") ? DocumentKind.BLUEPRINT : DocumentKind.POLICY;
        var problems = JsonSchemaCheck.check(kind, text, !text.contains("\nversion:"));
        System.out.println(p + " " + kind + " " + problems.size());
        problems.stream().limit(5).forEach(x -> System.out.println("   " + x));
      }
    }
    System.out.println(JsonSchemaCheck.check(DocumentKind.POLICY, "version: 1\nfoo: 2\nnetwork_policies:\n  a:\n    endpoints:\n      - host: x\n        port: 70000\n        bogus: 1\n", false));
    System.out.println(JsonSchemaCheck.check(DocumentKind.POLICY, "version: [1\n", false));
  }
}
