package dev.sandboxpolicy.benchmarks.workload;

import dev.sandboxpolicy.io.PolicyReadException;
import dev.sandboxpolicy.io.PolicyReader;
import dev.sandboxpolicy.io.ReadMode;
import dev.sandboxpolicy.model.Policy;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The NemoClaw-style baseline sandbox policy of the benchmarks ({@value #RESOURCE}, written for this module): inference
 * routes, the agent's own services with an exact host, a {@code *.} and a {@code **.} wildcard, a deny rule, query
 * rules, an access preset and a binary glob.
 */
public final class BaselinePolicy {
  /** Class-path location of the YAML. */
  public static final String RESOURCE = "/dev/sandboxpolicy/benchmarks/nemoclaw-style-baseline.yaml";

  private BaselinePolicy() {}

  /**
   * Returns the YAML text.
   *
   * @return the document
   */
  public static String yaml() {
    try (InputStream in = BaselinePolicy.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + RESOURCE);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Reads the policy strictly.
   *
   * @return the policy
   * @throws IllegalStateException if it does not read (a bug in this module)
   */
  public static Policy read() {
    try {
      return PolicyReader.of(ReadMode.STRICT).readPolicy(yaml()).orElseThrow();
    } catch (PolicyReadException e) {
      throw new IllegalStateException("the baseline policy does not read: " + e.problems(), e);
    }
  }
}
