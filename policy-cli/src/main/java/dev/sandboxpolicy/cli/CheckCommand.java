package dev.sandboxpolicy.cli;

import dev.sandboxpolicy.matcher.MatcherOptions;
import dev.sandboxpolicy.matcher.RefusalStatus;
import dev.sandboxpolicy.model.SourceLocation;
import dev.sandboxpolicy.model.SourceMap;
import dev.sandboxpolicy.model.net.Port;
import dev.sandboxpolicy.traffic.input.BoundedLines;
import dev.sandboxpolicy.traffic.input.DecisionRequest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** {@code policyctl check}: network and request decisions against a policy, one or a batch. */
@Command(
    name = "check",
    header = "decide whether a binary may reach a host:port (and send a request), or decide a batch",
    customSynopsis = {
      "policyctl check [POLICY] --host H --port P --binary B [--ancestor A]...",
      "                [--method M --target /path?query [--jsonrpc JSON] [--mcp-protocol-version V]...]",
      "                [OPTIONS]",
      "       policyctl check [POLICY] --requests FILE.jsonl [OPTIONS]"
    },
    description = {
      "Without --method: the network decision. May binary B (or one of its --ancestor binaries) open a connection"
          + " to H:P? With --method and --target: the request decision as well. The target is canonicalized the"
          + " way the proxy does it, then the rules of the matched endpoint decide.",
      "",
      "Destination (SSRF and allowed_ips, spec 3.9): when --host is an IP literal (any spelling a URL parser"
          + " accepts, e.g. 0x7f.1) or --resolved-ip gives the addresses the host resolved to, the decision"
          + " includes the destination checks; otherwise its reason says they are still the proxy's to do.",
      "",
      "The output names the decision, the network-policy entry and the rule that decided (JSON pointer and"
          + " file:line:column), the enforcement mode, and the reason. A request decision is the rule verdict"
          + " before the enforcement mode is applied: a deny under 'enforcement: audit' is logged, not blocked.",
      "",
      "--requests FILE.jsonl decides a batch, one JSON object per line in the shape of the stdio protocol's decide"
          + " request: {\"host\", \"port\", \"binary\", \"ancestors\"?, \"cmdline_paths\"?, \"resolved_ips\"?,"
          + " \"method\"?, \"path\"?, \"query\"?, \"graphql\"?, \"jsonrpc\"?, \"mcp_protocol_version\"?}, where a"
          + " \"target\" string may replace path"
          + " and query. One line of output per request; with --json, one decide response per line with its"
          + " \"line\" number.",
      "",
      "For a JSON-RPC or MCP endpoint, --jsonrpc gives the JSON-RPC view of the body in the same shape as the"
          + " \"jsonrpc\" field: a call {\"method\": \"tools/call\", \"params\": {\"name\": \"search\"}}, a batch"
          + " {\"batch\": true, \"calls\": [...]}, a response frame {\"method\": null, \"has_response\": true} or a"
          + " receive stream {\"method\": null, \"receive_stream\": true}. --mcp-protocol-version gives the request's"
          + " MCP-Protocol-Version header (repeat it for a repeated header; without it the request has none, which"
          + " MCP reads as 2025-03-26). An MCP request outside the endpoint's mcp.versions is refused with 403, a"
          + " repeated, empty or unknown header with 400: the output says which ('status').",
      "",
      "POLICY defaults to $OPENSHELL_SANDBOX_POLICY. Binary identity follows $" + CheckCommand.BINARY_IDENTITY_VARIABLE
          + " as upstream; --no-binary-identity forces endpoint-only mode.",
      "",
      "Example:",
      "  policyctl check examples/policies/sandbox.yaml \\",
      "      --host api.github.com --port 443 --binary /usr/bin/gh"
    },
    exitCodeList = {
      "0:allowed (every request, for --requests)",
      "1:denied, failed closed, or the policy is invalid",
      "2:usage or I/O error, or a malformed request line"
    })
