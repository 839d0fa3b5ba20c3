package dev.sandboxpolicy.cli;

import dev.sandboxpolicy.traffic.Change;
import dev.sandboxpolicy.traffic.ChangeGroup;
import dev.sandboxpolicy.traffic.ChangeSample;
import dev.sandboxpolicy.traffic.MalformedLine;
import dev.sandboxpolicy.traffic.ReplayDecision;
import dev.sandboxpolicy.traffic.ReplaySummary;
import dev.sandboxpolicy.traffic.UndecidableReason;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** The text form of a replay summary: counts first, then the changed traffic by group, then malformed lines. */
final class ReplayReport {

  /** How many groups of each change the text lists (all are in --json). */
  static final int MAX_GROUPS_SHOWN = 10;
  /** How many malformed lines the text lists. */
  static final int MAX_MALFORMED_SHOWN = 10;

  private ReplayReport() {}

  static void print(ReplaySummary s, String candidate, PrintStream out) {
    String reference = s.reference().equals(ReplaySummary.REFERENCE_LOGGED)
        ? "the logged decisions" : "the baseline policy's decisions";
    out.println("replay of " + count(s.readStats().sources(), "log") + " (" + count(s.readStats().lines(), "line")
        + ") against " + candidate + ", compared with " + reference);
    out.println();
    out.println(row("decisions", s.decisions(), ""));
    out.println(row("unchanged", s.unchanged(), ""));
    out.println(row("allow -> deny", s.allowToDeny(), s.allowToDeny() > 0 ? "the candidate would break these" : ""));
    out.println(row("deny -> allow", s.denyToAllow(), s.denyToAllow() > 0 ? "the candidate newly allows these" : ""));
    out.println(row("undecidable", s.undecidable(), reasons(s.undecidableByReason())));
    out.println(row("skipped lines", s.readStats().skippedLines(), "record no decision"));
    out.println(row("malformed lines", s.readStats().malformedLines(), ""));
    List<ChangeGroup> groups = s.changes();
    for (Change change : List.of(Change.ALLOW_TO_DENY, Change.DENY_TO_ALLOW)) {
      List<ChangeGroup> these = groups.stream().filter(g -> g.change() == change).toList();
      if (these.isEmpty()) {
        continue;
      }
      out.println();
      out.println((change == Change.ALLOW_TO_DENY ? "allow -> deny" : "deny -> allow") + " ("
          + count(these.stream().mapToLong(ChangeGroup::count).sum(), "event") + "):");
      for (ChangeGroup g : these.subList(0, Math.min(MAX_GROUPS_SHOWN, these.size()))) {
        out.println("  " + g.policy() + "  " + g.host() + ":" + g.port() + "  " + g.binary() + "  ("
            + count(g.count(), "event") + ")");
        for (ChangeSample sample : g.samples()) {
          String request = sample.method().map(m -> m + " " + sample.path().orElse("/")).orElse("connect");
          out.println("    " + sample.source() + ":" + sample.line() + "  " + request + "  " + side(sample.reference())
              + " -> " + side(sample.candidate()));
        }
      }
      if (these.size() > MAX_GROUPS_SHOWN) {
        out.println("  ... and " + count(these.size() - MAX_GROUPS_SHOWN, "more group") + " (see --json)");
      }
    }
    if (s.changesOmitted() > 0) {
      out.println("  (" + count(s.changesOmitted(), "more changed event") + " in groups beyond the first "
          + ReplaySummary.MAX_CHANGE_GROUPS + ")");
    }
    List<MalformedLine> malformed = s.readStats().malformedSamples();
    if (!malformed.isEmpty()) {
      out.println();
      out.println("malformed lines:");
      for (MalformedLine m : malformed.subList(0, Math.min(MAX_MALFORMED_SHOWN, malformed.size()))) {
        out.println("  " + m);
      }
      long rest = s.readStats().malformedLines() - Math.min(MAX_MALFORMED_SHOWN, malformed.size());
      if (rest > 0) {
        out.println("  ... and " + count(rest, "more"));
      }
    }
  }

  private static String side(ReplayDecision d) {
    if (!d.isDecided()) {
      return "undecidable";
    }
    String who = d.policy().map(p -> " (" + p + ")").orElse("");
    String why = d.reason().isEmpty() || d.verdict().passes() ? "" : ": " + oneLine(d.reason());
    return d.verdict().wireName() + who + why;
  }

  private static String oneLine(String s) {
    String t = s.replace('\n', ' ').replace('\r', ' ');
    return t.length() <= 120 ? t : t.substring(0, 117) + "...";
  }

  private static String reasons(Map<UndecidableReason, Long> reasons) {
    return reasons.entrySet().stream().map(e -> e.getKey().wireName() + " " + e.getValue())
        .collect(Collectors.joining(", "));
  }

  private static String row(String label, long n, String note) {
    return String.format("  %-16s %,10d%s", label, n, note.isEmpty() ? "" : "   " + note);
  }

  static String count(long n, String noun) {
    return String.format("%,d", n) + " " + noun + (n == 1 ? "" : "s");
  }
}
