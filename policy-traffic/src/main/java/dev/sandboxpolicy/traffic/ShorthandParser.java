package dev.sandboxpolicy.traffic;

import dev.sandboxpolicy.model.net.Port;
import java.util.Locale;

/**
 * Parses one OCSF shorthand line (logs spec §1.2) into an event. Only {@code NET} and {@code HTTP} lines record
 * network and request decisions; the other classes ({@code CONFIG}, {@code FINDING}, {@code PROC}, {@code SSH},
 * {@code LIFECYCLE}, {@code API}, {@code EVENT}) are skipped.
 *
 * <pre>
 * NET:OPEN [MED] DENIED /usr/bin/curl(4242) -> example.org:443 [policy:- engine:opa] [reason:...]
 * HTTP:GET [INFO] ALLOWED GET http://api.github.com:443/repos/o/r [policy:github_api engine:l7]
 * </pre>
 *
 * <p>Reasons and messages are not escaped upstream and may contain brackets, so a {@code [reason:...]} or
 * {@code [msg:...]} group runs to the last {@code ]} of the line.
 */
final class ShorthandParser {

  /** The event classes of the shorthand (logs spec §1.2); only NET and HTTP are decisions. */
  private static final String[] OTHER_CLASSES = {
    "CONFIG:", "FINDING:", "PROC:", "SSH:", "LIFECYCLE:", "API:", "EVENT "
  };
  private static final String NET = "NET:";
  private static final String HTTP = "HTTP:";
  private static final String ARROW = " -> ";
  private static final String POLICY_GROUP = " [policy:";
  private static final String ENGINE = " engine:";
  private static final String REASON_GROUP = " [reason:";
  private static final String MSG_GROUP = " [msg:";
  private static final String REASON_KEY = "reason:";
  private static final String SCHEME_SEPARATOR = "://";
  private static final String TRANSPARENT_ALLOWED = "transparent_tcp_allowed";

  private ShorthandParser() {}

  /** Whether {@code text} starting at {@code from} begins with a shorthand class token. */
  static boolean looksLikeShorthand(String text, int from) {
    if (text.startsWith(NET, from) || text.startsWith(HTTP, from)) {
      return true;
    }
    for (String c : OTHER_CLASSES) {
      if (text.startsWith(c, from)) {
        return true;
      }
    }
    return false;
  }

