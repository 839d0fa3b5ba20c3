package dev.sandboxpolicy.benchmarks.workload;

import java.util.List;
import java.util.Objects;

/**
 * One connection of a benchmark mix, in plain strings so that every contender (the compiled matcher, the naive
 * baseline, the floors) is fed exactly the same input.
 *
 * @param host the host as the client asked for it
 * @param port the port
 * @param binary the executable's path
 * @param ancestors the ancestors' executable paths, parent first
 */
public record NetworkCase(String host, int port, String binary, List<String> ancestors) {
  /** Copies the ancestors. */
  public NetworkCase {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(binary, "binary");
    ancestors = List.copyOf(ancestors);
  }

  @Override
  public String toString() {
    return binary + (ancestors.isEmpty() ? "" : " " + ancestors) + " -> " + host + ":" + port;
  }
}
