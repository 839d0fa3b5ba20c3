package dev.sandboxpolicy.cli;

import dev.sandboxpolicy.io.PolicyWriter;
import dev.sandboxpolicy.io.ReadMode;
import dev.sandboxpolicy.model.Policy;

/** {@code policyctl fmt}: a policy in canonical YAML. */
final class FmtCommand implements Subcommand {

  @Override
  public String name() {
    return "fmt";
  }

  @Override
  public String summary() {
    return "print a policy in canonical YAML (maps sorted, defaults normalized)";
  }

  @Override
  public String synopsis() {
    return "fmt [FILE] [-o OUT] [--check] [--lenient]";
  }

  @Override
  public String description() {
    return """
        Reads FILE (or $OPENSHELL_SANDBOX_POLICY, or - for standard input) and prints it in canonical YAML:
        every map sorted by key, a single port written as 'port', defaults left out. Two policies with the same
        meaning have the same canonical text and the same 'policyctl hash'. Comments are not kept.
        FILE may be the output of 'openshell policy get --full' (its header is skipped).

        With -o the result is written to OUT atomically (a temporary file moved into place).
        With --check nothing is written: the exit status is 1 when FILE is not already canonical.

        Exit status: 0 ok; 1 FILE is not a valid policy (problems on standard error) or, with --check,
        not canonical; 2 usage or I/O error.""";
  }

  @Override
  public OptionSpec options() {
    return new OptionSpec()
        .value("output", "o", "OUT", "write the canonical YAML to OUT (atomically) instead of standard output")
        .flag("check", "only check: exit 1 when FILE is not in canonical form")
        .flag("lenient", "read like the upstream supervisor: unknown keys are warnings, version optional");
  }

  @Override
  public int run(ParsedArgs args, Terminal terminal) throws CommandFailure {
    if (args.positionals().size() > 1) {
      throw CommandFailure.usage("fmt takes one FILE (see 'policyctl fmt --help')");
    }
    String file =
        PolicyFiles.policyArgument(args.positionals().stream().findFirst(), name(), terminal);
    ReadMode mode = args.flag("lenient") ? ReadMode.LENIENT : ReadMode.STRICT;
    InputDocument document = InputDocument.read(file, terminal);
    Policy policy = PolicyFiles.require(document.name(), PolicyFiles.read(document, mode), terminal);
    String canonical = PolicyWriter.toCanonicalYaml(policy);
    if (args.flag("check")) {
      String original = document.utf8Text().orElse("");
      if (original.equals(canonical)) {
        return ExitCode.OK;
      }
      terminal.err().println(document.name() + ": not in canonical form (run 'policyctl fmt " + file + "')");
      return ExitCode.FAILED;
    }
    if (args.value("output").isPresent()) {
      String out = args.value("output").get();
      AtomicFile.write(terminal.resolve(out), canonical, out);
    } else {
      terminal.out().print(canonical);
    }
    return ExitCode.OK;
  }
}