  /** Parses the shorthand starting at {@code from}; {@code b} already holds the format and time. */
  static LineOutcome parse(String text, int from, LogEvent.Builder b) {
    boolean http;
    if (text.startsWith(NET, from)) {
      http = false;
    } else if (text.startsWith(HTTP, from)) {
      http = true;
    } else if (looksLikeShorthand(text, from)) {
      return LineOutcome.skipped(LineOutcome.NOT_A_DECISION);
    } else {
      return LineOutcome.malformed("not an OCSF shorthand event");
    }
    int space = text.indexOf(' ', from);
    if (space < 0) {
      return LineOutcome.malformed("shorthand event without a severity");
    }
    int pos = space + 1;
    if (pos >= text.length() || text.charAt(pos) != '[') {
      return LineOutcome.malformed("shorthand event without a severity");
    }
    int sevEnd = text.indexOf(']', pos);
    if (sevEnd < 0) {
      return LineOutcome.malformed("unterminated severity");
    }
    pos = sevEnd + 1;
    if (pos < text.length() && text.charAt(pos) == ' ') {
      pos++;
    }
    int tokenEnd = text.indexOf(' ', pos);
    String action = tokenEnd < 0 ? text.substring(pos) : text.substring(pos, tokenEnd);
    TrafficVerdict decision;
    boolean upgrade = false;
    switch (action) {
      case "ALLOWED" -> decision = TrafficVerdict.ALLOW;
      case "DENIED" -> decision = TrafficVerdict.DENY;
      case "OTHER" -> {
        decision = TrafficVerdict.ALLOW;
        upgrade = true;
      }
      case "OBSERVED", "MODIFIED", "UNKNOWN" -> {
        return LineOutcome.skipped(LineOutcome.NOT_A_DECISION);
      }
      default -> {
        if (isUpperCaseWord(action)) {
          return LineOutcome.malformed("no OCSF action label after the severity (a line cut short?): '"
              + clip(text.substring(from)) + "'");
        }
        return LineOutcome.skipped(LineOutcome.NOT_A_DECISION); // no action: an event without a decision
      }
    }
    if (tokenEnd < 0) {
      return LineOutcome.skipped(LineOutcome.NO_DESTINATION);
    }
    pos = tokenEnd + 1;

    // The bracket groups that follow the arrow / request.
    int groups = firstGroup(text, pos);
    String main = text.substring(pos, groups);
    String engine = "";
    boolean hasRule = false;
    String reason = "";
    String msg = "";
    int g = groups;
    if (text.startsWith(POLICY_GROUP, g)) {
      int engineAt = text.indexOf(ENGINE, g);
      int close = engineAt < 0 ? -1 : text.indexOf(']', engineAt);
      if (close < 0) {
        return LineOutcome.malformed("unterminated [policy:... engine:...] group");
      }
      b.policy = text.substring(g + POLICY_GROUP.length(), engineAt);
      engine = text.substring(engineAt + ENGINE.length(), close);
      hasRule = true;
      g = close + 1;
    }
    if (g < text.length()) {
      int last = text.lastIndexOf(']');
      if (!text.startsWith(" [", g) || last < g) {
        return LineOutcome.malformed("unexpected text after the event: '" + clip(text.substring(g)) + "'");
      }
      String group = text.substring(g + 2, last);
      if (group.startsWith("msg:")) {
        msg = group.substring("msg:".length());
      } else {
        int r = group.startsWith(REASON_KEY) ? 0 : group.indexOf(" " + REASON_KEY);
        if (r < 0) {
          reason = ""; // context keys only (unmapped): no reason
        } else {
          reason = group.substring(r == 0 ? REASON_KEY.length() : r + 1 + REASON_KEY.length());
        }
      }
      int msgAt = reason.indexOf("]" + MSG_GROUP);
      if (msgAt >= 0) { // a reason followed by a msg group
        msg = reason.substring(msgAt + 1 + MSG_GROUP.length());
        reason = reason.substring(0, msgAt);
      }
    }
    b.engine = engine;

    // Actor and destination.
    String actor = null;
    String target;
    int arrow = main.indexOf(ARROW);
    if (arrow >= 0) {
      actor = main.substring(0, arrow);
      target = main.substring(arrow + ARROW.length());
    } else if (!http && main.endsWith(")")) {
      actor = main;
      target = "";
    } else {
      target = main;
    }
    if (actor != null && !actor(actor, b)) {
      return LineOutcome.malformed("actor is not NAME(PID): '" + clip(actor) + "'");
    }
    // A [msg:] group on an allowed NET line appears only for status_detail transparent_tcp_allowed (§1.2).
    String text4classify = !http && decision == TrafficVerdict.ALLOW && !msg.isEmpty()
        ? TRANSPARENT_ALLOWED : !reason.isEmpty() ? reason : msg;
    if (http) {
      LineOutcome bad = request(target, b);
      if (bad != null) {
        return bad;
      }
    } else {
      if (target.isEmpty()) {
        return LineOutcome.skipped(LineOutcome.NO_DESTINATION);
      }
      LineOutcome bad = destination(target, b);
      if (bad != null) {
        return bad;
      }
    }
    if (decision == TrafficVerdict.ALLOW && !msg.isEmpty() && EventClassifier.saysAudit(msg)) {
      decision = TrafficVerdict.AUDIT;
    }
    EventKind kind =
        EventClassifier.classify(http, engine, hasRule, actor != null, upgrade, decision, text4classify);
    if (kind == null) {
      return LineOutcome.skipped(LineOutcome.TUNNEL_CLOSED);
    }
    b.kind = kind;
    b.loggedDecision = decision;
    b.reason = reason.isEmpty() ? msg : reason;
    if (decision == TrafficVerdict.DENY && actor != null) {
      b.ancestors = EventClassifier.ancestorsFromReason(reason);
    }
    if (http && EventClassifier.inspectsBody(engine)) {
      BodySummaries.fill(b, engine, b.reason);
    }
    return LineOutcome.event(b);
  }

  /** Where the bracket groups start: the policy group, else a reason or msg group, else the end. */
  private static int firstGroup(String text, int from) {
    int p = text.indexOf(POLICY_GROUP, from);
    if (p >= 0) {
      return p;
    }
    int r = text.indexOf(REASON_GROUP, from);
    int m = text.indexOf(MSG_GROUP, from);
    int first = r < 0 ? m : (m < 0 ? r : Math.min(r, m));
    if (first >= 0) {
      return first;
    }
    // An HTTP context group without a reason key, e.g. " [k:v]" at the end.
    int bracket = text.lastIndexOf(" [");
    return bracket >= from && text.endsWith("]") ? bracket : text.length();
  }

