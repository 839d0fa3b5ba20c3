package dev.sandboxpolicy.testkit.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.params.provider.ArgumentsSource;

/**
 * Generated requests as the arguments of a {@code @ParameterizedTest}: two arguments per case, the request (a
 * {@link dev.sandboxpolicy.matcher.NetworkRequest} or an {@link dev.sandboxpolicy.matcher.L7Request}, by
 * {@link #kind()}) and the {@link dev.sandboxpolicy.model.Policy} it is aimed at: the policy in {@link #policyFile()},
 * or a policy generated for the case. A test may take the request alone. The display name of the request reproduces
 * it, for example {@code seed 0x7, case 12 of 200 (size 4): GET /repos/a on api.github.com:443 /usr/bin/gh}.
 *
 * <pre>{@code
 * @ParameterizedTest
 * @GeneratedRequests(policyFile = "src/test/policies/sandbox.yaml", kind = Kind.ALLOWED_REQUESTS, count = 200)
 * void myProxyForwardsWhatThePolicyAllows(L7Request request) {
 *   assertTrue(myProxy.forwards(request.connection().host(), request.method(), request.path()));
 * }
 * }</pre>
 *
 * <p>Requests are {@code RequestGenerator}'s: derived from the policy's endpoints, binaries and rules, some perturbed
 * into near misses; the {@code ALLOWED_*} and {@code DENIED_*} kinds keep those the reference matcher decides that
 * way. Seeds work as for {@link GeneratedPolicies} ({@code -Dsandboxpolicy.seed} replaces {@link #seed()}).
 */
@Documented
@Target({ElementType.METHOD, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@ArgumentsSource(GeneratedRequestsProvider.class)
public @interface GeneratedRequests {

  /** Which requests: connections (network decisions) or HTTP requests (request decisions), and which outcome. */
  enum Kind {
    /** {@code NetworkRequest}s, allowed or not. */
    CONNECTIONS,
    /** {@code NetworkRequest}s the reference matcher allows. */
    ALLOWED_CONNECTIONS,
    /** {@code NetworkRequest}s the reference matcher denies. */
    DENIED_CONNECTIONS,
    /** {@code L7Request}s, allowed or not. */
    REQUESTS,
    /** {@code L7Request}s the reference matcher allows. */
    ALLOWED_REQUESTS,
    /** {@code L7Request}s the reference matcher denies (or fails closed on). */
    DENIED_REQUESTS
  }

  /** Which requests. */
  Kind kind() default Kind.REQUESTS;

  /**
   * A policy file (YAML or JSON, read strictly, relative to the working directory: the module's directory under
   * Maven and Gradle) that every request is aimed at; empty for a generated policy per case.
   */
  String policyFile() default "";

  /** The seed of the cases (the {@code sandboxpolicy.seed} system property wins). Fixed by default: 0. */
  long seed() default 0L;

  /** How many requests. */
  int count() default 50;

  /** For generated policies: the largest number of network-policy entries. */
  int maxEntries() default 6;
}
