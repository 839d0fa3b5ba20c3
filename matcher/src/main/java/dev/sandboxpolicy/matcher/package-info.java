/**
 * Compiled matchers and the network and request decisions of the sandbox policy language (spec §3).
 *
 * <p>Entry points:
 *
 * <ul>
 *   <li>{@link dev.sandboxpolicy.matcher.CompiledPolicy} — compile a {@code Policy} once (validated first), then
 *       {@code decideNetwork(NetworkRequest)}, {@code decideRequest(L7Request)} and {@code checkDestination(...)};
 *       immutable, thread-safe, allocation-free on allow.
 *   <li>{@link dev.sandboxpolicy.matcher.PolicyHolder} — the live revision for hot reload.
 *   <li>{@link dev.sandboxpolicy.matcher.Decision} — verdict, matched network-policy key, deciding rule and its
 *       source position, enforcement, reason.
 *   <li>{@link dev.sandboxpolicy.matcher.CanonicalTarget} — request-target canonicalization with reason codes.
 *   <li>{@link dev.sandboxpolicy.matcher.GlobMatcher} — the upstream glob primitive, linear time.
 * </ul>
 *
 * <pre>{@code
 * CompiledPolicy compiled = CompiledPolicy.compile(policy);
 * NetworkRequest conn = NetworkRequest.of("api.github.com", 443, "/usr/bin/gh");
 * Decision d = compiled.decideNetwork(conn);
 * Decision r = compiled.decideRequest(L7Request.of(conn, "GET", "/repos/acme/x"));
 * }</pre>
 *
 * <p>Implementation classes are package-private; see {@code docs/glob-semantics.md} and the {@code ## Matcher}
 * section of {@code docs/compatibility.md} for semantics and intentional differences.
 */
package dev.sandboxpolicy.matcher;
