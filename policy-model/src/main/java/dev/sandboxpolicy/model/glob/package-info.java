/**
 * Glob patterns of the policy language: syntax and parse errors, independent of any matching engine.
 *
 * <p>Every wildcard in a policy (wildcard hosts, binary path globs, rule paths, query values, GraphQL names, MCP
 * methods and tools) goes through one primitive, {@code G(pattern, delimiters, value)} (spec §3.2). This package
 * turns a pattern and its {@link dev.sandboxpolicy.model.glob.GlobDelimiters} into a
 * {@link dev.sandboxpolicy.model.glob.GlobPattern}: the delimiter transformation is applied and the result is parsed
 * with exactly the upstream grammar, or rejected with a
 * {@link dev.sandboxpolicy.model.glob.GlobError} (stable snake_case code, offset in the original pattern, message).
 *
 * <pre>{@code
 * GlobPattern p = GlobPattern.parse("/api/**", GlobDelimiters.SLASH);
 * Optional<GlobError> e = GlobPattern.check("/a[b", GlobDelimiters.SLASH); // glob_unclosed_class at offset 2
 * }</pre>
 *
 * <p>Matching lives in the {@code matcher} module. The parse tree ({@code GlobNode}) is not API: it lives in
 * {@code dev.sandboxpolicy.model.automaton}, exported only to the modules that build automata from it.
 */
package dev.sandboxpolicy.model.glob;
