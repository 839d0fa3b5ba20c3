package dev.sandboxpolicy.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Runs every example on the bundled policies and checks what it shows. */
class ExamplesTest {

  /** The examples module directory (surefire runs tests there). */
  private static final Path HERE = Path.of("").toAbsolutePath();

  private static Path file(String relative) {
    return HERE.resolve(relative);
  }

  @Test
  void editorValidationReportsEachEditAtItsPositionAndClearsWhenFixed() throws Exception {
    String original = Files.readString(file("policies/sandbox.yaml"));
    EditorValidation editor = new EditorValidation();
    assertEquals(List.of(), editor.diagnostics(original), "the bundled example is valid");
    String typo = original.replaceFirst("access: read-only", "acess: read-only");
    List<String> d = editor.diagnostics(typo);
    // the partial last line (the indentation before the key) is counted too, so this is the 1-based line
    int line = (int) original.substring(0, original.indexOf("access: read-only")).lines().count();
    assertTrue(d.stream().anyMatch(s -> s.startsWith(line + ":") && s.contains("error unknown_key")), d::toString);
    List<String> port = editor.diagnostics(original.replaceFirst("port: 443", "port: 70000"));
    assertTrue(port.stream().anyMatch(s -> s.contains("error")), port::toString);

    String printed = capture(() -> EditorValidation.main(new String[] {file("policies/sandbox.yaml").toString()}));
    assertTrue(printed.contains("after edit 'fixed': no problems"), printed);
  }

  @Test
  void layerPresetsShowsUpstreamDataLossAndTheStackRestoringTheBaseline() throws Exception {
    List<String> lines =
        LayerPresets.walkThrough(file("policies/nemoclaw-baseline.yaml"), file("presets/internal-api.yaml"));
    assertEquals("merge pypi + internal-api: replaced pypi, added internal_api", lines.get(0), lines::toString);
    assertEquals("remove pypi: removed pypi", lines.get(1));
    assertEquals("  baseline pypi entry still there? false", lines.get(2));
    assertTrue(lines.get(3).startsWith("stack layers: [pypi, internal-api], pypi from pypi"), lines.get(3));
    assertEquals("stack remove pypi: replaced pypi", lines.get(4));
    assertEquals("  baseline pypi entry back? true", lines.get(5));
  }

  interface Body {
    void run() throws Exception;
  }

  /** Runs {@code body} with System.out captured. */
  static String capture(Body body) throws Exception {
    PrintStream saved = System.out;
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    System.setOut(new PrintStream(buffer, true, StandardCharsets.UTF_8));
    try {
      body.run();
    } finally {
      System.setOut(saved);
    }
    return buffer.toString(StandardCharsets.UTF_8);
  }
}
