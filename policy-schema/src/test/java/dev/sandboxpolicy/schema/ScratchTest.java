package dev.sandboxpolicy.schema;

import dev.sandboxpolicy.model.io.ReadMode;
import java.nio.file.*;
import org.junit.jupiter.api.Test;

class ScratchTest {
  @Test
  void scratch() throws Exception {
    Path shared = Path.of(System.getProperty("sandboxpolicy.shared"));
    try (var s = Files.walk(shared.resolve("upstream"))) {
      for (Path p : (Iterable<Path>) s.filter(x -> x.toString().endsWith(".yaml"))::iterator) {
        String text = Files.readString(p);
        if (text.contains("\ntiers:") || p.toString().contains("private-networks")) continue;
        DocumentKind kind = text.contains("\npreset:") ? DocumentKind.PRESET
            : p.toString().endsWith("blueprint.yaml") ? DocumentKind.BLUEPRINT : DocumentKind.POLICY;
        var report = PolicyValidator.strict().withPresetOrigin(PresetOrigin.BUILT_IN).validateText(kind, text, text.contains("\nversion:") || kind != DocumentKind.POLICY ? ReadMode.STRICT : ReadMode.LENIENT);
        System.out.println(shared.relativize(p) + " " + kind + " " + report.problems().size());
        report.problems().stream().limit(8).forEach(x -> System.out.println("   " + x));
      }
    }
  }
}
