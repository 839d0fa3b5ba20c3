package dev.sandboxpolicy.io;

/**
 * How strictly a document is read. The two modes follow the two upstream load paths.
 *
 * <ul>
 *   <li>{@link #STRICT} is the gateway/CLI path: every unknown key is an error and a policy must have
 *       {@code version}.
 *   <li>{@link #LENIENT} is the supervisor's local-YAML path: unknown keys are kept (and reported as warnings) and
 *       a missing {@code version} is accepted.
 * </ul>
 *
 * <p>Both modes reject malformed YAML, duplicate keys, wrong types and documents over the {@link ReadLimits}.
 */
public enum ReadMode {
  /** Unknown keys are errors and {@code version} is required. */
  STRICT,
  /** Unknown keys are warnings (and kept); {@code version} may be missing. */
  LENIENT
}