final class CheckCommand extends Subcommand {

  /** Upstream's switch for endpoint-only mode (OpenShell policy language §3.4). */
  static final String BINARY_IDENTITY_VARIABLE = "OPENSHELL_NETWORK_BINARY_IDENTITY";

  @Parameters(paramLabel = "POLICY", arity = "0..*", description = "the policy file (- is standard input)")
  List<String> policies = new ArrayList<>();

  @Option(names = "--host", paramLabel = "H", description = "the destination host, as the client asked for it")
  String host;

  @Option(names = "--port", paramLabel = "P", description = "the destination port")
  String port;

  @Option(names = "--binary", paramLabel = "B", description = "the executable that connects (/proc/PID/exe)")
  String binary;

  @Option(names = "--ancestor", paramLabel = "A", description = "an ancestor executable (parent first; repeatable)")
  List<String> ancestors = new ArrayList<>();

  @Option(
      names = "--cmdline-path",
      paramLabel = "P",
      description = "an absolute path seen in argv (used in messages only; repeatable)")
  List<String> cmdlinePaths = new ArrayList<>();

  @Option(
      names = "--resolved-ip",
      paramLabel = "IP",
      description = "an address the host resolved to (repeatable): the decision then includes the SSRF and"
          + " allowed_ips destination checks (an IP-literal --host is checked without it)")
  List<String> resolvedIps = new ArrayList<>();

  @Option(names = "--method", paramLabel = "M", description = "an HTTP method (or WEBSOCKET_TEXT): also decide the request")
  String method;

  @Option(
      names = "--target",
      paramLabel = "T",
      description = "the request target, e.g. '/repos/acme/x?tag=a' (with --method)")
  String target;

  @Option(
      names = "--jsonrpc",
      paramLabel = "JSON",
      description = "the JSON-RPC view of the body, e.g. '{\"method\": \"tools/list\"}' (with --method)")
  String jsonRpc;

  @Option(
      names = "--mcp-protocol-version",
      paramLabel = "V",
      description = "the request's MCP-Protocol-Version header (with --method; repeatable: a repeated header)")
  List<String> mcpProtocolVersions = new ArrayList<>();

  @Option(
      names = "--requests",
      paramLabel = "FILE",
      description = "decide every request of a JSON Lines file (- is standard input)")
  String requests;

  @Option(names = "--no-binary-identity", description = "endpoint-only mode: any binary may use an allowed endpoint")
  boolean noBinaryIdentity;

  @Option(names = "--json", description = "print the decision as JSON (one object per line for --requests)")
  boolean json;

  @Mixin ReadModeOption readMode;

