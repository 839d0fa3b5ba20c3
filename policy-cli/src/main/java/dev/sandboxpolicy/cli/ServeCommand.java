package dev.sandboxpolicy.cli;

import java.io.IOException;

/** {@code policyctl serve --stdio}: the JSON Lines protocol for tools that are not on the JVM. */
final class ServeCommand implements Subcommand {

  @Override
  public String name() {
    return "serve";
  }

  @Override
  public String summary() {
    return "answer JSON requests on standard input, one per line (for editors, CI and non-JVM tools)";
  }

  @Override
  public String synopsis() {
    return "serve --stdio";
  }

  @Override
  public String description() {
    return """
        Reads one JSON request per line from standard input and writes one JSON response per line to
        standard output, in order, until the end of input. Start with {"op": "hello"} to get the protocol
        version and the list of operations (validate, decide, canonicalize, merge, remove, check_preset_name,
        classify_address, redact_host, explain, classify_failure). A bad line gets
        {"ok": false, "error": {"code": "bad_request" | "unknown_op", ...}} and the server carries on.
        Nothing but responses is written to standard output. The contract is docs/stdio-protocol.md.

        Example:
          echo '{"op":"hello","id":1}' | policyctl serve --stdio

        Exit status: 0 at the end of input; 2 usage error or standard input/output failed.""";
  }

  @Override
  public OptionSpec options() {
    return new OptionSpec().flag("stdio", "serve the JSON Lines protocol on standard input and output (required)");
  }

  @Override
  public int run(ParsedArgs args, Terminal terminal) throws CommandFailure {
    if (!args.flag("stdio")) {
      throw CommandFailure.usage("serve needs --stdio (the only transport) (see 'policyctl serve --help')");
    }
    if (!args.positionals().isEmpty()) {
      throw CommandFailure.usage("serve takes no arguments");
    }
    try {
      StdioServer.withAllOperations().serve(terminal.in(), terminal.out());
    } catch (IOException e) {
      throw CommandFailure.io("standard input failed: " + e.getMessage());
    }
    if (terminal.out().checkError()) {
      throw CommandFailure.io("standard output failed (closed pipe?)");
    }
    return ExitCode.OK;
  }
}
