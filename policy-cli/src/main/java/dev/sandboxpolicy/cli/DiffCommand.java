package dev.sandboxpolicy.cli;

import dev.sandboxpolicy.io.ReadMode;
import dev.sandboxpolicy.model.Policy;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code policyctl diff}: the structural difference between two policies. */
@Command(
    name = "diff",
    header = "show the structural difference between two policies",
    description = {
      "Compares two policies by meaning, not text (map order and comments do not matter; list order does) and"
          + " prints one line per change:",
      "  ~ version: 1 -> 2              the version changed",
      "  ~ filesystem_policy            a top-level section changed",
      "  + network_policies.pypi        a key was added (- removed)",
      "  ~ network_policies.github      an entry changed, followed by what changed inside it:",
      "      + endpoint uploads.github.com:443",
      "      - binary /usr/bin/curl",
      "Nothing is printed when the policies mean the same. Either file may be '-' (standard input) or the output of"
          + " 'openshell policy get --full'."
    },
    exitCodeList = {
      "0:the policies mean the same",
      "1:they differ, or one is not a valid policy",
      "2:usage or I/O error"
    })
final class DiffCommand extends Subcommand {

  @Parameters(paramLabel = "BEFORE AFTER", arity = "0..*", description = "the two policy files")
  List<String> files = new ArrayList<>();

  @Option(
      names = "--json",
      description = "print {identical, version, sections, network_policies: {added, removed, changed}}")
  boolean json;

  @Mixin ReadModeOption readMode;

  @Override
  int run(Terminal terminal) throws CommandFailure {
    if (files.size() != 2) {
      throw CommandFailure.usage("diff takes two files, BEFORE and AFTER " + helpHint());
    }
    if (files.get(0).equals("-") && files.get(1).equals("-")) {
      throw CommandFailure.usage("only one of BEFORE and AFTER can be standard input");
    }
    ReadMode mode = readMode.mode();
    Policy before = PolicyFiles.load(files.get(0), mode, terminal);
    Policy after = PolicyFiles.load(files.get(1), mode, terminal);
    PolicyComparison comparison = PolicyComparison.of(before, after);
    if (json) {
      terminal.out().println(Json.write(comparison.toJson()));
    } else {
      comparison.lines().forEach(terminal.out()::println);
    }
    return comparison.identical() ? ExitCode.OK : ExitCode.FAILED;
  }
}
