package dev.sandboxpolicy.cli;

import dev.sandboxpolicy.io.DocumentFormat;
import dev.sandboxpolicy.matcher.MatcherOptions;
import dev.sandboxpolicy.matcher.PolicyCompileException;
import dev.sandboxpolicy.matcher.PolicyHolder;
import dev.sandboxpolicy.matcher.PolicyWatcher;
import java.io.IOException;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code policyctl serve --stdio}: the JSON Lines protocol for tools that are not on the JVM. */
@Command(
    name = "serve",
    header = "answer JSON requests on standard input, one per line (for editors, CI and non-JVM tools)",
    customSynopsis = "policyctl serve --stdio [--watch FILE [--lenient]] [--max-line-bytes N]",
    description = {
      "Reads one JSON request per line from standard input and writes one JSON response per line to standard"
          + " output, in order, until the end of input (or until standard output is closed). Start with"
          + " {\"op\": \"hello\"} to get the protocol version and the list of operations. A bad line gets"
          + " {\"ok\": false, \"error\": {\"code\": \"bad_request\" | \"unknown_op\", ...}} and the server carries"
          + " on. Nothing but responses is written to standard output. The contract is docs/stdio-protocol.md.",
      "",
      "--watch FILE keeps FILE as the live policy: 'decide' requests without \"policy\" are decided on it. A new"
          + " content is published only once it has stayed unchanged for the debounce interval and passes"
          + " validation (as 'policyctl validate'); until the first valid content every such decision denies."
          + " Writers must replace FILE by rename (policyctl -o does); an in-place writer that pauses mid-write"
          + " can get a truncated policy published. Reloads and refusals are reported on standard error.",
      "",
      "Example:",
      "  echo '{\"op\":\"hello\",\"id\":1}' | policyctl serve --stdio"
    },
    exitCodeList = {"0:at the end of input", "2:usage error or standard input/output failed"})
final class ServeCommand extends Subcommand {

  @Option(names = "--stdio", description = "serve the JSON Lines protocol on standard input and output (required)")
  boolean stdio;

  @Option(
      names = "--watch",
      paramLabel = "FILE",
      description = "the policy 'decide' uses when a request has no \"policy\"; reloaded when FILE changes")
  String watch;

  @Option(
      names = "--max-line-bytes",
      paramLabel = "N",
      description = "the longest request line accepted, in bytes (default ${DEFAULT-VALUE}); longer lines get"
          + " bad_request without being held in memory")
  int maxLineBytes = StdioServer.DEFAULT_MAX_LINE_BYTES;

  @Mixin ReadModeOption readMode;

  @Override
  int run(Terminal terminal) throws CommandFailure {
    if (!stdio) {
      throw CommandFailure.usage("serve needs --stdio (the only transport) " + helpHint());
    }
    if (maxLineBytes <= 0) {
      throw CommandFailure.usage("--max-line-bytes must be positive " + helpHint());
    }
    PolicyWatcher watcher = null;
    PolicyHolder watched = null;
    try {
      if (watch != null) {
        MatcherOptions options = MatcherOptions.fromEnvironmentValue(
            terminal.env(CheckCommand.BINARY_IDENTITY_VARIABLE).orElse(null));
        watched = PolicyHolder.quarantined(options);
        watcher = watcher(terminal.resolve(watch), watched, options, terminal);
        try {
          watcher.start();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw CommandFailure.io("interrupted while loading " + watch);
        }
      }
      StdioServer.withAllOperations(maxLineBytes, watched).serve(terminal.in(), terminal.out());
    } catch (IOException e) {
      throw CommandFailure.io("standard input failed: " + e.getMessage());
    } finally {
      if (watcher != null) {
        watcher.close();
      }
    }
    if (terminal.out().checkError()) {
      throw CommandFailure.io("standard output failed (closed pipe?)");
    }
    return ExitCode.OK;
  }

  /** A watcher that loads FILE exactly as check and decide do, reporting to standard error. */
  private PolicyWatcher watcher(Path file, PolicyHolder holder, MatcherOptions options, Terminal terminal) {
    DocumentFormat format = DocumentFormat.forFileName(watch);
    PolicyWatcher.Loader loader = bytes -> {
      CompiledPolicies.Outcome outcome =
          CompiledPolicies.compile(new InputDocument(watch, bytes, format), readMode.mode(), options);
      if (!outcome.ok()) {
        throw new PolicyCompileException(outcome.problems());
      }
      return outcome.compiled();
    };
    PolicyWatcher.Listener listener = new PolicyWatcher.Listener() {
      @Override
      public void published(long revision, byte[] content) {
        terminal.err().println("policyctl: " + watch + ": revision " + revision + " is live (" + content.length
            + " bytes)");
      }

      @Override
      public void refused(byte[] content, PolicyCompileException problems) {
        synchronized (terminal.err()) {
          ProblemText.print(terminal.err(), watch, problems.problems());
          terminal.err().println("policyctl: " + watch + ": not a valid policy (" + ProblemText.counts(
              problems.problems()) + "); the live revision stays");
        }
      }

      @Override
      public void unreadable(IOException problem) {
        terminal.err().println("policyctl: " + watch + ": " + problem.getMessage() + "; the live revision stays");
      }
    };
    return PolicyWatcher.builder(file, holder, loader).listener(listener).build();
  }
}
