package dev.sandboxpolicy.cli;

import java.io.IOException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code policyctl serve --stdio}: the JSON Lines protocol for tools that are not on the JVM. */
@Command(
    name = "serve",
    header = "answer JSON requests on standard input, one per line (for editors, CI and non-JVM tools)",
    customSynopsis = "policyctl serve --stdio",
    description = {
      "Reads one JSON request per line from standard input and writes one JSON response per line to standard"
          + " output, in order, until the end of input. Start with {\"op\": \"hello\"} to get the protocol version"
          + " and the list of operations. A bad line gets {\"ok\": false, \"error\": {\"code\": \"bad_request\" |"
          + " \"unknown_op\", ...}} and the server carries on. Nothing but responses is written to standard output."
          + " The contract is docs/stdio-protocol.md.",
      "",
      "Example:",
      "  echo '{\"op\":\"hello\",\"id\":1}' | policyctl serve --stdio"
    },
    exitCodeList = {"0:at the end of input", "2:usage error or standard input/output failed"})
final class ServeCommand extends Subcommand {

  @Option(names = "--stdio", description = "serve the JSON Lines protocol on standard input and output (required)")
  boolean stdio;

  @Override
  int run(Terminal terminal) throws CommandFailure {
    if (!stdio) {
      throw CommandFailure.usage("serve needs --stdio (the only transport) " + helpHint());
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
