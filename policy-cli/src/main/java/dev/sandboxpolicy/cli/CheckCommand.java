package dev.sandboxpolicy.cli;

import dev.sandboxpolicy.io.ReadMode;
import dev.sandboxpolicy.io.ReadResult;
import dev.sandboxpolicy.matcher.MatcherOptions;
import dev.sandboxpolicy.model.Policy;
import dev.sandboxpolicy.model.SourceLocation;
import dev.sandboxpolicy.model.SourceMap;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** {@code policyctl check}: network and request decisions against a policy, one or a batch. */
final class CheckCommand implements Subcommand {

  /** Upstream's switch for endpoint-only mode (OpenShell policy language §3.4). */
  static final String BINARY_IDENTITY_VARIABLE = "OPENSHELL_NETWORK_BINARY_IDENTITY";

  @Override
  public String name() {
    return "check";
  }

  @Override
  public String summary() {
    return "decide whether a binary may reach a host:port (and send a request), or decide a batch";
  }

  @Override
  public String synopsis() {
    return """
        check [POLICY] --host H --port P --binary B [--ancestor A]... [--method M --target /path?query] [--json]
        check [POLICY] --requests FILE.jsonl [--json]""";
  }

  @Override
  public String description() {
    return """
        Without --method: the network decision. May binary B (or one of its --ancestor binaries) open a
        connection to H:P? With --method and --target: the request decision as well. The target is
        canonicalized the way the proxy does it, then the rules of the matched endpoint decide.
        The output names the decision, the network-policy entry and the rule that decided (JSON pointer and
        file:line:column), the enforcement mode, and the reason. A request decision is the rule verdict
        before the enforcement mode is applied: a deny under 'enforcement: audit' is logged, not blocked.

        --requests FILE.jsonl decides a batch, one JSON object per line in the shape of the stdio protocol's
        decide request: {"host", "port", "binary", "ancestors"?, "cmdline_paths"?, "method"?, "path"?,
        "query"?, "graphql"?, "jsonrpc"?}, where a "target" string may replace path and query. One line of
        output per request; with --json, one decide response per line with its "line" number.

        POLICY defaults to $OPENSHELL_SANDBOX_POLICY. Binary identity follows
        $OPENSHELL_NETWORK_BINARY_IDENTITY as upstream; --no-binary-identity forces endpoint-only mode.

        Example:
          policyctl check examples/policies/sandbox.yaml --host api.github.com --port 443 --binary /usr/bin/gh

        Exit status: 0 allowed (every request, for --requests); 1 denied, failed closed, or the policy is
        invalid; 2 usage or I/O error, or a malformed request line.""";
  }

  @Override
  public OptionSpec options() {
    return new OptionSpec()
        .value("host", "H", "the destination host, as the client asked for it")
        .value("port", "P", "the destination port")
        .value("binary", "B", "the executable that connects (/proc/PID/exe)")
        .repeated("ancestor", "A", "an ancestor executable (parent first; repeatable)")
        .repeated("cmdline-path", "P", "an absolute path seen in argv (used in messages only; repeatable)")
        .value("method", "M", "an HTTP method (or WEBSOCKET_TEXT): also decide the request")
        .value("target", "T", "the request target, e.g. '/repos/acme/x?tag=a' (with --method)")
        .value("requests", "FILE", "decide every request of a JSON Lines file (- is standard input)")
        .flag("no-binary-identity", "endpoint-only mode: any binary may use an allowed endpoint")
        .flag("lenient", "read the policy like the upstream supervisor (unknown keys are warnings)")
        .flag("json", "print the decision as JSON (one object per line for --requests)");
  }

