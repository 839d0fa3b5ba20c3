package dev.sandboxpolicy.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * Runs the shaded jar and the {@code ./policyctl} launcher as real processes (bound to the
 * {@code integration-test} phase, after {@code package} built the jar): exit statuses, stdout/stderr separation,
 * the stdio protocol over real pipes.
 */
class ExecutableJarIT {

  @TempDir Path dir;

  private static final Path JAR = Path.of(System.getProperty("policyctl.jar", "target/policyctl.jar"));
  private static final Path ROOT = Path.of(System.getProperty("policyctl.root", ".."));

  record Result(int status, String out, String err) {}

  private Result exec(List<String> command, String stdin) throws IOException, InterruptedException {
    return exec(command, stdin, Map.of());
  }

  private Result exec(List<String> command, String stdin, Map<String, String> environment)
      throws IOException, InterruptedException {
    ProcessBuilder pb = new ProcessBuilder(command).directory(ROOT.toFile());
    pb.environment().remove(Terminal.POLICY_ENVIRONMENT_VARIABLE);
    pb.environment().put("POLICYCTL_SKIP_BUILD", "1");
    pb.environment().putAll(environment);
    Path out = dir.resolve("out");
    Path err = dir.resolve("err");
    pb.redirectOutput(out.toFile()).redirectError(err.toFile());
    Process p = pb.start();
    p.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
    p.getOutputStream().close();
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), "finished in time");
    return new Result(p.exitValue(), Files.readString(out), Files.readString(err));
  }

  private Result jar(String stdin, String... args) throws IOException, InterruptedException {
    assumeTrue(Files.isRegularFile(JAR), "the shaded jar was built");
    List<String> command = new ArrayList<>(List.of(javaBinary(), "-jar", JAR.toString()));
    command.addAll(List.of(args));
    return exec(command, stdin);
  }

  private static String javaBinary() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  @Test
  void theJarValidatesTheBundledExampleAndReportsExitStatuses() throws Exception {
    Result ok = jar("", "validate", "examples/policies/sandbox.yaml");
    assertEquals(0, ok.status(), ok::toString);
    assertEquals("examples/policies/sandbox.yaml: valid\n", ok.out());
    assertEquals("", ok.err(), "nothing on stderr: no SLF4J warning");

    Result missing = jar("", "fmt", "no-such-file.yaml");
    assertEquals(2, missing.status());
    assertEquals("", missing.out());
    assertEquals("policyctl: cannot read no-such-file.yaml: no such file\n", missing.err());

    Result invalid = jar("version: 1\nnetwork_policies: 3\n", "validate", "-");
    assertEquals(1, invalid.status(), invalid::toString);
    assertTrue(invalid.out().startsWith("<stdin>:2:19: error wrong_type"), invalid::toString);
  }

  @Test
  void everyPublishedModuleHasSourcesAndJavadocJarsAndTheCliJarIsAttached() throws IOException {
    assumeTrue(Files.isRegularFile(JAR), "the shaded jar was built");
    String version = LibraryVersion.get();
    for (var module : PublishedModules.published().entrySet()) {
      Path target = ROOT.resolve(module.getKey()).resolve("target");
      String base = module.getValue() + "-" + version;
      if (!Files.isRegularFile(target.resolve(base + ".jar"))) {
        continue; // not built in this run (e.g. -pl)
      }
      assertTrue(Files.isRegularFile(target.resolve(base + "-sources.jar")), base + "-sources.jar");
      if (Boolean.getBoolean("policyctl.javadocSkipped") || PublishedModules.skipsJavadoc(module.getKey())) {
        continue;
      }
      Path javadoc = target.resolve(base + "-javadoc.jar");
      assertTrue(Files.isRegularFile(javadoc), base + "-javadoc.jar");
      try (var jar = new java.util.zip.ZipFile(javadoc.toFile())) {
        assertTrue(jar.getEntry("index.html") != null, base + "-javadoc.jar has an index.html");
      }
    }
    // The attached runnable jar is the one the launcher runs (build-helper attaches target/policyctl.jar).
    String pom = Files.readString(ROOT.resolve("policy-cli/pom.xml"));
    assertTrue(pom.contains("<file>${policyctl.jar}</file>") && pom.contains("<classifier>all</classifier>"));
  }

  @Test
  void theJarServesTheProtocolOverRealPipes() throws Exception {
    Result r = jar("{\"op\":\"hello\",\"id\":1}\nnot json\n{\"op\":\"validate\",\"yaml\":\"version: 1\\n\"}\n",
        "serve", "--stdio");
    assertEquals(0, r.status(), r::toString);
    assertEquals("", r.err());
    List<JsonNode> lines = r.out().lines().map(Json.MAPPER::readTree).toList();
    assertEquals(3, lines.size());
    assertEquals(1, lines.get(0).get("protocol").intValue());
    assertEquals("bad_request", lines.get(1).get("error").get("code").stringValue());
    assertTrue(lines.get(2).get("valid").booleanValue(), r::toString);
  }

  @Test
  void theLauncherRunsTheJar() throws Exception {
    Path launcher = ROOT.resolve("policyctl");
    assumeTrue(Files.isExecutable(launcher) && Files.isRegularFile(JAR));
    Path archive = JAR.resolveSibling("policyctl.jsa");
    Files.deleteIfExists(archive);
    Result r = exec(List.of(launcher.toString(), "--version"), "");
    assertEquals(0, r.status(), r::toString);
    assertEquals("policyctl " + LibraryVersion.get() + "\n", r.out());
    assertEquals("", r.err(), "writing the AppCDS archive prints nothing");
    assertTrue(Files.isRegularFile(archive), "the first run wrote the AppCDS archive");
    Result mapped = exec(List.of(launcher.toString(), "--version"), "");
    assertEquals(r, mapped, "a run that maps the archive answers the same, with nothing on stderr");
    Result hash = exec(List.of(launcher.toString(), "hash", "examples/policies/sandbox.yaml"), "");
    assertEquals(0, hash.status(), hash::toString);
    assertEquals("", hash.err());
  }

  @Test
  void theArchiveHoldsEveryClassOfTheJarThatValidateAndCheckLoad() throws Exception {
    Path launcher = ROOT.resolve("policyctl");
    assumeTrue(Files.isExecutable(launcher) && Files.isRegularFile(JAR));
    // The first run writes the archive if the build did not (its training run covers validate and check).
    assertEquals(0, exec(List.of(launcher.toString(), "--version"), "").status());
    for (List<String> args : List.of(
        List.of("validate", "examples/policies/sandbox.yaml"),
        List.of("check", "examples/policies/sandbox.yaml", "--host", "api.github.com", "--port", "443", "--binary",
            "/usr/bin/gh"))) {
      Path log = dir.resolve("classes.log");
      List<String> command = new ArrayList<>(List.of(launcher.toString()));
      command.addAll(args);
      Result r = exec(command, "", Map.of("POLICYCTL_JAVA_OPTS", "-Xlog:class+load=info:file=" + log));
      assertEquals(0, r.status(), r::toString);
      List<String> loaded = Files.readAllLines(log);
      List<String> fromTheJar = loaded.stream().filter(l -> l.contains("source: file:") || l.contains("source: jar:"))
          .toList();
      assertTrue(fromTheJar.isEmpty(), args.get(0) + " loaded classes of the jar that the archive does not hold"
          + " (picocli's class files not retargeted, or the training run does not cover it): " + fromTheJar);
      assertTrue(loaded.stream().anyMatch(l -> l.contains("picocli.CommandLine ") && l.contains("shared objects file")),
          "picocli comes from the archive");
    }
  }

  @Test
  void noClassFileOfTheJarIsTooOldForTheArchive() throws IOException {
    assumeTrue(Files.isRegularFile(JAR), "the shaded jar was built");
    List<String> tooOld = new ArrayList<>();
    try (var jar = new java.util.zip.ZipFile(JAR.toFile())) {
      for (var e : java.util.Collections.list(jar.entries())) {
        if (e.getName().endsWith(".class")) {
          byte[] head = jar.getInputStream(e).readNBytes(8);
          int major = ((head[6] & 0xff) << 8) | (head[7] & 0xff);
          if (major < 50) { // the JVM never puts a class older than Java 6 in a CDS archive
            tooOld.add(e.getName() + " (" + major + ")");
          }
        }
      }
      assertEquals(List.of(), tooOld);
      var notice = jar.getEntry("META-INF/RETARGETED-CLASS-FILES.txt");
      assertTrue(notice != null, "the jar says which class files the build changed");
      String text = new String(jar.getInputStream(notice).readAllBytes(), StandardCharsets.UTF_8);
      assertTrue(text.contains("\npicocli/CommandLine.class\n"), text);
    }
  }

  @Test
  void theReadmeFirstCommandPrintsARealDecision() throws Exception {
    Path launcher = ROOT.resolve("policyctl");
    assumeTrue(Files.isExecutable(launcher) && Files.isRegularFile(JAR));
    Result r = exec(List.of(launcher.toString(), "check", "examples/policies/sandbox.yaml", "--host",
        "api.github.com", "--port", "443", "--binary", "/usr/bin/gh"), "");
    assertEquals(0, r.status(), r::toString);
    assertTrue(r.out().startsWith("allow  api.github.com:443 /usr/bin/gh\n"), r::toString);
    assertTrue(r.out().contains("(examples/policies/sandbox.yaml:"), r::toString);
    assertEquals("", r.err());
    Result deny = exec(List.of(launcher.toString(), "check", "examples/policies/sandbox.yaml", "--host",
        "api.github.com", "--port", "443", "--binary", "/usr/bin/curl"), "");
    assertEquals(1, deny.status(), deny::toString);
  }
}
