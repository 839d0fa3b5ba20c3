package dev.sandboxpolicy.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code policyctl schema}: the JSON Schema of a kind of document, as shipped with the library. */
@Command(
    name = "schema",
    header = "print the JSON Schema of policies, presets or blueprints",
    description = {
      "Prints the JSON Schema (draft 2020-12) that validate checks a kind of document against, the one the library"
          + " ships, for an editor or another tool to use offline:",
      "  policyctl schema > policy.schema.json",
      "  policyctl schema --kind preset > preset.schema.json",
      "Its $id names the published copy; see docs/editors.md."
    },
    exitCodeList = {"0:ok", "2:usage error (an unknown kind)"})
final class SchemaCommand extends Subcommand {

  @Mixin KindOption kind;

  @Override
  int run(Terminal terminal) throws CommandFailure {
    String text = kind.kind().schemaText();
    terminal.out().print(text.endsWith("\n") ? text : text + "\n");
    return ExitCode.OK;
  }
}
