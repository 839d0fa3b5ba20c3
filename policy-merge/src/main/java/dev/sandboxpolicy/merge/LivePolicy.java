package dev.sandboxpolicy.merge;

import dev.sandboxpolicy.io.PolicyReader;
import dev.sandboxpolicy.io.ReadMode;
import dev.sandboxpolicy.io.ReadResult;
import dev.sandboxpolicy.model.NetworkPolicy;
import dev.sandboxpolicy.model.Policy;
import dev.sandboxpolicy.model.Problem;
import dev.sandboxpolicy.model.ProblemCode;
import dev.sandboxpolicy.model.SourceLocation;
import dev.sandboxpolicy.model.SourceMap;
import dev.sandboxpolicy.model.internal.Names;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The live policy of a sandbox, read from the text of {@code openshell policy get} (with or without
 * {@code --full}) or from a plain policy document (preset layer spec §2.2), with the fail-closed reading every
 * OpenShell load path shares since #3334: {@link #parse(String)} refuses a body with an unknown key or without
 * {@code version}, as OpenShell would refuse the merged result. {@link #parse(String, ReadMode)} with
 * {@link ReadMode#LEGACY_TOLERANT} reads the way NemoClaw's fail-soft parser did (unknown sections kept so they
 * survive a merge, {@code version} optional), for policies written for an OpenShell before #3334.
 *
 * <p>The text may start with the CLI's metadata header ({@code Version:}, {@code Hash:}, {@code Status:} ...)
 * followed by a separator line. The separator is the first line that is exactly {@code ---} plus optional
 * spaces or tabs, at the start of the text or after a line break, and followed by a line break or the end of
 * the text ({@code a---b} inside a value is not one). The body is everything after it (the whole text when there
 * is none), trimmed. Header fields are never interpreted.
 *
 * <p>A live policy that cannot be read <b>refuses the operation</b>; it is never treated as an empty policy
 * (that is how a truncated read would silently wipe a sandbox's policy). Refused are:
 * <ul>
 *   <li>an empty body, including a header with no body ({@code live_policy_empty});
 *   <li>a body that is not YAML, or breaks the reader's limits ({@code live_policy_not_yaml});
 *   <li>a scalar or sequence body ({@code live_policy_not_mapping});
 *   <li>a {@code version} that is not an integer of at least 1, e.g. the string {@code "1"} or {@code 1.5},
 *       and (strict reading) a missing {@code version} ({@code live_policy_bad_version});
 *   <li>a {@code network_policies} that is not a mapping ({@code null}, a list, the legacy array form, a
 *       string) ({@code live_policy_bad_network_policies});
 *   <li>without a separator, a mapping that has neither {@code version} nor {@code network_policies}: such a
 *       mapping is a diagnostic ({@code error: ...}), not a policy ({@code live_policy_not_a_policy}). With a
 *       separator any mapping is accepted;
 *   <li>any other shape the model cannot hold, e.g. a port that is not a number, and (strict reading) an unknown
 *       key ({@code live_policy_bad_section}).
 * </ul>
 */
public final class LivePolicy {


  private final Policy policy;
  private final String body;
  private final boolean hadSeparator;
  private final boolean hasNetworkPolicies;

  private LivePolicy(Policy policy, String body, boolean hadSeparator, boolean hasNetworkPolicies) {
    this.policy = policy;
    this.body = body;
    this.hadSeparator = hadSeparator;
    this.hasNetworkPolicies = hasNetworkPolicies;
  }

  /**
   * Reads the live policy from {@code text} with the fail-closed reading of current OpenShell.
   *
   * @throws PresetLayerException one of the {@code live_policy_*} refusals listed above, with the reader's
   *     located problems (lines and columns are relative to the body)
   */
  public static LivePolicy parse(String text) throws PresetLayerException {
    return parse(text, ReadMode.STRICT);
  }

  /**
   * Reads the live policy from {@code text} in {@code mode}: {@link ReadMode#LEGACY_TOLERANT} keeps unknown
   * sections and accepts a missing {@code version}, as NemoClaw's parser did before OpenShell #3334.
   *
   * @throws PresetLayerException one of the {@code live_policy_*} refusals listed above
   */
  public static LivePolicy parse(String text, ReadMode mode) throws PresetLayerException {
    Objects.requireNonNull(text, "text");
    PolicyReader reader = PolicyReader.of(Objects.requireNonNull(mode, "mode"));
    int sep = separatorEnd(text);
    String body = (sep < 0 ? text : text.substring(sep)).strip();
    if (body.isEmpty()) {
      throw PresetLayerException.of(PresetLayerError.LIVE_POLICY_EMPTY, SourceLocation.NONE,
          "The live policy output does not contain a policy YAML document.");
    }
    ReadResult<Policy> read = reader.readPolicy(body);
    List<Problem> errors = read.problems().stream().filter(Problem::isError).toList();
    SourceMap map = read.sourceMap();
    if (!errors.isEmpty()) {
      if (sep < 0 && isMapping(errors) && map.locate("/version").isEmpty()
          && map.locate("/network_policies").isEmpty()) {
        throw notAPolicy(map);
      }
      throw refusal(errors);
    }
    Policy policy = read.value().get();
    if (policy.version().isPresent() && policy.version().get() < 1) {
      throw PresetLayerException.of(PresetLayerError.LIVE_POLICY_BAD_VERSION, map.nearest("/version"),
          "The live policy version must be an integer >= 1.");
    }
    boolean hasVersion = map.locate("/version").isPresent();
    boolean hasEntries = map.locate("/network_policies").isPresent();
    if (hasEntries && policy.networkPolicies().isEmpty() && isNull(reader, body, "network_policies")) {
      throw PresetLayerException.of(PresetLayerError.LIVE_POLICY_BAD_NETWORK_POLICIES,
          map.nearest("/network_policies"), "The live policy's network_policies must be a mapping, not null.");
    }
    if (sep < 0 && !hasVersion && !hasEntries) {
      throw notAPolicy(map);
    }
    return new LivePolicy(policy, body, sep >= 0, hasEntries);
  }

  /** The policy read from the body. */
  public Policy policy() {
    return policy;
  }

  /** The YAML body (after the separator, trimmed). */
  public String body() {
    return body;
  }

  /**
   * The policy as text to edit and set again ({@code policy-get}, NVIDIA/NemoClaw#6122, #6052): the body without the
   * metadata header, verbatim (comments and layout kept), ending with one line break. When the body holds
   * {@code _provider_} keys, which OpenShell composes and refuses to receive, they are left out and the policy is
   * written from the model instead (comments are then lost; {@link #hasReservedKeys()} says so).
   */
  public String editableText() {
    if (!hasReservedKeys()) {
      return body + "\n";
    }
    Map<String, NetworkPolicy> kept = new LinkedHashMap<>();
    policy.networkPolicies().forEach((k, v) -> {
      if (!Names.isProviderKey(k)) {
        kept.put(k, v);
      }
    });
    return MergeResult.of(PresetMerger.rebuild(policy, policy.version(), kept), PolicyDiff.empty()).toYaml();
  }

  /** Whether the policy holds {@code _provider_} keys (OpenShell's provider composition). */
  public boolean hasReservedKeys() {
    return policy.networkPolicies().keySet().stream().anyMatch(Names::isProviderKey);
  }

  /** Whether the text had the {@code policy get} header separator. */
  public boolean hadSeparator() {
    return hadSeparator;
  }

  /** Whether the body has a {@code network_policies} key (possibly an empty mapping). */
  public boolean hasNetworkPolicies() {
    return hasNetworkPolicies;
  }

  /**
   * The index just after the separator line (after its line break), or -1 when there is no separator. Scans
   * once, by hand (no regular expression).
   */
  static int separatorEnd(String text) {
    int n = text.length();
    int lineStart = 0;
    while (lineStart <= n) {
      int lineEnd = text.indexOf('\n', lineStart);
      int contentEnd = lineEnd < 0 ? n : lineEnd;
      if (contentEnd > lineStart && text.charAt(contentEnd - 1) == '\r') {
        contentEnd--;
      }
      if (isSeparator(text, lineStart, contentEnd)) {
        return lineEnd < 0 ? n : lineEnd + 1;
      }
      if (lineEnd < 0) {
        return -1;
      }
      lineStart = lineEnd + 1;
    }
    return -1;
  }

  private static boolean isSeparator(String text, int from, int to) {
    if (to - from < 3 || !text.startsWith("---", from)) {
      return false;
    }
    for (int i = from + 3; i < to; i++) {
      char c = text.charAt(i);
      if (c != ' ' && c != '\t') {
        return false;
      }
    }
    return true;
  }

  private static PresetLayerException notAPolicy(SourceMap map) {
    return PresetLayerException.of(PresetLayerError.LIVE_POLICY_NOT_A_POLICY, map.nearest(""),
        "The text is a mapping without 'version' or 'network_policies' and no policy header: not a policy.");
  }

  /** Whether the body was read as a mapping (no syntax error, no empty document, not a scalar or a sequence). */
  private static boolean isMapping(List<Problem> errors) {
    return errors.stream().noneMatch(p -> PlainTree.isUnreadableText(p)
        || p.pointer().isEmpty() && p.code().equals(ProblemCode.WRONG_TYPE.wireName()));
  }

  /** Classifies the reader's errors into one refusal (the first matching rule wins). */
  private static PresetLayerException refusal(List<Problem> errors) {
    Problem first = errors.get(0);
    if (errors.stream().anyMatch(p -> p.code().equals(ProblemCode.EMPTY_DOCUMENT.wireName()))) {
      return PresetLayerException.withProblems(PresetLayerError.LIVE_POLICY_EMPTY,
          "The live policy output does not contain a policy YAML document.", errors);
    }
    Optional<Problem> unreadable = errors.stream().filter(PlainTree::isUnreadableText).findFirst();
    if (unreadable.isPresent()) {
      Problem syntax = unreadable.get();
      return PresetLayerException.withProblems(PresetLayerError.LIVE_POLICY_NOT_YAML,
          "The live policy is not valid YAML: " + syntax.message(), errors);
    }
    if (errors.stream().anyMatch(p -> p.pointer().isEmpty() && p.code().equals(ProblemCode.WRONG_TYPE.wireName()))) {
      return PresetLayerException.withProblems(PresetLayerError.LIVE_POLICY_NOT_MAPPING,
          "The live policy must be a YAML mapping.", errors);
    }
    if (errors.stream().anyMatch(p -> p.pointer().equals("/version"))) {
      return PresetLayerException.withProblems(PresetLayerError.LIVE_POLICY_BAD_VERSION,
          "The live policy version must be an integer >= 1.", errors);
    }
    if (errors.stream().anyMatch(p -> p.code().equals(ProblemCode.MISSING_VERSION.wireName()))) {
      return PresetLayerException.withProblems(PresetLayerError.LIVE_POLICY_BAD_VERSION,
          "The live policy has no version; every OpenShell load path requires it since #3334 (write version: 1).",
          errors);
    }
    if (errors.stream().anyMatch(p -> p.pointer().equals("/network_policies"))) {
      return PresetLayerException.withProblems(PresetLayerError.LIVE_POLICY_BAD_NETWORK_POLICIES,
          "The live policy's network_policies must be a mapping of entries.", errors);
    }
    return PresetLayerException.withProblems(PresetLayerError.LIVE_POLICY_BAD_SECTION,
        "The live policy cannot be read: " + first, errors);
  }

  /** Whether the top-level {@code key} is written with a null value (the model reads null as absent). */
  private static boolean isNull(PolicyReader reader, String body, String key) {
    return PlainTree.read(reader, body).filter(t -> PlainTree.has(t, key))
        .map(t -> PlainTree.child(t, key) == null).orElse(false);
  }

  @Override
  public String toString() {
    return "LivePolicy{" + policy.networkPolicies().keySet() + "}";
  }
}
