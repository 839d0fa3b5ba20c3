package dev.sandboxpolicy.cli;

import dev.sandboxpolicy.io.PolicyWriter;
import dev.sandboxpolicy.model.Policy;
import dev.sandboxpolicy.schema.DocumentKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code policyctl fmt}: a policy in canonical YAML. */
@Command(
    name = "fmt",
    header = "print a policy in canonical YAML (maps sorted, defaults normalized)",
    description = {
      "Reads FILE (or $OPENSHELL_SANDBOX_POLICY, or - for standard input) and prints it in canonical YAML: every map"
          + " sorted by key, a single port written as 'port', defaults left out. Two policies with the same meaning"
          + " have the same canonical text and the same 'policyctl hash'. Comments are not kept. FILE may be the"
          + " output of 'openshell policy get --full' (its header is skipped).",
      "",
      "A first line '" + FmtCommand.SCHEMA_MODELINE_PREFIX + "URL' (which tells yaml-language-server the"
          + " document's JSON Schema) is kept. --modeline adds one naming the published policy schema, "
          + "when FILE has none.",
      "",
      "With -o the result is written to OUT atomically (a temporary file moved into place). With --check nothing is"
          + " written: the exit status is 1 when FILE is not already canonical."
    },
    exitCodeList = {
      "0:ok",
      "1:FILE is not a valid policy (problems on standard error) or, with --check, not canonical",
      "2:usage or I/O error"
    })
final class FmtCommand extends Subcommand {

  @Parameters(paramLabel = "FILE", arity = "0..*", description = "the policy file (- is standard input)")
  List<String> files = new ArrayList<>();

  @Option(names = "--check", description = "only check: exit 1 when FILE is not in canonical form")
  boolean check;

  /**
   * The comment that names a document's JSON Schema for yaml-language-server (and its kind for
   * {@code policyctl lsp}): {@code # yaml-language-server: $schema=https://sandboxpolicy.dev/schema/policy-1.json}.
   */
  static final String SCHEMA_MODELINE_PREFIX = "# yaml-language-server: $schema=";

  @Option(
      names = "--modeline",
      description = "start the output with '" + SCHEMA_MODELINE_PREFIX + "URL' naming the published policy schema"
          + " (when FILE has no such line; one it has is kept)")
  boolean modeline;

  @Mixin OutputOption output;

  @Mixin ReadModeOption readMode;

  @Override
  int run(Terminal terminal) throws CommandFailure {
    if (files.size() > 1) {
      throw CommandFailure.usage("fmt takes one FILE " + helpHint());
    }
    String file = PolicyFiles.policyArgument(files.stream().findFirst(), name(), terminal);
    InputDocument document = InputDocument.read(file, terminal);
    Policy policy = PolicyFiles.require(document.name(), PolicyFiles.read(document, readMode.mode()), terminal);
    String canonical = canonicalText(policy, document.utf8Text().orElse(""), modeline);
    if (check) {
      String original = document.utf8Text().orElse("");
      if (original.equals(canonical)) {
        return ExitCode.OK;
      }
      terminal.err().println(document.name() + ": not in canonical form (run 'policyctl fmt " + file + "')");
      return ExitCode.FAILED;
    }
    if (output.file().isPresent()) {
      String out = output.file().get();
      AtomicFile.write(terminal.resolve(out), canonical, out);
    } else {
      terminal.out().print(canonical);
    }
    return ExitCode.OK;
  }

  /**
   * What {@code fmt} prints for {@code policy} read from {@code original}: the canonical YAML, after the schema
   * modeline {@code original} starts with, or (when {@code addModeline}) one naming the published policy schema.
   */
  static String canonicalText(Policy policy, String original, boolean addModeline) {
    String canonical = PolicyWriter.toCanonicalYaml(policy);
    Optional<String> kept = modeline(original);
    if (kept.isPresent()) {
      return kept.get() + "\n" + canonical;
    }
    return addModeline ? SCHEMA_MODELINE_PREFIX + DocumentKind.POLICY.schemaId() + "\n" + canonical : canonical;
  }

  /** The schema modeline {@code text} starts with (its first line, without the line break), if any. */
  static Optional<String> modeline(String text) {
    int end = text.indexOf('\n');
    String first = (end < 0 ? text : text.substring(0, end)).stripTrailing();
    return first.startsWith(SCHEMA_MODELINE_PREFIX) ? Optional.of(first) : Optional.empty();
  }
}