  /** {@code /usr/bin/curl(4242)}; {@code -(0)} is an unresolved binary and leaves binary and pid empty. */
  private static boolean actor(String actor, LogEvent.Builder b) {
    int open = actor.lastIndexOf('(');
    if (open < 0 || !actor.endsWith(")")) {
      return false;
    }
    String name = actor.substring(0, open);
    long pid = parseNonNegative(actor, open + 1, actor.length() - 1);
    if (pid < 0) {
      return false;
    }
    if (!name.isEmpty() && !name.equals("-")) {
      b.binary = name;
    }
    if (pid > 0) {
      b.pid = pid;
    }
    return true;
  }

  /** {@code host:port} (an IPv6 address is written without brackets, so the port follows the last colon). */
  private static LineOutcome destination(String dst, LogEvent.Builder b) {
    int slash = dst.indexOf('/', Math.max(0, dst.lastIndexOf(':')));
    String hostPort = slash >= 0 ? dst.substring(0, slash) : dst; // drop a /<protocol> suffix
    int colon = hostPort.lastIndexOf(':');
    if (colon <= 0) {
      return LineOutcome.skipped(LineOutcome.NO_DESTINATION);
    }
    int port = port(hostPort, colon + 1, hostPort.length());
    if (port < 0) {
      return LineOutcome.malformed("destination port is not a port number: '" + clip(dst) + "'");
    }
    String host = hostPort.substring(0, colon);
    if (host.equals("unknown")) {
      return LineOutcome.skipped(LineOutcome.NO_DESTINATION);
    }
    b.host = unbracket(host);
    b.port = port;
    return null;
  }

  /** {@code METHOD scheme://host[:port]/path}. */
  private static LineOutcome request(String request, LogEvent.Builder b) {
    int space = request.indexOf(' ');
    if (space <= 0) {
      return LineOutcome.malformed("HTTP event without METHOD URL: '" + clip(request) + "'");
    }
    String method = request.substring(0, space);
    String url = request.substring(space + 1);
    int scheme = url.indexOf(SCHEME_SEPARATOR);
    if (scheme <= 0) {
      return LineOutcome.malformed("HTTP event URL has no scheme: '" + clip(url) + "'");
    }
    String schemeName = url.substring(0, scheme).toLowerCase(Locale.ROOT);
    int hostFrom = scheme + SCHEME_SEPARATOR.length();
    int pathFrom = url.indexOf('/', hostFrom);
    String authority = pathFrom < 0 ? url.substring(hostFrom) : url.substring(hostFrom, pathFrom);
    String path = pathFrom < 0 ? "/" : url.substring(pathFrom);
    String host;
    int port;
    int colon = authority.lastIndexOf(':');
    if (colon >= 0 && authority.indexOf(']', colon) < 0) {
      host = authority.substring(0, colon);
      port = port(authority, colon + 1, authority.length());
      if (port < 0) {
        return LineOutcome.malformed("URL port is not a port number: '" + clip(url) + "'");
      }
    } else {
      host = authority;
      // The URL leaves out (http, 80) and (https, 443) (logs spec §1.2).
      port = schemeName.equals("http") ? Port.HTTP.value() : Port.HTTPS.value();
    }
    if (host.isEmpty() || host.equals("unknown") || method.equals("UNKNOWN")) {
      return LineOutcome.skipped(LineOutcome.NO_DESTINATION);
    }
    b.host = unbracket(host);
    b.port = port;
    b.method = method;
    b.path = path;
    return null;
  }

  private static String unbracket(String host) {
    return host.length() > 1 && host.startsWith("[") && host.endsWith("]")
        ? host.substring(1, host.length() - 1) : host;
  }

  /** A non-negative decimal in {@code s[from, to)}, or -1. */
  static long parseNonNegative(String s, int from, int to) {
    if (from >= to || to - from > 18) {
      return -1;
    }
    long v = 0;
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      v = v * 10 + (c - '0');
    }
    return v;
  }

  private static boolean isUpperCaseWord(String token) {
    for (int i = 0; i < token.length(); i++) {
      char c = token.charAt(i);
      if (c < 'A' || c > 'Z') {
        return false;
      }
    }
    return !token.isEmpty();
  }

  /** A port number (1-65535) in {@code s[from, to)}, or -1. */
  static int port(String s, int from, int to) {
    long v = parseNonNegative(s, from, to);
    return v >= 0 && v <= Integer.MAX_VALUE && Port.isValid((int) v) ? (int) v : -1;
  }

  /** A bounded excerpt for a malformed-line message. */
  static String clip(String s) {
    return s.length() <= 60 ? s : s.substring(0, 57) + "...";
  }
}
