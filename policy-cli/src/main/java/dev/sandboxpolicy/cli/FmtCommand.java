package dev.sandboxpolicy.cli;

import dev.sandboxpolicy.io.PolicyWriter;
import dev.sandboxpolicy.model.Policy;
import java.util.ArrayList;
import java.util.List;
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
    String canonical = PolicyWriter.toCanonicalYaml(policy);
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
}
