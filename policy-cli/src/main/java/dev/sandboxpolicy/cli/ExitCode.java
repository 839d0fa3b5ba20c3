package dev.sandboxpolicy.cli;

/**
 * The exit statuses of {@code policyctl}. Every subcommand ends with one of these, and never with a stack trace: a
 * failure is always a one-line message on standard error plus a status.
 *
 * <table>
 *   <caption>Exit statuses</caption>
 *   <tr><th>status</th><th>meaning</th></tr>
 *   <tr><td>{@value #OK}</td><td>the command ran and the answer is "yes": the policy is valid, the request is
 *       allowed, the policies are identical, the file was written</td></tr>
 *   <tr><td>{@value #FAILED}</td><td>the command ran and the answer is "no": a policy or preset is invalid, a
 *       request is denied (or its evaluation failed closed), two policies differ</td></tr>
 *   <tr><td>{@value #USAGE}</td><td>the command could not run: a bad option or argument, a file that cannot be
 *       read or written, an internal error (for the analysis commands also an invalid policy)</td></tr>
 *   <tr><td>{@value #UNSUPPORTED}</td><td>the analysis commands ({@code prove}, {@code diff --semantic}) found no
 *       difference but could not prove there is none: a feature in use is not modelled (as {@code openshell-prover
 *       check} exits 3)</td></tr>
 * </table>
 */
public final class ExitCode {

  /** The command ran and the answer is "yes". */
  public static final int OK = 0;

  /** The command ran and the answer is "no" (invalid policy, denied request, policies differ). */
  public static final int FAILED = 1;

  /** Bad usage, or an I/O error: the command could not give an answer. */
  public static final int USAGE = 2;

  /** The analysis could not decide: something in use is not modelled (no counterexample was found either). */
  public static final int UNSUPPORTED = 3;

  private ExitCode() {}
}
