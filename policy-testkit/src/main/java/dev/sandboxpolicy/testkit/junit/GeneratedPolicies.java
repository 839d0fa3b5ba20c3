package dev.sandboxpolicy.testkit.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.params.provider.ArgumentsSource;

/**
 * Generated, valid policies as the arguments of a {@code @ParameterizedTest}: {@link #count()} cases of
 * {@code PolicyGenerator} from one {@link #seed()}, with up to {@link #maxEntries()} network-policy entries (the
 * first case is the smallest). Each argument is a {@link dev.sandboxpolicy.model.Policy} whose display name says how
 * to get it back, for example {@code [4] seed 0x2a, case 3 of 20 (size 3): 3 entries}.
 *
 * <pre>{@code
 * @ParameterizedTest
 * @GeneratedPolicies(seed = 42, count = 50, maxEntries = 8)
 * void everyPolicyRoundTrips(Policy policy) {
 *   assertEquals(policy, PolicyReader.of(ReadMode.STRICT).readPolicy(PolicyWriter.toYaml(policy)).value().get());
 * }
 * }</pre>
 *
 * <p><b>Reproducing.</b> The cases are those of {@code PropertyCheck} with the same seed, count and size
 * ({@link dev.sandboxpolicy.testkit.SeededCase}). The system property {@code sandboxpolicy.seed}
 * ({@link dev.sandboxpolicy.testkit.PropertyCheck#SEED_PROPERTY}) replaces the seed of every source and check, so
 * {@code mvn test -Dsandboxpolicy.seed=0x2a} reruns a failure seen in CI with another seed.
 */
@Documented
@Target({ElementType.METHOD, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@ArgumentsSource(GeneratedPoliciesProvider.class)
public @interface GeneratedPolicies {

  /** The seed of the cases (the {@code sandboxpolicy.seed} system property wins). Fixed by default: 0. */
  long seed() default 0L;

  /** How many policies. */
  int count() default 20;

  /** The largest number of network-policy entries (the last case's). */
  int maxEntries() default 10;

  /** Whether some endpoints are GraphQL, JSON-RPC and MCP endpoints (with {@code mcp.versions}); REST only if false. */
  boolean bodyProtocols() default false;
}
