package dev.sandboxpolicy.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code policyctl lsp}: the language server, for editors. */
@Command(
    name = "lsp",
    header = "run the language server (LSP over standard input and output) for editors",
    customSynopsis = "policyctl lsp [--stdio]",
    description = {
      "Speaks the Language Server Protocol on standard input and output until the editor sends 'exit' (or closes"
          + " standard input). Editors start it themselves; see docs/editors.md for VS Code, Neovim, IntelliJ and"
          + " Helix.",
      "",
      "For each open policy, preset or blueprint it reports what 'policyctl validate' reports (same codes, lines,"
          + " columns and messages; LSP code = the problem code), plus the lint warnings of a valid policy. Hover"
          + " and completion come from the language reference in the JSON Schemas; quick fixes rename unknown keys"
          + " ('did you mean') and fix common mistakes; formatting is 'policyctl fmt'.",
      "",
      "Initialization options: {\"legacyTolerant\": true} (alias \"lenient\") reads like --legacy-tolerant;"
          + " {\"debounceMillis\": N} sets the pause after a change before the document is checked (default "
          + DiagnosticsScheduler.DEFAULT_DEBOUNCE_MILLIS + ")."
    },
    exitCodeList = {
      "0:the editor sent shutdown, then exit",
      "1:exit (or the end of input) came without shutdown",
      "2:usage error"
    })
final class LspCommand extends Subcommand {

  @Option(names = "--stdio", description = "use standard input and output (the default and only transport)")
  boolean stdio;

  @Override
  int run(Terminal terminal) throws CommandFailure {
    return PolicyLanguageServer.serve(terminal.in(), terminal.out());
  }
}
