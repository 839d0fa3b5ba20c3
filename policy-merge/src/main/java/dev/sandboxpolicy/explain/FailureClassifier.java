package dev.sandboxpolicy.explain;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The access-failure classifier (spec nemoclaw-preset-layer §7): tells "blocked by policy" from "missing credentials"
 * from "not a policy problem", using the explain context. Ten ordered rules; the first that fires decides.
 *
 * <p>Host matching: the failed host is canonicalized to its stem (§6.3 step B, as for redaction); an active preset with a public stem {@code s}
 * such that the host equals {@code s} or ends with {@code "." + s} matches; otherwise a known-unapplied preset, the same
 * way. When several presets of the list match, the one with the <b>longest</b> matching stem wins (an exact host beats
 * a parent domain), then name order. Upstream walks the list in name order and takes the first match; its tests pin
 * {@code api.github.com} with only {@code slack} applied to {@code github}, which the walk gives only because their
 * catalog has no {@code brew}: with the shipped catalog the walk would name {@code brew} (it declares the parent
 * {@code github.com}). The most specific declaration gives upstream's answer whatever the catalog holds (see
 * docs/compatibility.md). Redacted (internal or wildcard) hosts can never match. HTTP status is checked
 * before the error code, so {@code {status: 401, code: ECONNREFUSED}} is a 401.
 */
public final class FailureClassifier {

  /** Node-style errno strings that mean "the network refused" (§7), compared case-sensitively. */
  public static final Set<String> NETWORK_BLOCK_CODES =
      Set.of("EAI_AGAIN", "ENETUNREACH", "EHOSTUNREACH", "ECONNREFUSED", "ETIMEDOUT", "ENOTFOUND");

  /** HTTP 401 Unauthorized (RFC 9110 §15.5.2). */
  static final int HTTP_UNAUTHORIZED = 401;

  /** HTTP 403 Forbidden (RFC 9110 §15.5.4). */
  static final int HTTP_FORBIDDEN = 403;

  static final String DRIFT_NOTE =
      " The local registry lists this preset but the OpenShell gateway is not enforcing it (drift);"
          + " treat this verdict as advisory.";

  static final String UNREACHABLE_NOTE =
      " The OpenShell gateway is unreachable, so this verdict is registry-derived and advisory.";

  static final String UPSTREAM_NEXT_STEP =
      "Inspect the upstream error and retry once the underlying condition clears.";

  private FailureClassifier() {}

  /**
   * Classifies with a ready context.
   *
   * @param failure the failure
   * @param context the explain context of the sandbox
   * @return the verdict
   */
  public static FailureClassification classify(AccessFailure failure, PolicyContext context) {
    Objects.requireNonNull(context, "context");
    return classify(failure, () -> context);
  }

