package dev.sandboxpolicy.rules;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Set;

/**
 * Answers whether a path exists in the sandbox, for {@link EffectiveFilesystemPolicy}. Pluggable so that the
 * policy can be resolved against a container image, a test fixture or the local machine.
 */
@FunctionalInterface
public interface PathProbe {

  /** Whether {@code absolutePath} exists. */
  boolean exists(String absolutePath);

  /** Probes the local file system ({@link Files#exists}, following links). */
  static PathProbe localFileSystem() {
    return path -> Files.exists(Path.of(path));
  }

  /** Exactly the given paths exist. */
  static PathProbe of(Set<String> existing) {
    Set<String> copy = Set.copyOf(Objects.requireNonNull(existing, "existing"));
    return copy::contains;
  }
}
