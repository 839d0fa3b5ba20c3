/**
 * JUnit 5 for the testkit: {@link dev.sandboxpolicy.testkit.junit.GeneratedPolicies @GeneratedPolicies} and
 * {@link dev.sandboxpolicy.testkit.junit.GeneratedRequests @GeneratedRequests}, seeded argument sources for
 * {@code @ParameterizedTest} (the seed in every display name, reproducible with {@code -Dsandboxpolicy.seed}), and
 * {@link dev.sandboxpolicy.testkit.junit.PolicyAssert}, assertions on decisions whose messages show the entry, the
 * rule and the reason.
 *
 * <p>This package needs {@code junit-jupiter-api} and {@code junit-jupiter-params} on the class path; the testkit
 * declares them optional, so it brings no JUnit to projects that do not use this package (your test dependencies
 * already have them). The rest of the testkit never refers to JUnit.
 */
package dev.sandboxpolicy.testkit.junit;
