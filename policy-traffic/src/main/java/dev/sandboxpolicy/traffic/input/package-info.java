/**
 * The inputs that the traffic tools and the command line read alike, each decoded in one place. Not a public API:
 * the module exports this package only to the command line ({@code dev.sandboxpolicy.cli}).
 *
 * <p>{@link dev.sandboxpolicy.traffic.input.BoundedLines} splits a byte stream into lines of strict UTF-8 without
 * holding more than a bounded line (the stdio server, {@code check --requests} and the log reader); {@link
 * dev.sandboxpolicy.traffic.input.DecisionRequest} decodes the request object of the stdio protocol's {@code
 * decide} (also a line of {@code check --requests}, a case of a policy test file and a request line of a traffic
 * log) through the typed field access of {@link dev.sandboxpolicy.traffic.input.JsonFields}; a malformed value is
 * a {@link dev.sandboxpolicy.traffic.input.MalformedRequestException} naming the field.
 */
package dev.sandboxpolicy.traffic.input;
