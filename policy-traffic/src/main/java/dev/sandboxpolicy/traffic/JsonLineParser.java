package dev.sandboxpolicy.traffic;

import dev.sandboxpolicy.matcher.CanonicalTarget;
import dev.sandboxpolicy.matcher.NetworkRequest;
import dev.sandboxpolicy.matcher.RequestTargetException;
import dev.sandboxpolicy.model.WireNamed;
import dev.sandboxpolicy.model.net.Port;
import dev.sandboxpolicy.traffic.input.DecisionRequest;
import dev.sandboxpolicy.traffic.input.JsonFields;
import dev.sandboxpolicy.traffic.input.MalformedRequestException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Parses a JSON line: an OCSF event of the supervisor's JSON Lines file (logs spec §1.6; keys sorted, absent fields
 * omitted) or a request line of this library's own JSON Lines (the {@code decide} request shape of the stdio
 * protocol, as {@code policyctl check --requests} reads it, plus an optional logged {@code decision}).
 */
final class JsonLineParser {

  private static final ObjectMapper MAPPER = JsonMapper.builder().build();

  /** OCSF classes (logs spec §1.2): Network Activity and HTTP Activity are the decisions. */
  private static final int CLASS_NETWORK = 4001;
  private static final int CLASS_HTTP = 4002;
  /** OCSF action ids (logs spec §1.5): 1 Allowed, 2 Denied, 99 Other (a WebSocket {@code allow_upgrade}). */
  private static final int ACTION_ALLOWED = 1;
  private static final int ACTION_DENIED = 2;
  private static final int ACTION_OTHER = 99;

  /** The verdict {@code check --json} writes for a decision that failed closed. */
  private static final String ERROR_DECISION = "error";

  private JsonLineParser() {}

  static LineOutcome parse(String text, LogEvent.Builder b) {
    JsonNode node;
    try {
      node = MAPPER.readTree(text);
    } catch (JacksonException e) {
      return LineOutcome.malformed("not JSON: " + e.getOriginalMessage());
    }
    if (node == null || !node.isObject()) {
      return LineOutcome.malformed("a JSON line must be an object");
    }
    if (node.has("class_uid")) {
      b.format = LogFormat.OCSF_JSONL;
      return ocsf(node, b);
    }
    if (node.has("host")) {
      b.format = LogFormat.REQUEST_JSONL;
      return request(node, b);
    }
    return LineOutcome.malformed("JSON object is neither an OCSF event (class_uid) nor a request (host)");
  }

  // ------------------------------------------------------------------------------------------- OCSF

  private static LineOutcome ocsf(JsonNode e, LogEvent.Builder b) {
    JsonNode classUid = e.get("class_uid");
    if (!classUid.isIntegralNumber()) {
      return LineOutcome.malformed("class_uid is not an integer");
    }
    int cls = classUid.intValue();
    if (cls != CLASS_NETWORK && cls != CLASS_HTTP) {
      return LineOutcome.skipped(LineOutcome.NOT_A_DECISION);
    }
    boolean http = cls == CLASS_HTTP;
    JsonNode time = e.get("time");
    if (time != null && time.isIntegralNumber()) {
      b.timeMillis = time.longValue();
    }
    JsonNode actionId = e.get("action_id");
    int action = actionId != null && actionId.isIntegralNumber() ? actionId.intValue() : -1;
    TrafficVerdict decision;
    boolean upgrade = false;
    switch (action) {
      case ACTION_ALLOWED -> decision = TrafficVerdict.ALLOW;
      case ACTION_DENIED -> decision = TrafficVerdict.DENY;
      case ACTION_OTHER -> {
        decision = TrafficVerdict.ALLOW;
        upgrade = true;
      }
      default -> {
        return LineOutcome.skipped(LineOutcome.NOT_A_DECISION);
      }
    }
    b.sandbox = string(e.path("container").path("uid"));
    String message = orEmpty(string(e.get("message")));
    String detail = orEmpty(string(e.get("status_detail")));
    String reason = detail.isEmpty() ? message : detail;
    JsonNode rule = e.get("firewall_rule");
    boolean hasRule = rule != null && rule.isObject();
    String engine = hasRule ? orEmpty(string(rule.get("type"))) : "";
    if (hasRule) {
      b.policy = string(rule.get("name"));
    }
    JsonNode process = e.path("actor").path("process");
    boolean hasActor = process.isObject();
    if (hasActor) {
      String name = string(process.get("name"));
      if (name != null && !name.isEmpty() && !name.equals("-")) {
        b.binary = name;
      }
      JsonNode pid = process.get("pid");
      if (pid != null && pid.isIntegralNumber() && pid.longValue() > 0) {
        b.pid = pid.longValue();
      }
      b.ancestors = ancestors(process.get("parent_process"));
    }
    JsonNode dst = e.get("dst_endpoint");
    String host = dst == null ? null : string(dst.get("domain"));
    if (host == null && dst != null) {
      host = string(dst.get("ip"));
    }
    int port = dst == null ? -1 : port(dst.get("port"));
    if (http) {
      JsonNode request = e.get("http_request");
      String method = request == null ? null : string(request.get("http_method"));
      JsonNode url = request == null ? null : request.get("url");
      if (url != null) {
        if (host == null) {
          host = string(url.get("hostname"));
        }
        if (port < 0) {
          port = port(url.get("port"));
        }
        b.path = string(url.get("path"));
      }
      if (method == null || method.isEmpty()) {
        return LineOutcome.skipped(LineOutcome.NO_DESTINATION);
      }
      b.method = method;
    }
    if (host == null || host.isEmpty() || port < 0) {
      return LineOutcome.skipped(LineOutcome.NO_DESTINATION);
    }
    b.host = host;
    b.port = port;
    if (decision == TrafficVerdict.ALLOW && EventClassifier.saysAudit(message)) {
      decision = TrafficVerdict.AUDIT;
    }
    String classifyText = detail.startsWith("transparent_tcp_") ? detail : message.isEmpty() ? detail : message;
    EventKind kind = EventClassifier.classify(http, engine, hasRule, hasActor, upgrade, decision, classifyText);
    if (kind == null) {
      return LineOutcome.skipped(LineOutcome.TUNNEL_CLOSED);
    }
    b.kind = kind;
    b.loggedDecision = decision;
    b.engine = engine;
    b.reason = reason;
    if (b.ancestors == null && decision == TrafficVerdict.DENY) {
      b.ancestors = EventClassifier.ancestorsFromReason(reason);
    }
    if (http && EventClassifier.inspectsBody(engine)) {
      BodySummaries.fill(b, engine, message);
    }
    return LineOutcome.event(b);
  }

