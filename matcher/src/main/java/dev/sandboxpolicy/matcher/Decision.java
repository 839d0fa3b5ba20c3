package dev.sandboxpolicy.matcher;

import dev.sandboxpolicy.model.Enforcement;
import dev.sandboxpolicy.model.SourceLocation;
import java.util.Objects;
import java.util.Optional;

/**
 * The answer to a network or request decision: the {@link Verdict}, the network-policy map key that allowed it
 * (the lexicographically smallest allowing key, as upstream, §6 rule 10), the deciding rule (a JSON pointer into the
 * policy and its source position), the enforcement that applies, and on deny or error the reason text.
 *
 * <p>Decisions are shared values: an allow decision is built the first time its endpoint or rule allows (then
 * reused, so an allowed request allocates nothing), and a denial the first time it occurs; a denial that comes again
 * gets the decision built the first time, and its reason, when it names request values, is rendered only when {@link
 * #reason()} is first called. Compare decisions by their accessors or {@link #equals}, not by identity. Immutable and
 * thread-safe.
 *
 * <p>A refused request also carries the HTTP status upstream answers ({@link #refusalStatus()}): 400 when the request
 * cannot be checked as sent, 403 otherwise.
 *
 * <p>One denial is this library's own, not upstream's: a request decision asked for a connection that has no
 * inspected endpoint (no endpoint with an L7 protocol matched its host and port). Upstream makes no request
 * decision there and relays the bytes uninspected (spec §3.5); this library fails closed and answers {@link
 * Verdict#DENY} with {@link #notInspected()} true, so a caller can tell it apart without reading the reason (for
 * example to relay L4-only connections without asking per request, as upstream does).
 *
 * <pre>{@code
 * Decision d = compiled.decideNetwork(NetworkRequest.of("api.github.com", 443, "/usr/bin/gh"));
 * if (d.isAllowed()) {
 *   d.matchedPolicy(); // Optional[github]
 * } else {
 *   d.reason();        // "endpoint api.github.com:443 is not allowed by any policy"
 * }
 * }</pre>
 */
public final class Decision {
  /** The reason of the {@link #notInspectedDenial()} decision. */
  static final String NOT_INSPECTED_REASON =
      "connection has no inspected endpoint (no endpoint with an L7 protocol matched its host and port): upstream"
          + " makes no request decision and relays it uninspected; this library fails closed and denies the request";

  private static final Optional<RefusalStatus> FORBIDDEN = Optional.of(RefusalStatus.FORBIDDEN);
  private static final Optional<RefusalStatus> BAD_REQUEST = Optional.of(RefusalStatus.BAD_REQUEST);

  private static final Decision NOT_INSPECTED = new Decision(
      Verdict.DENY, Optional.empty(), "", SourceLocation.NONE, Optional.empty(), NOT_INSPECTED_REASON, true,
      FORBIDDEN);

  private final Verdict verdict;
  private final Optional<String> matchedPolicy;
  private final String rulePointer;
  private final SourceLocation ruleLocation;
  private final Optional<Enforcement> enforcement;
  /** The reason: a {@link String}, or the {@link Denial} it is rendered from when first asked for. */
  private final Object reason;
  private final boolean notInspected;
  private final Optional<RefusalStatus> refusalStatus;
  /**
   * A {@link Denial} reason rendered, once asked for. Not final: a benign race (like {@link String#hashCode()}'s
   * cache), as rendering is a pure function of final fields; a thread that sees null renders the same text again.
   */
  private String rendered;

  private Decision(
      Verdict verdict,
      Optional<String> matchedPolicy,
      String rulePointer,
      SourceLocation ruleLocation,
      Optional<Enforcement> enforcement,
      String reason,
      boolean notInspected,
      Optional<RefusalStatus> refusalStatus,
      Denial denial) {
    this.verdict = Objects.requireNonNull(verdict, "verdict");
    this.matchedPolicy = Objects.requireNonNull(matchedPolicy, "matchedPolicy");
    this.rulePointer = Objects.requireNonNull(rulePointer, "rulePointer");
    this.ruleLocation = Objects.requireNonNull(ruleLocation, "ruleLocation");
    this.enforcement = Objects.requireNonNull(enforcement, "enforcement");
    this.reason = denial == null ? Objects.requireNonNull(reason, "reason") : denial;
    this.notInspected = notInspected;
    this.refusalStatus = refusalStatus;
  }

