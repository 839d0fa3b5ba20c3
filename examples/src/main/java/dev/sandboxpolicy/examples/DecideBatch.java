package dev.sandboxpolicy.examples;

import dev.sandboxpolicy.io.PolicyReader;
import dev.sandboxpolicy.io.ReadMode;
import dev.sandboxpolicy.matcher.CanonicalTarget;
import dev.sandboxpolicy.matcher.CompiledPolicy;
import dev.sandboxpolicy.matcher.Decision;
import dev.sandboxpolicy.matcher.L7Request;
import dev.sandboxpolicy.matcher.NetworkRequest;
import dev.sandboxpolicy.matcher.RequestTargetException;
import dev.sandboxpolicy.model.Policy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Decides a batch of requests the way a proxy does: compile the policy once, then for each request make the
 * network decision and, when the connection is allowed and the request has a method, the request decision on
 * the canonicalized target.
 *
 * <p>The batch file has one request per line: {@code HOST PORT BINARY [METHOD TARGET]}; {@code #} starts a
 * comment. Run from the repository root:
 * {@code java dev.sandboxpolicy.examples.DecideBatch examples/policies/sandbox.yaml examples/policies/requests.txt}.
 */
public final class DecideBatch {

  private DecideBatch() {}

  /**
   * Decides every request of {@code batch} against {@code policy}.
   *
   * @param policy the policy
   * @param batch request lines ({@code HOST PORT BINARY [METHOD TARGET]})
   * @return one line per request: {@code allow|deny KEY  REQUEST  [reason]}
   * @throws Exception when the policy does not compile or a line is malformed
   */
  public static List<String> decide(Policy policy, List<String> batch) throws Exception {
    CompiledPolicy compiled = CompiledPolicy.compile(policy); // once; immutable and thread-safe
    List<String> out = new ArrayList<>();
    for (String line : batch) {
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      String[] f = line.trim().split("\\s+");
      NetworkRequest connection = NetworkRequest.of(f[0], Integer.parseInt(f[1]), f[2]);
      Decision d = compiled.decideNetwork(connection);
      if (d.isAllowed() && f.length == 5) {
        try {
          CanonicalTarget target = CanonicalTarget.parse(f[4], false);
          d = compiled.decideRequest(L7Request.of(connection, f[3], target.path()).withQuery(target.query()));
        } catch (RequestTargetException e) {
          out.add("deny  -  " + line.trim() + "  (target rejected: " + e.code() + ")");
          continue;
        }
      }
      out.add((d.isAllowed() ? "allow " : "deny  ") + d.matchedPolicy().orElse("-") + "  " + line.trim()
          + (d.isAllowed() ? "" : "  (" + d.reason() + ")"));
    }
    return out;
  }

  /**
   * Prints the decisions.
   *
   * @param args the policy file and the batch file
   * @throws Exception when a file cannot be read or the policy is invalid
   */
  public static void main(String[] args) throws Exception {
    Policy policy = PolicyReader.of(ReadMode.STRICT).readPolicy(Path.of(args[0])).orElseThrow();
    decide(policy, Files.readAllLines(Path.of(args[1]))).forEach(System.out::println);
  }
}
