package dev.sandboxpolicy.cli;

import dev.sandboxpolicy.io.ReadMode;
import dev.sandboxpolicy.model.Policy;

/** {@code policyctl diff}: the structural difference between two policies. */
final class DiffCommand implements Subcommand {

  @Override
  public String name() {
    return "diff";
  }

  @Override
  public String summary() {
    return "show the structural difference between two policies";
  }

  @Override
  public String synopsis() {
    return "diff BEFORE AFTER [--json] [--lenient]";
  }

  @Override
  public String description() {
    return """
        Compares two policies by meaning, not text (map order and comments do not matter; list order does)
        and prints one line per change:
          ~ version: 1 -> 2              the version changed
          ~ filesystem_policy            a top-level section changed
          + network_policies.pypi        a key was added (- removed)
          ~ network_policies.github      an entry changed, followed by what changed inside it:
              + endpoint uploads.github.com:443
              - binary /usr/bin/curl
        Nothing is printed when the policies mean the same. Either file may be '-' (standard input) or the
        output of 'openshell policy get --full'.

        Exit status: 0 the policies mean the same; 1 they differ, or one is not a valid policy;
        2 usage or I/O error.""";
  }

  @Override
  public OptionSpec options() {
    return new OptionSpec()
        .flag("json", "print {identical, version, sections, network_policies: {added, removed, changed}}")
        .flag("lenient", "read like the upstream supervisor: unknown keys are warnings, version optional");
  }

  @Override
  public int run(ParsedArgs args, Terminal terminal) throws CommandFailure {
    if (args.positionals().size() != 2) {
      throw CommandFailure.usage("diff takes two files, BEFORE and AFTER (see 'policyctl diff --help')");
    }
    if (args.positionals().get(0).equals("-") && args.positionals().get(1).equals("-")) {
      throw CommandFailure.usage("only one of BEFORE and AFTER can be standard input");
    }
    ReadMode mode = args.flag("lenient") ? ReadMode.LENIENT : ReadMode.STRICT;
    Policy before = PolicyFiles.load(args.positionals().get(0), mode, terminal);
    Policy after = PolicyFiles.load(args.positionals().get(1), mode, terminal);
    PolicyComparison comparison = PolicyComparison.of(before, after);
    if (args.flag("json")) {
      terminal.out().println(Json.write(comparison.toJson()));
    } else {
      comparison.lines().forEach(terminal.out()::println);
    }
    return comparison.identical() ? ExitCode.OK : ExitCode.FAILED;
  }
}