  private Decision(
      Verdict verdict,
      Optional<String> matchedPolicy,
      String rulePointer,
      SourceLocation ruleLocation,
      Optional<Enforcement> enforcement,
      String reason,
      boolean notInspected,
      Optional<RefusalStatus> refusalStatus) {
    this(verdict, matchedPolicy, rulePointer, ruleLocation, enforcement, reason, notInspected, refusalStatus, null);
  }

  /**
   * An allow decision.
   *
   * @param matchedPolicy the allowing network-policy map key
   * @param rulePointer JSON pointer of the deciding endpoint or rule, e.g. {@code /network_policies/github/endpoints/0}
   * @param ruleLocation its source position ({@link SourceLocation#NONE} when unknown)
   * @param enforcement the enforcement that applies, or empty when none does (no inspected endpoint)
   * @return the decision
   */
  static Decision allow(
      String matchedPolicy, String rulePointer, SourceLocation ruleLocation, Optional<Enforcement> enforcement) {
    return new Decision(
        Verdict.ALLOW, Optional.of(matchedPolicy), rulePointer, ruleLocation, enforcement, "", false, Optional.empty());
  }

  /** An allow decision with a reason (the matcher's own allow constants say whether the destination was checked). */
  static Decision allow(String matchedPolicy, String rulePointer, SourceLocation ruleLocation,
      Optional<Enforcement> enforcement, String reason) {
    return new Decision(Verdict.ALLOW, Optional.of(matchedPolicy), rulePointer, ruleLocation, enforcement, reason,
        false, Optional.empty());
  }

  /**
   * A deny decision.
   *
   * @param reason the reason, in the upstream wording where upstream has one
   * @param matchedPolicy the key whose deny rule fired, when one did
   * @param rulePointer JSON pointer of the deny rule, or {@code ""}
   * @param ruleLocation its source position
   * @param enforcement the enforcement that applies to this denial
   * @return the decision
   */
  static Decision deny(
      String reason,
      Optional<String> matchedPolicy,
      String rulePointer,
      SourceLocation ruleLocation,
      Optional<Enforcement> enforcement) {
    return new Decision(Verdict.DENY, matchedPolicy, rulePointer, ruleLocation, enforcement, reason, false, FORBIDDEN);
  }

  /** A denial whose reason is rendered from {@code denial} when first asked for (see {@link DenialMemo}). */
  static Decision denied(Denial denial, Optional<String> matchedPolicy, String rulePointer,
      SourceLocation ruleLocation, Optional<Enforcement> enforcement, Optional<RefusalStatus> refusalStatus) {
    return new Decision(Verdict.DENY, matchedPolicy, rulePointer, ruleLocation, enforcement, null, false,
        refusalStatus, Objects.requireNonNull(denial, "denial"));
  }

  /**
   * A denial upstream answers with 400 Bad Request ({@link RefusalStatus#BAD_REQUEST}): the request cannot be
   * checked as sent (an MCP-Protocol-Version header that is repeated, empty or not a known revision).
   */
  static Decision badRequest(
      String reason,
      Optional<String> matchedPolicy,
      String rulePointer,
      SourceLocation ruleLocation,
      Optional<Enforcement> enforcement) {
    return new Decision(Verdict.DENY, matchedPolicy, rulePointer, ruleLocation, enforcement, reason, false, BAD_REQUEST);
  }

  /**
   * An evaluation error; fails closed like a denial.
   *
   * @param reason what failed, starting with {@code evaluation error: }
   * @return the decision
   */
  static Decision error(String reason) {
    return new Decision(
        Verdict.ERROR, Optional.empty(), "", SourceLocation.NONE, Optional.empty(), reason, false, FORBIDDEN);
  }

  /**
   * The request decision for a connection without an inspected endpoint: {@link Verdict#DENY}, {@link
   * #notInspected()} true, no matched policy, no rule, no enforcement (so {@link #blocks()} is true), and a reason
   * saying that upstream would relay the connection uninspected while this library fails closed. A constant.
   *
   * @return the decision
   */
  public static Decision notInspectedDenial() {
    return NOT_INSPECTED;
  }

