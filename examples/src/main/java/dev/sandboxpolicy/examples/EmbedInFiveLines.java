package dev.sandboxpolicy.examples;

import dev.sandboxpolicy.io.PolicyReader;
import dev.sandboxpolicy.io.ReadMode;
import dev.sandboxpolicy.matcher.CompiledPolicy;
import dev.sandboxpolicy.matcher.Decision;
import dev.sandboxpolicy.matcher.NetworkRequest;
import dev.sandboxpolicy.model.Policy;
import java.nio.file.Path;

/**
 * The five lines of the README and of docs/getting-started.md, exactly as printed there: read a policy, compile
 * it once, ask for a network decision. Run from the repository root:
 * {@code java dev.sandboxpolicy.examples.EmbedInFiveLines examples/policies/sandbox.yaml}.
 */
public final class EmbedInFiveLines {

  private EmbedInFiveLines() {}

  /**
   * Prints the decision for {@code gh} reaching {@code api.github.com:443}.
   *
   * @param args the policy file (default: {@code examples/policies/sandbox.yaml})
   * @throws Exception when the policy cannot be read or compiled
   */
  public static void main(String[] args) throws Exception {
    Path file = Path.of(args.length > 0 ? args[0] : "examples/policies/sandbox.yaml");
    Policy policy = PolicyReader.of(ReadMode.STRICT).readPolicy(file).orElseThrow();
    CompiledPolicy compiled = CompiledPolicy.compile(policy);          // validates first; immutable, thread-safe
    Decision d = compiled.decideNetwork(NetworkRequest.of("api.github.com", 443, "/usr/bin/gh"));
    System.out.println(d.verdict() + " " + d.matchedPolicy().orElse("-") + " " + d.reason());
  }
}