  @Override
  int run(Terminal terminal) throws CommandFailure {
    if (policies.size() > 1) {
      throw CommandFailure.usage("check takes one POLICY " + helpHint());
    }
    boolean batch = requests != null;
    if (batch) {
      Map<String, Boolean> single = new LinkedHashMap<>();
      single.put("host", host != null);
      single.put("port", port != null);
      single.put("binary", binary != null);
      single.put("ancestor", !ancestors.isEmpty());
      single.put("cmdline-path", !cmdlinePaths.isEmpty());
      single.put("resolved-ip", !resolvedIps.isEmpty());
      single.put("method", method != null);
      single.put("target", target != null);
      single.put("jsonrpc", jsonRpc != null);
      single.put("mcp-protocol-version", !mcpProtocolVersions.isEmpty());
      for (Map.Entry<String, Boolean> given : single.entrySet()) {
        if (given.getValue()) {
          throw CommandFailure.usage("--" + given.getKey() + " cannot be combined with --requests");
        }
      }
    } else {
      required("host", host);
      required("port", port);
      if (!noBinaryIdentity) {
        required("binary", binary);
      }
      if ((method != null) != (target != null)) {
        throw CommandFailure.usage("--method and --target go together " + helpHint());
      }
      if (method == null && (jsonRpc != null || !mcpProtocolVersions.isEmpty())) {
        throw CommandFailure.usage("--jsonrpc and --mcp-protocol-version describe a request: give --method and"
            + " --target too " + helpHint());
      }
    }
    String file = PolicyFiles.policyArgument(policies.stream().findFirst(), name(), terminal);
    if (batch && file.equals("-") && requests.equals("-")) {
      throw CommandFailure.usage("the policy and --requests cannot both be standard input");
    }
    InputDocument document = InputDocument.read(file, terminal);
    CompiledPolicies.Outcome outcome = CompiledPolicies.compile(document, readMode.mode(), options(terminal));
    ProblemText.print(terminal.err(), document.name(), outcome.problems());
    if (!outcome.ok()) {
      throw CommandFailure.invalid(
          document.name() + " is not a valid policy (" + ProblemText.counts(outcome.problems()) + ")",
          outcome.problems());
    }
    SourceMap map = outcome.sourceMap();
    if (batch) {
      return batch(requests, outcome, map, json, terminal);
    }
    DecisionRequest request = single();
    CheckResult result = CheckResult.decide(outcome.compiled(), request);
    if (json) {
      terminal.out().println(Json.write(result.toJson(map)));
    } else {
      print(result, document.name(), map, terminal);
    }
    return result.allowed() ? ExitCode.OK : ExitCode.FAILED;
  }

  private void required(String option, String value) throws CommandFailure {
    if (value == null) {
      throw CommandFailure.usage("--" + option + " is required " + helpHint());
    }
  }

  /** The value of {@code --port}: a TCP port, parsed by {@link Port#tryParse}. */
  private int portNumber() throws CommandFailure {
    return Port.tryParse(port).orElseThrow(() -> CommandFailure.usage("--port must be a port number from "
        + Port.MIN_VALUE + " to " + Port.MAX_VALUE + ", not '" + port + "'")).value();
  }

  private MatcherOptions options(Terminal terminal) {
    if (noBinaryIdentity) {
      return MatcherOptions.defaults().withBinaryIdentity(false);
    }
    return MatcherOptions.fromEnvironmentValue(terminal.env(BINARY_IDENTITY_VARIABLE).orElse(null));
  }

  private DecisionRequest single() throws CommandFailure {
    // A bare node: Json.object() would build Json's mapper, a tenth of a text-mode check's start-up.
    ObjectNode o = JsonNodeFactory.instance.objectNode();
    o.put("host", host);
    o.put("port", portNumber());
    o.put("binary", binary == null ? "" : binary);
    ancestors.forEach(o.putArray("ancestors")::add);
    cmdlinePaths.forEach(o.putArray("cmdline_paths")::add);
    resolvedIps.forEach(o.putArray("resolved_ips")::add);
    if (method != null) {
      o.put("method", method);
      o.put("target", target);
    }
    if (jsonRpc != null) {
      try {
        o.set("jsonrpc", Json.MAPPER.readTree(jsonRpc));
      } catch (JacksonException e) {
        throw CommandFailure.usage("--jsonrpc is not JSON: " + e.getOriginalMessage());
      }
    }
    if (!mcpProtocolVersions.isEmpty()) {
      mcpProtocolVersions.forEach(o.putArray("mcp_protocol_version")::add);
    }
    try {
      return new RequestFields(o).decisionRequest(true);
    } catch (ProtocolError e) {
      throw CommandFailure.usage(e.getMessage());
    }
  }

