/**
 * {@code policyctl}, the command line of the sandbox policy library, and its JSON Lines protocol.
 *
 * <p>The only public types are {@link dev.sandboxpolicy.cli.Policyctl} (the entry point: {@code main} for the
 * process, {@code run} for in-process use with your own streams) and {@link dev.sandboxpolicy.cli.ExitCode}.
 * Everything else is package-private: the picocli command tree ({@code PolicyctlCommand} at the root, one
 * {@code Subcommand} class per subcommand: {@code ValidateCommand}, {@code CheckCommand}, {@code PresetLayerCommand}
 * for merge and remove, {@code ExplainCommand}, {@code PresetsCommand}, {@code DiffCommand}, {@code HashCommand},
 * {@code FmtCommand}, {@code ServeCommand}, {@code LspCommand}, {@code CompletionCommand}, {@code ManCommand},
 * {@code HelpCommand}), the stdio server ({@code StdioServer}) with one class per protocol operation, and the
 * language server on LSP4J ({@code PolicyLanguageServer}, {@code PolicyTextDocuments} and the {@code Language*}
 * features).
 *
 * <p>Rules every command follows: results on standard output, problems and errors on standard error, exit
 * status 0 (ok), 1 (invalid policy, denied request, a difference) or 2 (usage or I/O error), and never a stack
 * trace. See {@code docs/cli.md} and {@code docs/stdio-protocol.md}.
 */
package dev.sandboxpolicy.cli;
