package dev.sandboxpolicy.traffic;

import dev.sandboxpolicy.matcher.CompiledPolicy;
import dev.sandboxpolicy.matcher.Decision;
import dev.sandboxpolicy.matcher.DestinationVerdict;
import dev.sandboxpolicy.matcher.L7Request;
import dev.sandboxpolicy.matcher.NetworkRequest;
import dev.sandboxpolicy.model.Enforcement;
import dev.sandboxpolicy.model.net.IpAddress;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Replays logged decisions against a candidate policy: decides every event under the candidate exactly as the
 * sandbox would and compares the outcome with the reference, which is the logged decision or, {@linkplain
 * #withBaseline(CompiledPolicy) when a baseline is given}, the baseline policy's decision.
 *
 * <pre>{@code
 * Replay replay = Replay.against(CompiledPolicy.compile(candidate));
 * ReplaySummary summary = replay.newSummary();
 * try (LogReader reader = LogReader.open(Path.of("openshell.log"))) {
 *   for (LogEvent e = reader.next(); e != null; e = reader.next()) {
 *     summary.add(replay.replay(e));
 *   }
 *   summary.addReadStats(reader.stats());
 * }
 * summary.allowToDeny(); // logged traffic the candidate would break
 * }</pre>
 *
 * <p>How an event is decided ({@link #decide(CompiledPolicy, LogEvent)}): the connection first (binary,
 * ancestors, host, port); an SSRF refusal re-runs the destination check with the address its reason names; then,
 * for an L7 event, the request (method, canonical path, the query and body view when logged). A request on a
 * connection without an inspected endpoint passes uninspected, as upstream relays it. A denial under {@code
 * enforcement: audit} is {@link TrafficVerdict#AUDIT}. Nothing is guessed: an event whose outcome depends on what
 * the log does not record is undecidable (see {@link UndecidableReason}).
 *
 * <p>The decision is a pure function of the policy and the event, and {@link ReplaySummary#merge} is associative,
 * so a replay can be split over files or machines and combined in any order. A {@code Replay} keeps a bounded
 * per-destination cache: use one per thread.
 */
public final class Replay {

  /** The words before the resolved address in an SSRF reason (logs spec §1.4). */
  private static final String RESOLVES_TO = " resolves to ";

  private final CompiledPolicy candidate;
  private final PolicyEndpoints candidateEndpoints;
  private final CompiledPolicy baseline;
  private final PolicyEndpoints baselineEndpoints;

  private Replay(CompiledPolicy candidate, CompiledPolicy baseline) {
    this.candidate = Objects.requireNonNull(candidate, "candidate");
    this.candidateEndpoints = new PolicyEndpoints(candidate.policy());
    this.baseline = baseline;
    this.baselineEndpoints = baseline == null ? null : new PolicyEndpoints(baseline.policy());
  }

  /**
   * A replay against {@code candidate} whose reference is the logged decision.
   *
   * @param candidate the policy to try
   * @return the replay
   */
  public static Replay against(CompiledPolicy candidate) {
    return new Replay(candidate, null);
  }

  /**
   * Returns a replay whose reference is {@code baseline}'s decision instead of the logged one.
   *
   * @param baseline the policy before the change
   * @return the new replay
   */
  public Replay withBaseline(CompiledPolicy baseline) {
    return new Replay(candidate, Objects.requireNonNull(baseline, "baseline"));
  }

  /**
   * Returns the candidate policy.
   *
   * @return the candidate
   */
  public CompiledPolicy candidate() {
    return candidate;
  }

  /**
   * Returns the baseline policy, when one was given.
   *
   * @return the baseline, or empty when the reference is the logged decision
   */
  public Optional<CompiledPolicy> baseline() {
    return Optional.ofNullable(baseline);
  }

  /**
   * Returns an empty summary for this replay's reference ({@code logged} or {@code baseline}).
   *
   * @return a new summary
   */
  public ReplaySummary newSummary() {
    return ReplaySummary.create(baseline == null ? ReplaySummary.REFERENCE_LOGGED : ReplaySummary.REFERENCE_BASELINE);
  }

  /**
   * Replays one event.
   *
   * @param event the event
   * @return the reference decision, the candidate's, and the change
   */
  public ReplayResult replay(LogEvent event) {
    ReplayDecision reference =
        baseline == null ? ReplayDecision.logged(event) : decide(baseline, baselineEndpoints, event);
    return new ReplayResult(event, reference, decide(candidate, candidateEndpoints, event));
  }

  /**
   * Replays every event of the given log files into one summary (a convenience over {@link LogReader} and {@link
   * #replay(LogEvent)}).
   *
   * @param logs the files, read in order
   * @return the summary
   * @throws IOException if a file cannot be read
   */
  public ReplaySummary replayFiles(List<Path> logs) throws IOException {
    ReplaySummary summary = newSummary();
    for (Path p : logs) {
      try (LogReader reader = LogReader.open(p)) {
        for (LogEvent e = reader.next(); e != null; e = reader.next()) {
          summary.add(replay(e));
        }
        summary.addReadStats(reader.stats());
      }
    }
    return summary;
  }

  /**
   * Decides one event under a policy, as the sandbox would (see the type's description).
   *
   * @param policy the policy
   * @param event the event
   * @return the decision, or an undecidable one
   */
  public static ReplayDecision decide(CompiledPolicy policy, LogEvent event) {
    return decide(policy, new PolicyEndpoints(policy.policy()), event);
  }

  static ReplayDecision decide(CompiledPolicy policy, PolicyEndpoints endpoints, LogEvent e) {
    if (!e.kind().isPolicyDecision()) {
      return ReplayDecision.undecidable(UndecidableReason.NOT_A_POLICY_DECISION);
    }
    boolean identity = policy.options().binaryIdentity();
    String binary = e.binary().orElse(null);
    if (binary == null && identity) {
      return ReplayDecision.undecidable(UndecidableReason.NO_BINARY);
    }
    boolean ancestorsKnown = e.ancestors().isPresent() || !identity;
    NetworkRequest connection = NetworkRequest.of(e.host(), e.port(), binary == null ? "" : binary)
        .withAncestors(e.ancestors().orElse(List.of()))
        .withCmdlinePaths(e.cmdlinePaths())
        .withResolvedAddresses(e.resolvedAddresses());
    Decision network = policy.decideNetwork(connection);
    if (!network.isAllowed()) {
      if (!ancestorsKnown && network.reason().startsWith(EventClassifier.BINARY_DENIAL)) {
        return ReplayDecision.undecidable(UndecidableReason.ANCESTORS_NOT_LOGGED);
      }
      return ReplayDecision.of(TrafficVerdict.DENY, network);
    }
    if (e.kind() == EventKind.CONNECT_SSRF || e.kind() == EventKind.FORWARD_SSRF) {
      IpAddress address = resolvedAddress(e);
      if (address == null) {
        return ReplayDecision.undecidable(UndecidableReason.SSRF_ADDRESS_NOT_LOGGED);
      }
      DestinationVerdict destination = policy.checkDestination(connection, List.of(address));
      if (!destination.allowed()) {
        return ReplayDecision.decided(TrafficVerdict.DENY, network.matchedPolicy(), destination.message());
      }
    }
    if (e.layer() == Layer.L4) {
      return ReplayDecision.of(TrafficVerdict.ALLOW, network);
    }
    if (e.graphql().isEmpty() && e.jsonRpc().isEmpty() && endpoints.readsBody(e.host(), e.port())) {
      return ReplayDecision.undecidable(UndecidableReason.BODY_NOT_LOGGED);
    }
    L7Request request = L7Request.of(connection, e.method().orElseThrow(), e.path().orElseThrow())
        .withQuery(e.query());
    if (e.graphql().isPresent()) {
      request = request.withGraphql(e.graphql().get());
    }
    if (e.jsonRpc().isPresent()) {
      request = request.withJsonRpc(e.jsonRpc().get());
    }
    request = request.withMcpProtocolVersionHeaders(e.mcpProtocolVersionHeaders());
    Decision d = policy.decideRequest(request);
    if (!ancestorsKnown && endpoints.ancestorsCouldChange(e.host(), e.port(), binary, d.isAllowed())) {
      return ReplayDecision.undecidable(UndecidableReason.ANCESTORS_NOT_LOGGED);
    }
    if (d.notInspected()) {
      // No inspected endpoint: upstream relays the request uninspected, so it passes on the connection's allow.
      return ReplayDecision.of(TrafficVerdict.ALLOW, network);
    }
    if (d.isAllowed()) {
      return ReplayDecision.of(TrafficVerdict.ALLOW, d);
    }
    if (!d.blocks() && d.enforcement().orElse(Enforcement.ENFORCE) == Enforcement.AUDIT) {
      return ReplayDecision.of(TrafficVerdict.AUDIT, d);
    }
    return ReplayDecision.of(TrafficVerdict.DENY, d);
  }

  /** The address an SSRF refusal names ({@code <host> resolves to ... <ip>, ...}), else an IP-literal host. */
  static IpAddress resolvedAddress(LogEvent e) {
    String reason = e.reason();
    int at = reason.indexOf(RESOLVES_TO);
    if (at >= 0) {
      String rest = reason.substring(at + RESOLVES_TO.length());
      int comma = rest.indexOf(',');
      if (comma >= 0) {
        rest = rest.substring(0, comma);
      }
      int which = rest.indexOf(" which ");
      if (which >= 0) {
        rest = rest.substring(0, which);
      }
      String token = rest.substring(rest.lastIndexOf(' ') + 1);
      Optional<IpAddress> parsed = IpAddress.tryParse(token);
      if (parsed.isPresent()) {
        return parsed.get();
      }
    }
    return IpAddress.tryParse(e.host()).orElse(null);
  }
}