  private static void print(CheckResult r, String file, SourceMap map, Terminal terminal) {
    var out = terminal.out();
    DecisionRequest q = r.request();
    out.println(r.verdict() + "  " + q.describe());
    if (q.isRequest()) {
      out.println(
          "  network:      "
              + DecisionJson.verdict(r.network())
              + r.network().matchedPolicy().map(k -> " (network policy " + k + ")").orElse(""));
    }
    r.decision().matchedPolicy().ifPresent(k -> out.println("  policy:       " + k));
    if (r.rejected().isEmpty() && !r.decision().rulePointer().isEmpty()) {
      SourceLocation at = r.ruleLocation(map);
      String where = at.line() > 0 ? " (" + file + ":" + at.line() + ":" + at.column() + ")" : "";
      out.println("  rule:         " + r.decision().rulePointer() + where);
    }
    r.decision().enforcement().ifPresent(e -> out.println("  enforcement:  " + e.wireName()));
    if (q.isRequest() && r.rejected().isEmpty()) {
      r.decision().refusalStatus().ifPresent(st -> out.println("  status:       " + st.httpStatus()
          + (st == RefusalStatus.BAD_REQUEST ? " (bad request: the request cannot be checked as sent)" : "")));
    }
    out.println("  reason:       " + r.reason());
  }

  private static int batch(
      String requests, CompiledPolicies.Outcome outcome, SourceMap map, boolean json, Terminal terminal)
      throws CommandFailure {
    boolean malformed = false;
    boolean allAllowed = true;
    try (InputStream in = requests.equals("-") ? terminal.in() : Files.newInputStream(terminal.resolve(requests))) {
      // Same framing as the stdio protocol: bounded lines of strict UTF-8, CRLF accepted.
      BoundedLines lines = new BoundedLines(in, StdioServer.DEFAULT_MAX_LINE_BYTES);
      BoundedLines.Line next;
      int number = 0;
      while ((next = lines.next()) != null) {
        number++;
        String line = next.text();
        if (!next.tooLong() && !next.notUtf8() && line.isBlank()) {
          continue;
        }
        Optional<DecisionRequest> request;
        try {
          if (next.tooLong()) {
            throw ProtocolError.badRequest("line is longer than " + StdioServer.DEFAULT_MAX_LINE_BYTES + " bytes");
          }
          if (next.notUtf8()) {
            throw ProtocolError.badRequest("line is not valid UTF-8");
          }
          request = Optional.of(requestLine(line).decisionRequest(true));
        } catch (ProtocolError e) {
          malformed = true;
          if (json) {
            ObjectNode o = Json.object();
            o.put("line", number);
            o.put("ok", false);
            o.set("error", e.toJson());
            terminal.out().println(Json.write(o));
          } else {
            terminal.err().println(requests + ":" + number + ": error " + e.code() + " " + e.getMessage());
          }
          continue;
        }
        CheckResult r = CheckResult.decide(outcome.compiled(), request.get());
        allAllowed &= r.allowed();
        if (json) {
          ObjectNode o = Json.object();
          o.put("line", number);
          o.put("ok", true);
          o.setAll(r.toJson(map));
          terminal.out().println(Json.write(o));
        } else {
          String key = r.decision().matchedPolicy().orElse("-");
          terminal.out().println(
              String.format("%-5s  %-12s  %s%s", r.verdict(), key, request.get().describe(),
                  r.allowed() ? "" : "  (" + r.reason() + ")"));
        }
      }
    } catch (NoSuchFileException e) {
      throw CommandFailure.io("cannot read " + requests + ": no such file");
    } catch (IOException e) {
      throw CommandFailure.io("cannot read " + requests + ": " + e.getMessage());
    }
    if (malformed) {
      return ExitCode.USAGE;
    }
    return allAllowed ? ExitCode.OK : ExitCode.FAILED;
  }

  private static RequestFields requestLine(String line) throws ProtocolError {
    JsonNode node;
    try {
      node = Json.MAPPER.readTree(line);
    } catch (JacksonException e) {
      throw ProtocolError.badRequest("not JSON: " + e.getOriginalMessage());
    }
    if (node == null || !node.isObject()) {
      throw ProtocolError.badRequest("a request must be a JSON object");
    }
    return new RequestFields((ObjectNode) node);
  }
}
