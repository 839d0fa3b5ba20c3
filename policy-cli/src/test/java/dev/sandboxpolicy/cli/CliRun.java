package dev.sandboxpolicy.cli;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** Runs {@link Policyctl#run} in-process, as a user would from a shell, and captures what it printed. */
record CliRun(int status, String out, String err) {

  /** Runs {@code args} in {@code dir} with no environment and empty standard input. */
  static CliRun run(Path dir, String... args) {
    return run(dir, Map.of(), "", args);
  }

  /** Runs {@code args} in {@code dir} with {@code env} and {@code stdin}. */
  static CliRun run(Path dir, Map<String, String> env, String stdin, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status =
        Policyctl.run(
            args,
            new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
            Policyctl.utf8(out),
            Policyctl.utf8(err),
            env,
            dir);
    return new CliRun(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  /** A terminal with empty input whose output is discarded (for inspecting the command tree). */
  static Terminal terminal() {
    return new Terminal(
        new ByteArrayInputStream(new byte[0]),
        Policyctl.utf8(OutputStream.nullOutputStream()),
        Policyctl.utf8(OutputStream.nullOutputStream()),
        Map.of(),
        Path.of(""));
  }

  /** Writes {@code text} to {@code dir/name} and returns the path. */
  static Path write(Path dir, String name, String text) {
    try {
      Path file = dir.resolve(name);
      Files.createDirectories(file.getParent());
      return Files.writeString(file, text, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A small valid policy used across the tests. */
  static final String POLICY =
      """
      version: 1
      network_policies:
        github:
          endpoints:
            - host: api.github.com
              port: 443
              protocol: rest
              enforcement: enforce
              rules:
                - allow:
                    method: GET
                    path: /repos/**
          binaries:
            - path: /usr/bin/gh
        pypi:
          endpoints:
            - host: pypi.org
              port: 443
          binaries:
            - path: /usr/bin/pip
      """;

  @Override
  public String toString() {
    return "status " + status + "\n--- stdout\n" + out + "--- stderr\n" + err;
  }
}