  @Override
  public int run(ParsedArgs args, Terminal terminal) throws CommandFailure {
    if (args.positionals().size() > 1) {
      throw CommandFailure.usage("check takes one POLICY (see 'policyctl check --help')");
    }
    boolean batch = args.value("requests").isPresent();
    if (batch) {
      for (String single : new String[] {"host", "port", "binary", "ancestor", "cmdline-path", "method", "target"}) {
        if (args.given().contains(single)) {
          throw CommandFailure.usage("--" + single + " cannot be combined with --requests");
        }
      }
    } else {
      args.required(name(), "host");
      args.required(name(), "port");
      if (!args.flag("no-binary-identity")) {
        args.required(name(), "binary");
      }
      if (args.value("method").isPresent() != args.value("target").isPresent()) {
        throw CommandFailure.usage("--method and --target go together (see 'policyctl check --help')");
      }
    }
    String file = PolicyFiles.policyArgument(args.positionals().stream().findFirst(), name(), terminal);
    if (batch && file.equals("-") && args.value("requests").get().equals("-")) {
      throw CommandFailure.usage("the policy and --requests cannot both be standard input");
    }
    ReadMode mode = args.flag("lenient") ? ReadMode.LENIENT : ReadMode.STRICT;
    InputDocument document = InputDocument.read(file, terminal);
    ReadResult<Policy> read = PolicyFiles.read(document, mode);
    CompiledPolicies.Outcome outcome = CompiledPolicies.compile(read, options(args, terminal));
    ProblemText.print(terminal.err(), document.name(), outcome.problems());
    if (!outcome.ok()) {
      throw CommandFailure.failed(
          document.name() + " is not a valid policy (" + ProblemText.counts(outcome.problems()) + ")");
    }
    SourceMap map = read.sourceMap();
    if (batch) {
      return batch(args.value("requests").get(), outcome, map, args.flag("json"), terminal);
    }
    DecisionRequest request = single(args);
    CheckResult result = CheckResult.decide(outcome.compiled(), request);
    if (args.flag("json")) {
      terminal.out().println(Json.write(result.toJson(map)));
    } else {
      print(result, document.name(), map, terminal);
    }
    return result.allowed() ? ExitCode.OK : ExitCode.FAILED;
  }

  private static MatcherOptions options(ParsedArgs args, Terminal terminal) {
    if (args.flag("no-binary-identity")) {
      return MatcherOptions.defaults().withBinaryIdentity(false);
    }
    return MatcherOptions.fromEnvironmentValue(terminal.env(BINARY_IDENTITY_VARIABLE).orElse(null));
  }

  private static DecisionRequest single(ParsedArgs args) throws CommandFailure {
    ObjectNode o = Json.object();
    o.put("host", args.value("host").orElseThrow());
    o.put("port", args.port("port").orElseThrow());
    o.put("binary", args.value("binary").orElse(""));
    args.values("ancestor").forEach(o.putArray("ancestors")::add);
    args.values("cmdline-path").forEach(o.putArray("cmdline_paths")::add);
    args.value("method").ifPresent(m -> o.put("method", m));
    args.value("target").ifPresent(t -> o.put("target", t));
    try {
      return DecisionRequest.decode(new RequestFields(o), true);
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
    out.println("  reason:       " + r.reason());
  }

  private static int batch(
      String requests, CompiledPolicies.Outcome outcome, SourceMap map, boolean json, Terminal terminal)
      throws CommandFailure {
    boolean malformed = false;
    boolean allAllowed = true;
    try (InputStream in = requests.equals("-") ? terminal.in() : Files.newInputStream(terminal.resolve(requests));
        InputStreamReader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
      // Same framing as the stdio protocol: bounded lines, CRLF accepted.
      RequestLines lines = new RequestLines(reader, StdioServer.MAX_LINE_CHARS);
      RequestLines.Line next;
      int number = 0;
      while ((next = lines.next()) != null) {
        number++;
        String line = next.text();
        if (!next.tooLong() && line.isBlank()) {
          continue;
        }
        Optional<DecisionRequest> request;
        try {
          if (next.tooLong()) {
            throw ProtocolError.badRequest("line is longer than " + StdioServer.MAX_LINE_CHARS + " characters");
          }
          request = Optional.of(DecisionRequest.decode(requestLine(line), true));
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
