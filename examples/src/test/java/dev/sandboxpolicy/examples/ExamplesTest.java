package dev.sandboxpolicy.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sandboxpolicy.io.PolicyReader;
import dev.sandboxpolicy.io.ReadMode;
import dev.sandboxpolicy.model.Policy;
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
    assertEquals("merge pypi + internal-api: replaced pypi, added nemoclaw_custom__internal-api__internal_api",
        lines.get(0), lines::toString);
    assertEquals("remove pypi: removed pypi", lines.get(1));
    assertEquals("  baseline pypi entry still there? false", lines.get(2));
    assertTrue(lines.get(3).startsWith("stack layers: [pypi, internal-api], pypi from pypi"), lines.get(3));
    assertEquals("stack remove pypi: replaced pypi", lines.get(4));
    assertEquals("  baseline pypi entry back? true", lines.get(5));
  }

  @Test
  void reviewingAPresetListsWhatItWidensAndProvesItIsNotWithinTheBaseline() throws Exception {
    Policy baseline =
        PolicyReader.of(ReadMode.STRICT).readPolicy(file("policies/nemoclaw-baseline.yaml")).orElseThrow();
    List<String> lines = ReviewPresetChange.review(baseline, "github");
    assertEquals("github makes the policy wider", lines.get(0), lines::toString);
    assertTrue(lines.contains("  + connect github.com:443 by /usr/bin/git  <- github"), lines::toString);
    assertTrue(lines.contains("  + connect api.github.com:443 by /usr/bin/git  <- github"), lines::toString);
    assertTrue(lines.stream().anyMatch(l -> l.startsWith("within the baseline: exceeds_boundary (e.g. connect ")),
        lines::toString);
  }

  @Test
  void theFiveLinesOfTheReadmePrintAnAllowForGithub() throws Exception {
    String printed =
        capture(() -> EmbedInFiveLines.main(new String[] {file("policies/sandbox.yaml").toString()}));
    // A host name without resolved addresses: the reason says the destination check is still the proxy's to do.
    assertEquals("ALLOW github " + "destination not checked: the host is a name and no resolved addresses were"
        + " given, so the SSRF and allowed_ips checks (spec 3.9) are still the proxy's to do\n", printed);
  }

  @Test
  void decideBatchAllowsAndDeniesWithReasons() throws Exception {
    Policy policy = PolicyReader.of(ReadMode.STRICT).readPolicy(file("policies/sandbox.yaml")).orElseThrow();
    List<String> out = DecideBatch.decide(policy, Files.readAllLines(file("policies/requests.txt")));
    assertEquals(6, out.size(), out::toString);
    assertEquals("allow github  api.github.com 443 /usr/bin/gh", out.get(0));
    assertTrue(out.get(1).startsWith("deny  -  api.github.com 443 /usr/bin/curl  ("), out.get(1));
    assertTrue(out.get(2).startsWith("allow github"), out.get(2));
    assertTrue(out.get(3).startsWith("deny "), out.get(3));
    assertTrue(out.get(4).startsWith("allow pypi"), out.get(4));
    assertTrue(out.get(5).contains("not allowed by any policy"), out.get(5));
  }

  @Test
  void hotReloadUnderLoadNeverMixesRevisionsAndRefusesInvalidOnes() throws Exception {
    Policy with = PolicyReader.of(ReadMode.STRICT).readPolicy(file("policies/sandbox.yaml")).orElseThrow();
    HotReload.Report r = HotReload.run(with, HotReload.without(with, "pypi"), 2, 50);
    assertEquals(0, r.inconsistent(), r::toString);
    assertEquals(50, r.refusedReloads(), "every invalid revision is refused");
    assertTrue(r.decisions() > 0, r::toString);
    assertEquals(r.decisions(), r.allowed() + r.denied(), "every answer is one revision's answer");
  }

  @Test
  void watchPolicyFilePublishesTheRenamedRevision(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
    Policy with = PolicyReader.of(ReadMode.STRICT).readPolicy(file("policies/sandbox.yaml")).orElseThrow();
    WatchPolicyFile.Report r = WatchPolicyFile.run(dir.resolve("policy.yaml"), with, HotReload.without(with, "pypi"));
    assertTrue(r.allowedBefore(), r::toString);
    assertFalse(r.allowedAfter(), "the renamed revision without pypi is live: " + r);
    assertEquals(3, r.revision(), "quarantine, the first content, the renamed one");
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
