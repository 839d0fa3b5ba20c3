package dev.sandboxpolicy.cli;

import dev.sandboxpolicy.analysis.Comparison;
import dev.sandboxpolicy.analysis.Containment;
import dev.sandboxpolicy.analysis.Origin;
import dev.sandboxpolicy.analysis.Region;
import dev.sandboxpolicy.analysis.Surprise;
import dev.sandboxpolicy.analysis.Witness;
import dev.sandboxpolicy.matcher.L7Request;
import dev.sandboxpolicy.matcher.NetworkRequest;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The JSON of the analysis results, shared by {@code policyctl prove/diff --semantic/lint --json} and the stdio
 * {@code prove}, {@code compare} and {@code lint} operations (docs/stdio-protocol.md). A network witness is written
 * as the {@code request} object of {@code decide}, so a tool can feed it back to {@code decide}.
 */
final class AnalysisJson {
  private AnalysisJson() {}

  /** The {@code decide} request object of a connection or request. */
  static ObjectNode request(Witness.Network w) {
    NetworkRequest c = w.connection();
    ObjectNode o = Json.object();
    o.put("host", c.host());
    o.put("port", c.port());
    o.put("binary", c.binary());
    ArrayNode ancestors = o.putArray("ancestors");
    c.ancestors().forEach(ancestors::add);
    ArrayNode cmdline = o.putArray("cmdline_paths");
    c.cmdlinePaths().forEach(cmdline::add);
    if (!c.resolvedAddresses().isEmpty()) {
      ArrayNode resolved = o.putArray("resolved_ips");
      c.resolvedAddresses().forEach(ip -> resolved.add(ip.toString()));
    }
    if (w.request().isPresent()) {
      L7Request r = w.request().get();
      o.put("method", r.method());
      o.put("path", r.path());
      ObjectNode query = o.putObject("query");
      for (Map.Entry<String, List<String>> e : r.query().entrySet()) {
        ArrayNode values = query.putArray(e.getKey());
        e.getValue().forEach(values::add);
      }
    }
    return o;
  }

  /** A witness: the {@code decide} request object for the network, the static grant otherwise. */
  static ObjectNode witness(Witness w) {
    if (w instanceof Witness.Network n) {
      return request(n);
    }
    ObjectNode o = Json.object();
    if (w instanceof Witness.Filesystem f) {
      o.put("access", f.access());
      o.put("path", f.path());
    } else if (w instanceof Witness.Process p) {
      o.put("field", p.field());
      o.put("boundary", p.boundary());
      o.put("candidate", p.candidate());
    } else if (w instanceof Witness.Landlock l) {
      o.put("boundary", l.boundary());
      o.put("candidate", l.candidate());
    }
    return o;
  }

  static ObjectNode origin(Origin origin) {
    ObjectNode o = Json.object();
    o.put("outcome", origin.outcome().wireName());
    if (origin.entry().isPresent()) {
      o.put("entry", origin.entry().get());
    } else {
      o.putNull("entry");
    }
    o.put("pointer", origin.pointer());
    Json.position(o, origin.location().line(), origin.location().column());
    o.put("reason", origin.reason());
    return o;
  }

  private static JsonNode originOrNull(Optional<Origin> origin) {
    return origin.isPresent() ? origin(origin.get()) : Json.MAPPER.nullNode();
  }

  /** The fields of a {@code prove} answer: result, domain, counterexample, what each policy does, unsupported. */
  static void containment(Containment c, ObjectNode o) {
    o.put("result", c.result().wireName());
    if (c.counterexample().isPresent()) {
      o.put("domain", c.counterexample().get().domain());
      o.set("counterexample", witness(c.counterexample().get()));
    } else {
      o.putNull("domain");
      o.putNull("counterexample");
    }
    o.set("boundary", originOrNull(c.boundary()));
    o.set("candidate", originOrNull(c.candidate()));
    strings(o.putArray("unsupported"), c.unsupported());
  }

  static ObjectNode region(Region r) {
    ObjectNode o = Json.object();
    o.put("layer", r.layer());
    o.put("domain", r.witness().domain());
    o.set("witness", witness(r.witness()));
    o.set("before", origin(r.before()));
    o.set("after", origin(r.after()));
    ObjectNode scope = o.putObject("scope");
    strings(scope.putArray("binaries"), r.scope().binaries());
    scope.put("host", r.scope().host());
    ArrayNode ports = scope.putArray("ports");
    r.scope().ports().forEach(ports::add);
    scope.put("method", r.scope().method());
    scope.put("path", r.scope().path());
    return o;
  }

  /** The fields of a {@code compare} answer: relation, widened, narrowed, unsupported. */
  static void comparison(Comparison c, ObjectNode o) {
    o.put("relation", c.relation().wireName());
    ArrayNode widened = o.putArray("widened");
    c.widened().forEach(r -> widened.add(region(r)));
    ArrayNode narrowed = o.putArray("narrowed");
    c.narrowed().forEach(r -> narrowed.add(region(r)));
    strings(o.putArray("unsupported"), c.unsupported());
  }

  static ArrayNode surprises(List<Surprise> surprises) {
    ArrayNode a = Json.MAPPER.createArrayNode();
    for (Surprise s : surprises) {
      ObjectNode o = a.addObject();
      o.put("kind", s.kind().wireName());
      o.put("pointer", s.pointer());
      Json.position(o, s.location().line(), s.location().column());
      o.put("pattern", s.pattern());
      if (s.witness().isPresent()) {
        o.set("request", request(s.witness().get()));
      } else {
        o.putNull("request");
      }
      o.put("probe", s.request());
      o.put("outcome", s.outcome());
      o.put("explanation", s.explanation());
    }
    return a;
  }

  private static void strings(ArrayNode a, List<String> values) {
    values.forEach(a::add);
  }
}
