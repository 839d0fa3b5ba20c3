package dev.sandboxpolicy.cli;

import java.io.ByteArrayInputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The workload the {@code policyctl} launcher runs once, under {@code -XX:ArchiveClassesAtExit}, to write the AppCDS
 * archive that later runs map (see docs/cli.md, "Start-up"): the commands people run most, in one JVM, so that the
 * archive holds the classes of all of them and not only of whichever command happened to run first. Their output
 * is discarded and nothing is written.
 *
 * <pre>{@code
 * java -XX:ArchiveClassesAtExit=policyctl.jsa -cp policyctl.jar dev.sandboxpolicy.cli.ArchiveTraining POLICY
 * }</pre>
 *
 * <p>{@code POLICY} is a policy file to exercise the commands on (the launcher passes the bundled example); without
 * one, or when it cannot be read, only the commands that need no file run. Standard input holds
 * {@link #INVALID_POLICY}, which {@code validate -} reads.
 */
final class ArchiveTraining {

  /** The README's first command's request, so that the archive holds the matcher's classes. */
  private static final List<String> CHECK_REQUEST =
      List.of("--host", "api.github.com", "--port", "443", "--binary", "/usr/bin/gh");

  /**
   * A policy with problems, validated from standard input: a clean policy skips the JSON Schema, so without it the
   * archive would not hold the schema classes that every invalid policy needs.
   */
  static final String INVALID_POLICY =
      "version: 1\nnetwork_policies:\n  api:\n    endpoints:\n"
          + "      - {host: api.example.com, port: 70000, acess: full}\n    binaries: [{path: /usr/bin/curl}]\n";

  private ArchiveTraining() {}

  /**
   * The command lines run, in order: every command's help model first, then the common commands on {@code policy},
   * then {@code validate -} (an invalid policy on standard input).
   */
  static List<List<String>> commandLines(Path policy) {
    List<List<String>> lines = new ArrayList<>();
    lines.add(List.of("--help"));
    lines.add(List.of("--version"));
    if (policy != null && Files.isReadable(policy)) {
      String file = policy.toString();
      lines.add(List.of("validate", file));
      List<String> check = new ArrayList<>(List.of("check", file));
      check.addAll(CHECK_REQUEST);
      lines.add(check);
      lines.add(List.of("fmt", file));
      lines.add(List.of("hash", file));
      lines.add(List.of("validate", "--format", "json", file));
    }
    lines.add(List.of("validate", "-"));
    return lines;
  }

  /**
   * Runs each command line with {@link #INVALID_POLICY} on standard input, discarded output and an empty
   * environment.
   *
   * @param args at most one: the policy file
   */
  public static void main(String[] args) {
    Path policy = args.length > 0 ? Path.of(args[0]) : null;
    PrintStream discard = new PrintStream(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8);
    byte[] stdin = INVALID_POLICY.getBytes(StandardCharsets.UTF_8);
    for (List<String> line : commandLines(policy)) {
      Policyctl.run(line.toArray(String[]::new), new ByteArrayInputStream(stdin), discard, discard, Map.of(),
          Path.of("").toAbsolutePath());
    }
  }
}