  /**
   * Classifies, building the context only when needed: rule 1 (unsupported capability) is decided before the
   * supplier is called, so an unsupported capability never triggers a gateway probe.
   *
   * @param failure the failure
   * @param context supplies the explain context
   * @return the verdict
   */
  public static FailureClassification classify(AccessFailure failure, Supplier<PolicyContext> context) {
    Objects.requireNonNull(failure, "failure");
    String h = failure.host();
    if (failure.capability().isPresent() && !failure.capability().get().supported()) {
      String why = failure.capability().get().reason().orElse("capability is not offered for this sandbox");
      return new FailureClassification(
          FailureKind.UNSUPPORTED,
          Confidence.HIGH,
          Optional.empty(),
          "Host '" + h + "' is unreachable because the capability is unsupported: " + why + ".",
          "Surface the limitation to the user; do not retry. Choose an alternative provider or sandbox"
              + " configuration that supports the capability.",
          1);
    }
    PolicyContext ctx = Objects.requireNonNull(context.get(), "context");
    String inspect = ctx.approvalPath().inspect();
    String documentation = ctx.approvalPath().documentation();
    OptionalInt status = failure.error().map(AccessError::status).orElse(OptionalInt.empty());
    Optional<String> code = failure.error().flatMap(AccessError::code);
    boolean blockCode = code.isPresent() && NETWORK_BLOCK_CODES.contains(code.get());
    Optional<String> stem = HostStem.canonicalize(h);

    Optional<PresetEntry> active = stem.flatMap(s -> match(ctx.activePresets(), s));
    if (active.isPresent()) {
      PresetEntry p = active.get();
      String name = p.name();
      boolean verified = p.verification().confirmsEnforcement();
      String note = verified ? "" : p.verification() == Verification.REGISTRY_ONLY ? DRIFT_NOTE : UNREACHABLE_NOTE;
      Confidence verifiedOrLow = verified ? Confidence.HIGH : Confidence.LOW;
      if (is(status, HTTP_UNAUTHORIZED)) {
        return verdict(
            FailureKind.MISSING_APPROVAL,
            verifiedOrLow,
            name,
            "Host '" + h + "' is allowed by preset '" + name
                + "' but the request returned 401; credentials are missing or invalid." + note,
            verified
                ? "Confirm the API token and scopes for this integration; the network path is open."
                : "Confirm the API token and scopes first, then run `" + inspect
                    + "` to verify the gateway is enforcing '" + name + "'.",
            2);
      }
      if (is(status, HTTP_FORBIDDEN)) {
        return verdict(
            FailureKind.MISSING_APPROVAL,
            Confidence.LOW,
            name,
            "Host '" + h + "' is allowed by preset '" + name
                + "' but the request returned 403, which is ambiguous: it can mean missing credentials/scope or a"
                + " finer-grained OpenShell denial (method, path, protocol, or binary)." + note,
            "Confirm the API token and scopes first. If credentials look correct, run `" + inspect
                + "` and `openshell policy get` to check whether OpenShell is denying the specific method/path;"
                + " widen the preset or adjust the call as needed.",
            3);
      }
      if (blockCode && verified) {
        return verdict(
            FailureKind.UNKNOWN,
            Confidence.HIGH,
            name,
            "Host '" + h + "' is allowed by preset '" + name
                + "' and the OpenShell gateway confirmed enforcement, so the network-block code (" + code.get()
                + ") is an upstream connectivity failure rather than a policy block.",
            UPSTREAM_NEXT_STEP,
            4);
      }
      if (blockCode) {
        return verdict(
            FailureKind.BLOCKED_BY_POLICY,
            Confidence.LOW,
            name,
            "Host '" + h + "' is declared by preset '" + name
                + "' but the request was refused with a network-block code (" + code.get()
                + ") and the OpenShell gateway has not been confirmed to enforce this preset." + note,
            "Run `" + inspect + "` to confirm the gateway is enforcing '" + name
                + "'; if drift is confirmed, re-apply the preset via `" + ctx.approvalPath().addCommand(name) + "`.",
            5);
      }
      return verdict(
          FailureKind.UNKNOWN,
          verifiedOrLow,
          name,
          "Host '" + h + "' is allowed by preset '" + name + "' and the failure is not a policy block." + note,
          verified
              ? UPSTREAM_NEXT_STEP
              : "Run `" + inspect + "` to confirm the gateway is enforcing '" + name + "' before retrying.",
          6);
    }
    Optional<PresetEntry> unapplied = stem.flatMap(s -> match(ctx.knownUnappliedPresets(), s));
    if (unapplied.isPresent()) {
      String name = unapplied.get().name();
      return verdict(
          FailureKind.BLOCKED_BY_POLICY,
          Confidence.HIGH,
          name,
          "Host '" + h + "' is declared by preset '" + name + "' but that preset is not applied to sandbox '"
              + ctx.sandboxName() + "'.",
          "Run `nemoclaw " + ctx.sandboxName() + " policy-add " + name + "` to allow this host.",
          7);
    }
    if (is(status, HTTP_FORBIDDEN) || blockCode) {
      String signal =
          code.filter(c -> !c.isEmpty())
              .orElse("HTTP " + (status.isPresent() ? Integer.toString(status.getAsInt()) : "unknown"));
      return new FailureClassification(
          FailureKind.BLOCKED_BY_POLICY,
          Confidence.HIGH,
          Optional.empty(),
          "Host '" + h + "' is not declared by any preset known to NemoClaw and the request was refused (" + signal
              + ").",
          "Add a custom preset that allows this host or change the sandbox tier; see " + documentation + ".",
          8);
    }
    if (is(status, HTTP_UNAUTHORIZED)) {
      return new FailureClassification(
          FailureKind.MISSING_APPROVAL,
          Confidence.LOW,
          Optional.empty(),
          "Host '" + h + "' is not declared by any active preset and the request returned 401.",
          "Add a preset that allows this host, then supply credentials.",
          9);
    }
    return new FailureClassification(
        FailureKind.UNKNOWN,
        Confidence.HIGH,
        Optional.empty(),
        "Host '" + h + "' did not match any preset and the failure is not a known policy or approval signal.",
        "Inspect the upstream error and consult " + documentation + ".",
        10);
  }

  private static boolean is(OptionalInt status, int value) {
    return status.isPresent() && status.getAsInt() == value;
  }

  private static FailureClassification verdict(
      FailureKind kind, Confidence confidence, String preset, String reason, String nextStep, int rule) {
    return new FailureClassification(kind, confidence, Optional.of(preset), reason, nextStep, rule);
  }

  /**
   * The preset with the longest stem equal to the host or a parent domain of it; among equally long matches, the
   * first in list order (name order).
   */
  static Optional<PresetEntry> match(List<PresetEntry> presets, String host) {
    PresetEntry best = null;
    int bestLength = -1;
    for (PresetEntry preset : presets) {
      for (String s : preset.allowedHostCategories()) {
        boolean matches = host.equals(s)
            || (host.length() > s.length() && host.endsWith(s) && host.charAt(host.length() - s.length() - 1) == '.');
        if (matches && s.length() > bestLength) {
          best = preset;
          bestLength = s.length();
        }
      }
    }
    return Optional.ofNullable(best);
  }
}