  /**
   * Returns the verdict.
   *
   * @return allow, deny or error
   */
  public Verdict verdict() {
    return verdict;
  }

  /**
   * Tells whether the verdict is {@link Verdict#ALLOW}; errors are not allowed (fail closed).
   *
   * @return true only for allow
   */
  public boolean isAllowed() {
    return verdict == Verdict.ALLOW;
  }

  /**
   * Returns the network-policy map key that decided: the smallest allowing key on allow, the key of the firing deny
   * rule on an L7 deny, empty otherwise. Never the entry's {@code name}.
   *
   * @return the key
   */
  public Optional<String> matchedPolicy() {
    return matchedPolicy;
  }

  /**
   * Returns a JSON pointer to the deciding endpoint (network decision) or rule (request decision), or {@code ""}.
   *
   * @return the pointer
   */
  public String rulePointer() {
    return rulePointer;
  }

  /**
   * Returns the source position of the deciding rule, {@link SourceLocation#NONE} when unknown.
   *
   * @return the location
   */
  public SourceLocation ruleLocation() {
    return ruleLocation;
  }

  /**
   * Returns how a proxy applies this verdict: for a request decision the selected endpoint's enforcement (or {@link
   * Enforcement#ENFORCE} for the hard denials that audit never relaxes); for a network decision the enforcement of
   * the connection's first inspected endpoint; empty when no inspected endpoint is involved.
   *
   * @return the enforcement
   */
  public Optional<Enforcement> enforcement() {
    return enforcement;
  }

  /**
   * Returns the reason for a deny or error, {@code ""} on allow.
   *
   * @return the reason
   */
  public String reason() {
    if (reason instanceof String text) {
      return text;
    }
    String r = rendered;
    if (r == null) {
      r = ((Denial) reason).render();
      rendered = r;
    }
    return r;
  }

  /** What the reason is rendered from, or null when it was given (for {@link DenialMemo}). */
  Denial denial() {
    return reason instanceof Denial d ? d : null;
  }

  /**
   * Tells whether this is the {@link #notInspectedDenial()}: a request decision on a connection that has no inspected
   * endpoint. Upstream would make no request decision there and relay the bytes; the verdict is a (blocking) deny
   * because this library fails closed. False for every other decision.
   *
   * @return true only for the not-inspected denial
   */
  public boolean notInspected() {
    return notInspected;
  }

  /**
   * Returns how upstream answers this request when it refuses it: {@link RefusalStatus#BAD_REQUEST} (400) for an
   * MCP request whose {@code MCP-Protocol-Version} header is repeated, empty or not a known revision; {@link
   * RefusalStatus#FORBIDDEN} (403) for every other denial and evaluation error; empty on allow. It says which
   * answer, not whether to give it: that is {@link #blocks()} (an audited denial is forwarded).
   *
   * @return the refusal status, empty when allowed
   */
  public Optional<RefusalStatus> refusalStatus() {
    return refusalStatus;
  }

  /**
   * Tells whether a proxy blocks this request: denied or errored, and enforced (or a network decision, which always
   * blocks).
   *
   * @return true if the request must not be forwarded
   */
  public boolean blocks() {
    return verdict != Verdict.ALLOW && enforcement.orElse(Enforcement.ENFORCE) == Enforcement.ENFORCE;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Decision d
        && verdict == d.verdict
        && matchedPolicy.equals(d.matchedPolicy)
        && rulePointer.equals(d.rulePointer)
        && enforcement.equals(d.enforcement)
        && reason().equals(d.reason())
        && notInspected == d.notInspected
        && refusalStatus.equals(d.refusalStatus);
  }

  @Override
  public int hashCode() {
    return Objects.hash(verdict, matchedPolicy, rulePointer, enforcement, reason(), notInspected, refusalStatus);
  }

  @Override
  public String toString() {
    return "Decision[" + verdict + (notInspected ? " not-inspected" : "") + matchedPolicy.map(k -> " " + k).orElse("")
        + (rulePointer.isEmpty() ? "" : " " + rulePointer)
        + enforcement.map(e -> " " + e.wireName()).orElse("")
        + refusalStatus.filter(r -> r == RefusalStatus.BAD_REQUEST).map(r -> " " + r.httpStatus()).orElse("")
        + (reason().isEmpty() ? "" : " \"" + reason() + "\"") + "]";
  }
}