  /** The {@code parent_process} chain, parent first; a lone {@code -} parent means none. */
  private static List<String> ancestors(JsonNode parent) {
    List<String> out = new ArrayList<>();
    for (JsonNode p = parent; p != null && p.isObject(); p = p.get("parent_process")) {
      String name = string(p.get("name"));
      if (name != null && !name.isEmpty() && !name.equals("-")) {
        out.add(name);
      }
    }
    return out;
  }

  // ------------------------------------------------------------------------------------------- requests

  /**
   * A request line: the request object as {@code check --requests} and the stdio {@code decide} read it (one
   * decoder, {@link DecisionRequest}), plus what was logged about it: {@code decision}, {@code matched_policy} (or
   * {@code policy}), {@code reason}, {@code engine} and {@code time}. A raw {@code target} is canonicalized here,
   * keeping an encoded slash; the decision refuses it on an endpoint without {@code allow_encoded_slash}.
   */
  private static LineOutcome request(JsonNode r, LogEvent.Builder b) {
    b.kind = EventKind.REQUEST;
    DecisionRequest request;
    try {
      request = DecisionRequest.decode(new JsonFields((ObjectNode) r), true);
    } catch (MalformedRequestException e) {
      return LineOutcome.malformed(e.getMessage());
    }
    NetworkRequest connection = request.connection();
    if (connection.host().isEmpty()) {
      return LineOutcome.malformed("'host' must be a non-empty string");
    }
    b.host = connection.host();
    b.port = connection.port();
    b.binary = connection.binary().isEmpty() ? null : connection.binary();
    b.ancestors = connection.ancestors(); // the request says everything about the caller: absent means none
    b.cmdlinePaths = connection.cmdlinePaths();
    b.resolvedAddresses = connection.resolvedAddresses();
    String decision = string(r.get("decision"));
    if (decision == null) {
      b.loggedDecision = TrafficVerdict.UNKNOWN;
    } else {
      String d = decision.toLowerCase(Locale.ROOT);
      // "error" is the check --json spelling of a decision that failed closed: a denial.
      TrafficVerdict v = d.equals(ERROR_DECISION) ? TrafficVerdict.DENY
          : WireNamed.fromWireName(TrafficVerdict.class, d).filter(x -> x != TrafficVerdict.UNKNOWN).orElse(null);
      if (v == null) {
        return LineOutcome.malformed("'decision' must be allow, audit or deny, not '" + decision + "'");
      }
      b.loggedDecision = v;
    }
    b.policy = string(r.has("matched_policy") ? r.get("matched_policy") : r.get("policy"));
    b.reason = string(r.get("reason"));
    b.engine = string(r.get("engine"));
    JsonNode time = r.get("time");
    if (time != null && !time.isNull()) {
      if (time.isIntegralNumber()) {
        b.timeMillis = time.longValue();
      } else if (time.isString()) {
        try {
          b.timeMillis = Instant.parse(time.stringValue()).toEpochMilli();
        } catch (DateTimeParseException e) {
          return LineOutcome.malformed("'time' is not an ISO-8601 instant: '" + time.stringValue() + "'");
        }
      } else {
        return LineOutcome.malformed("'time' must be epoch milliseconds or an ISO-8601 string");
      }
    }
    if (!request.isRequest()) {
      return LineOutcome.event(b);
    }
    b.method = request.method().get();
    if (request.target().isPresent()) {
      try {
        CanonicalTarget t = CanonicalTarget.parse(request.target().get(), true);
        b.path = t.path();
        b.query = t.query();
      } catch (RequestTargetException e) {
        return LineOutcome.malformed("'target' is rejected (" + e.code() + "): " + e.getMessage());
      }
    } else {
      b.path = request.path();
      b.query = request.query();
    }
    b.graphql = request.graphql().orElse(null);
    b.jsonRpc = request.jsonRpc().orElse(null);
    b.mcpProtocolVersionHeaders = request.mcpProtocolVersion();
    return LineOutcome.event(b);
  }

  // ------------------------------------------------------------------------------------------- values

  private static String string(JsonNode n) {
    return n != null && n.isString() ? n.stringValue() : null;
  }

  private static String orEmpty(String s) {
    return s == null ? "" : s;
  }

  private static int port(JsonNode n) {
    if (n == null || !n.isIntegralNumber() || !n.canConvertToInt()) {
      return -1;
    }
    return Port.isValid(n.intValue()) ? n.intValue() : -1;
  }

}
