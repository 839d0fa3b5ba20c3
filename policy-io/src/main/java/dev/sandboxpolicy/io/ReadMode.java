package dev.sandboxpolicy.io;

/**
 * How strictly a document is read.
 *
 * <ul>
 *   <li>{@link #STRICT} is the reading of current OpenShell, where every load path (CLI, gateway, supervisor disk
 *       loader, prover) shares one fail-closed parser (upstream #3334): an unknown key in a closed mapping is an
 *       error naming its full path, a policy must have {@code version}, a number is not a string. Open maps stay
 *       open: middleware {@code config}, query and persisted-query names, nested MCP {@code params}. This is the
 *       default of every reader, validator and command of this library.
 *   <li>{@link #LEGACY_TOLERANT} reads documents written for the tolerant local-YAML loader that OpenShell had
 *       before #3334: unknown keys are kept and reported as warnings, a missing {@code version} is accepted, a
 *       number where a string is expected is read as its text (with a warning), and the runtime-only
 *       {@code {glob: ...}} matcher is accepted. Use it only to load and fix older files: current OpenShell loads
 *       none of what it tolerates.
 * </ul>
 *
 * <p>Both modes reject malformed YAML, duplicate keys, wrong types and documents over the {@link ReadLimits}.
 *
 * <pre>{@code
 * PolicyReader.of(ReadMode.STRICT).readPolicy(text);           // what OpenShell loads
 * PolicyReader.of(ReadMode.LEGACY_TOLERANT).readPolicy(text);  // an old file, to see what to change
 * }</pre>
 */
public enum ReadMode {
  /** The fail-closed reading of current OpenShell (#3334): unknown keys are errors, {@code version} is required. */
  STRICT,
  /**
   * The tolerant reading of OpenShell's local-YAML loader before #3334, for older files only: unknown keys are
   * warnings (and kept), {@code version} may be missing, scalars are coerced to strings.
   */
  LEGACY_TOLERANT
}
