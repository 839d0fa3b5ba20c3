package dev.sandboxpolicy.traffic;

import dev.sandboxpolicy.io.PolicyWriter;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The counts of a replay: how many decision events, how many kept their outcome, went from allow to deny or from
 * deny to allow, could not be decided (by reason), the transitions between verdicts, the read counts (skipped and
 * malformed lines), and the changed events grouped by entry, destination and binary.
 *
 * <p>A summary is an accumulator: {@link #add(ReplayResult)} counts one event, {@link #merge(ReplaySummary)} adds
 * another summary's counts. Merging is associative and commutative — every count is a sum, the change groups kept
 * are the first {@value #MAX_CHANGE_GROUPS} by key and each group's samples the first by source and line — so a
 * fleet's logs can be replayed in pieces and the pieces merged in any order with the same result. Not thread-safe.
 *
 * <pre>{@code
 * ReplaySummary total = replay.newSummary();
 * for (ReplaySummary part : parts) {
 *   total.merge(part);
 * }
 * String json = total.toJson(true);
 * }</pre>
 */
public final class ReplaySummary implements Serializable {
  private static final long serialVersionUID = 1L;

  /** The reference of a replay without a baseline: the logged decisions. */
  public static final String REFERENCE_LOGGED = "logged";
  /** The reference of a replay with a baseline policy. */
  public static final String REFERENCE_BASELINE = "baseline";

  /**
   * How many change groups a summary keeps (the first by change, key, host, port, binary); the events of the
   * others are counted in {@link #changesOmitted()}. Bounds the summary's size whatever the fleet.
   */
  public static final int MAX_CHANGE_GROUPS = 1000;

  private static final TrafficVerdict[] DECIDED = {TrafficVerdict.ALLOW, TrafficVerdict.AUDIT, TrafficVerdict.DENY};

  private final String reference;
  private ReadStats read = ReadStats.empty();
  private long decisions;
  private final EnumMap<Change, Long> changes = new EnumMap<>(Change.class);
  private final EnumMap<UndecidableReason, Long> undecidable = new EnumMap<>(UndecidableReason.class);
  private final EnumMap<EventKind, Long> kinds = new EnumMap<>(EventKind.class);
  private final long[][] transitions = new long[DECIDED.length][DECIDED.length];
  private final TreeMap<String, ChangeGroup> groups = new TreeMap<>();
  private long changesOmitted;

  private ReplaySummary(String reference) {
    this.reference = reference;
  }

  /**
   * Creates an empty summary.
   *
   * @param reference {@link #REFERENCE_LOGGED} or {@link #REFERENCE_BASELINE}
   * @return the summary
   */
  public static ReplaySummary create(String reference) {
    if (!reference.equals(REFERENCE_LOGGED) && !reference.equals(REFERENCE_BASELINE)) {
      throw new IllegalArgumentException("reference must be logged or baseline, not " + reference);
    }
    return new ReplaySummary(reference);
  }

  /**
   * Counts one replayed event.
   *
   * @param r the replay of the event
   * @return this summary
   */
  public ReplaySummary add(ReplayResult r) {
    decisions++;
    changes.merge(r.change(), 1L, Long::sum);
    kinds.merge(r.event().kind(), 1L, Long::sum);
    if (r.change() == Change.UNDECIDABLE) {
      UndecidableReason why = r.candidate().undecidableReason()
          .orElseGet(() -> r.reference().undecidableReason().orElseThrow());
      undecidable.merge(why, 1L, Long::sum);
      return this;
    }
    transitions[r.reference().verdict().ordinal()][r.candidate().verdict().ordinal()]++;
    if (r.change() != Change.UNCHANGED) {
      ReplayDecision deciding = r.change() == Change.DENY_TO_ALLOW ? r.candidate() : r.reference();
      String policy = deciding.policy().orElse("-");
      String binary = r.event().binary().orElse("-");
      String key = ChangeGroup.key(r.change(), policy, r.event().host(), r.event().port(), binary);
      ChangeGroup g = groups.get(key);
      if (g == null) {
        if (groups.size() >= MAX_CHANGE_GROUPS && key.compareTo(groups.lastKey()) > 0) {
          changesOmitted++;
          return this;
        }
        g = new ChangeGroup(r.change(), policy, r.event().host(), r.event().port(), binary);
        groups.put(key, g);
        trimGroups();
      }
      g.add(r);
    }
    return this;
  }

  /**
   * Adds the read counts of one input (lines, skipped and malformed lines).
   *
   * @param stats the reader's counts
   * @return this summary
   */
  public ReplaySummary addReadStats(ReadStats stats) {
    read = read.plus(stats);
    return this;
  }

  /**
   * Adds {@code other}'s counts to this summary. Associative and commutative.
   *
   * @param other a summary with the same reference
   * @return this summary
   * @throws IllegalArgumentException if the references differ
   */
  public ReplaySummary merge(ReplaySummary other) {
    if (!reference.equals(other.reference)) {
      throw new IllegalArgumentException("cannot merge a " + other.reference + " summary into a " + reference + " one");
    }
    read = read.plus(other.read);
    decisions += other.decisions;
    other.changes.forEach((k, v) -> changes.merge(k, v, Long::sum));
    other.undecidable.forEach((k, v) -> undecidable.merge(k, v, Long::sum));
    other.kinds.forEach((k, v) -> kinds.merge(k, v, Long::sum));
    for (int i = 0; i < DECIDED.length; i++) {
      for (int j = 0; j < DECIDED.length; j++) {
        transitions[i][j] += other.transitions[i][j];
      }
    }
    changesOmitted += other.changesOmitted;
    for (ChangeGroup g : other.groups.values()) {
      ChangeGroup mine = groups.get(g.sortKey());
      if (mine != null) {
        mine.merge(g);
      } else {
        groups.put(g.sortKey(), g.copy());
      }
    }
    trimGroups();
    return this;
  }

  private void trimGroups() {
    while (groups.size() > MAX_CHANGE_GROUPS) {
      changesOmitted += groups.pollLastEntry().getValue().count();
    }
  }

  /**
   * Returns what the candidate was compared with: {@link #REFERENCE_LOGGED} or {@link #REFERENCE_BASELINE}.
   *
   * @return the reference
   */
  public String reference() {
    return reference;
  }

  /**
   * Returns the read counts: lines, skipped lines, malformed lines.
   *
   * @return the counts
   */
  public ReadStats readStats() {
    return read;
  }

  /**
   * Returns how many decision events were replayed ({@code unchanged + allow_to_deny + deny_to_allow +
   * undecidable}).
   *
   * @return the number of events
   */
  public long decisions() {
    return decisions;
  }

  /**
   * Returns how many events had the given change.
   *
   * @param change the change
   * @return the count
   */
  public long count(Change change) {
    return changes.getOrDefault(change, 0L);
  }

  /**
   * Returns how many events kept their outcome.
   *
   * @return the count
   */
  public long unchanged() {
    return count(Change.UNCHANGED);
  }

  /**
   * Returns how many events the reference passed and the candidate denies.
   *
   * @return the count
   */
  public long allowToDeny() {
    return count(Change.ALLOW_TO_DENY);
  }

  /**
   * Returns how many events the reference denied and the candidate passes.
   *
   * @return the count
   */
  public long denyToAllow() {
    return count(Change.DENY_TO_ALLOW);
  }

  /**
   * Returns how many events could not be decided.
   *
   * @return the count
   */
  public long undecidable() {
    return count(Change.UNDECIDABLE);
  }

  /**
   * Returns the undecidable events by reason.
   *
   * @return a copy
   */
  public Map<UndecidableReason, Long> undecidableByReason() {
    return new EnumMap<>(undecidable);
  }

  /**
   * Returns the replayed events by kind.
   *
   * @return a copy
   */
  public Map<EventKind, Long> eventsByKind() {
    return new EnumMap<>(kinds);
  }

  /**
   * Returns how many decided events went from verdict {@code from} (reference) to {@code to} (candidate).
   *
   * @param from allow, audit or deny
   * @param to allow, audit or deny
   * @return the count
   */
  public long transitions(TrafficVerdict from, TrafficVerdict to) {
    if (from == TrafficVerdict.UNKNOWN || to == TrafficVerdict.UNKNOWN) {
      return 0;
    }
    return transitions[from.ordinal()][to.ordinal()];
  }

  /**
   * Returns the change groups kept, largest first (ties by key).
   *
   * @return copies of the groups
   */
  public List<ChangeGroup> changes() {
    List<ChangeGroup> out = new ArrayList<>();
    for (ChangeGroup g : groups.values()) {
      out.add(g.copy());
    }
    out.sort(Comparator.comparingLong(ChangeGroup::count).reversed());
    return out;
  }

  /**
   * Returns how many changed events belong to groups beyond {@link #MAX_CHANGE_GROUPS}.
   *
   * @return the count
   */
  public long changesOmitted() {
    return changesOmitted;
  }

  /**
   * Returns the summary as JSON: {@code reference}, {@code decisions}, {@code unchanged}, {@code allow_to_deny},
   * {@code deny_to_allow}, {@code undecidable}, {@code undecidable_reasons}, {@code transitions},
   * {@code events_by_kind}, {@code sources}, {@code lines}, {@code skipped_lines}, {@code skipped_reasons},
   * {@code malformed_lines}, {@code malformed} (the first malformed lines: {@code file}, {@code line},
   * {@code reason}), {@code changes} (groups: {@code change}, {@code policy}, {@code host}, {@code port},
   * {@code binary}, {@code count}, {@code samples}, {@code more}) and {@code changes_omitted}.
   *
   * @param pretty indent the output
   * @return the JSON text
   */
  public String toJson(boolean pretty) {
    return PolicyWriter.json(toTree(), pretty);
  }

  Map<String, Object> toTree() {
    Map<String, Object> o = new LinkedHashMap<>();
    o.put("reference", reference);
    o.put("decisions", decisions);
    o.put("unchanged", unchanged());
    o.put("allow_to_deny", allowToDeny());
    o.put("deny_to_allow", denyToAllow());
    o.put("undecidable", undecidable());
    Map<String, Object> reasons = new LinkedHashMap<>();
    undecidable.forEach((k, v) -> reasons.put(k.wireName(), v));
    o.put("undecidable_reasons", reasons);
    Map<String, Object> trans = new LinkedHashMap<>();
    for (TrafficVerdict from : DECIDED) {
      Map<String, Object> row = new LinkedHashMap<>();
      for (TrafficVerdict to : DECIDED) {
        row.put(to.wireName(), transitions(from, to));
      }
      trans.put(from.wireName(), row);
    }
    o.put("transitions", trans);
    Map<String, Object> byKind = new LinkedHashMap<>();
    kinds.forEach((k, v) -> byKind.put(k.wireName(), v));
    o.put("events_by_kind", byKind);
    o.put("sources", read.sources());
    o.put("lines", read.lines());
    o.put("skipped_lines", read.skippedLines());
    o.put("skipped_reasons", new LinkedHashMap<String, Object>(read.skippedByCategory()));
    o.put("malformed_lines", read.malformedLines());
    List<Object> malformed = new ArrayList<>();
    for (MalformedLine m : read.malformedSamples()) {
      Map<String, Object> line = new LinkedHashMap<>();
      line.put("file", m.source());
      line.put("line", m.line());
      line.put("reason", m.reason());
      malformed.add(line);
    }
    o.put("malformed", malformed);
    List<Object> groupList = new ArrayList<>();
    for (ChangeGroup g : changes()) {
      groupList.add(groupTree(g));
    }
    o.put("changes", groupList);
    o.put("changes_omitted", changesOmitted);
    return o;
  }

  private static Map<String, Object> groupTree(ChangeGroup g) {
    Map<String, Object> o = new LinkedHashMap<>();
    o.put("change", g.change().wireName());
    o.put("policy", g.policy());
    o.put("host", g.host());
    o.put("port", g.port());
    o.put("binary", g.binary());
    o.put("count", g.count());
    List<Object> samples = new ArrayList<>();
    for (ChangeSample s : g.samples()) {
      Map<String, Object> sample = new LinkedHashMap<>();
      sample.put("file", s.source());
      sample.put("line", s.line());
      Map<String, Object> request = new LinkedHashMap<>();
      request.put("host", g.host());
      request.put("port", g.port());
      request.put("binary", g.binary().equals("-") ? null : g.binary());
      request.put("method", s.method().orElse(null));
      request.put("path", s.path().orElse(null));
      sample.put("request", request);
      sample.put("reference", decisionTree(s.reference()));
      sample.put("candidate", decisionTree(s.candidate()));
      samples.add(sample);
    }
    o.put("samples", samples);
    o.put("more", g.count() - g.samples().size());
    return o;
  }

  static Map<String, Object> decisionTree(ReplayDecision d) {
    Map<String, Object> o = new LinkedHashMap<>();
    o.put("decision", d.isDecided() ? d.verdict().wireName() : "undecidable");
    o.put("policy", d.policy().orElse(null));
    o.put("reason", d.reason().isEmpty() ? null : d.reason());
    return o;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ReplaySummary s && toTree().equals(s.toTree());
  }

  @Override
  public int hashCode() {
    return Objects.hash(reference, decisions, changes);
  }

  @Override
  public String toString() {
    return "ReplaySummary[" + decisions + " decisions, " + unchanged() + " unchanged, " + allowToDeny()
        + " allow_to_deny, " + denyToAllow() + " deny_to_allow, " + undecidable() + " undecidable]";
  }
}
