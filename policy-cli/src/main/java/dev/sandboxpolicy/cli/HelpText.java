package dev.sandboxpolicy.cli;

import java.util.List;

/** Renders {@code --help} for the program and for each subcommand. */
final class HelpText {

  private static final int OPTION_COLUMN = 28;

  private HelpText() {}

  /** The help of one subcommand: usage, description, options. */
  static String of(Subcommand command) {
    StringBuilder b = new StringBuilder();
    b.append("Usage: ");
    String[] lines = command.synopsis().split("\n");
    for (int i = 0; i < lines.length; i++) {
      b.append(i == 0 ? "" : "       ").append("policyctl ").append(lines[i]).append('\n');
    }
    b.append('\n').append(command.summary()).append("\n\n");
    b.append(command.description().strip()).append("\n\nOptions:\n");
    for (OptionSpec.Option o : command.options().options()) {
      b.append(column("  " + o.display())).append(o.help()).append('\n');
    }
    b.append(column("  -h, --help")).append("show this help\n");
    return b.toString();
  }

  /** The program's help: the list of subcommands and the exit statuses. */
  static String program(List<Subcommand> commands) {
    StringBuilder b = new StringBuilder();
    b.append("Usage: policyctl COMMAND [OPTIONS] [ARGS]\n\n");
    b.append("Reads, checks and edits OpenShell / NemoClaw sandbox policies.\n\nCommands:\n");
    for (Subcommand c : commands) {
      b.append(column("  " + c.name())).append(c.summary()).append('\n');
    }
    b.append('\n')
        .append("Run 'policyctl COMMAND --help' for the options of a command; 'policyctl --version' for the version.\n")
        .append("Where a command takes a policy file and none is given, $")
        .append(Terminal.POLICY_ENVIRONMENT_VARIABLE)
        .append(" names it.\n\n")
        .append(EXIT_STATUSES);
    return b.toString();
  }

  /** The exit-status paragraph every help text ends with. */
  static final String EXIT_STATUSES =
      "Exit status: 0 ok; 1 invalid policy, denied request or a difference; 2 usage or I/O error.\n";

  private static String column(String left) {
    return left.length() >= OPTION_COLUMN ? left + "\n" + " ".repeat(OPTION_COLUMN) : left + " ".repeat(OPTION_COLUMN - left.length());
  }
}
