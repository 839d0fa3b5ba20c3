package dev.sandboxpolicy.cli;

import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * Renders picocli's command model as a man(7) page, so the manual, {@code --help} and the completion script
 * come from one source. Text is escaped for troff; description lines that start with two spaces (examples) are
 * kept as they are ({@code .nf}).
 */
final class ManPage {

  /** The manual section of user commands. */
  private static final String SECTION = "1";

  /** The environment variables policyctl reads, with what they do. */
  private static final Map<String, String> ENVIRONMENT =
      Map.of(
          Terminal.POLICY_ENVIRONMENT_VARIABLE,
          "The policy file of commands that take one, when none is given (as in the upstream openshell CLI).",
          CheckCommand.BINARY_IDENTITY_VARIABLE,
          "'disabled' turns off binary identity in check (endpoint-only mode), as in the upstream proxy.",
          "POLICYCTL_JAVA_OPTS",
          "Options for the JVM, read by the policyctl launcher script.");

  private ManPage() {}

  /** policyctl(1): the program, then every command in its own section. */
  static String program(CommandLine root) {
    CommandSpec spec = root.getCommandSpec();
    StringBuilder b = new StringBuilder();
    title(b, spec.name());
    b.append(".SH NAME\n").append(spec.name()).append(" \\- ").append(text(header(spec))).append('\n');
    b.append(".SH SYNOPSIS\n");
    synopsis(b, spec);
    b.append(".SH DESCRIPTION\n").append(text(header(spec))).append('\n');
    for (String line : spec.usageMessage().footer()) {
      b.append(line.isEmpty() ? ".PP" : text(line)).append('\n');
    }
    b.append(".SH COMMANDS\n");
    for (Map.Entry<String, CommandLine> e : root.getSubcommands().entrySet()) {
      if (!e.getValue().getCommandSpec().usageMessage().hidden()) {
        b.append(".TP\n.B ").append(text(e.getKey())).append('\n')
            .append(text(header(e.getValue().getCommandSpec()))).append('\n');
      }
    }
    options(b, spec);
    exitStatus(b, spec);
    b.append(".SH ENVIRONMENT\n");
    ENVIRONMENT.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(
        e -> b.append(".TP\n.B ").append(text(e.getKey())).append('\n').append(text(e.getValue())).append('\n'));
    for (CommandLine sub : root.getSubcommands().values()) {
      CommandSpec s = sub.getCommandSpec();
      if (s.usageMessage().hidden() || !(s.userObject() instanceof Subcommand)) {
        continue;
      }
      b.append(".SH \"").append(text(s.qualifiedName().toUpperCase(java.util.Locale.ROOT))).append("\"\n");
      b.append(text(header(s))).append('\n');
      b.append(".PP\n");
      synopsis(b, s);
      description(b, s);
      subOptions(b, s);
    }
    b.append(".SH SEE ALSO\n").append("docs/cli.md and docs/stdio-protocol.md in the sandbox-policy repository.\n");
    return b.toString();
  }

  /** policyctl-COMMAND(1): one command. */
  static String command(CommandLine command) {
    CommandSpec spec = command.getCommandSpec();
    StringBuilder b = new StringBuilder();
    title(b, spec.qualifiedName("-"));
    b.append(".SH NAME\n").append(text(spec.qualifiedName("-"))).append(" \\- ").append(text(header(spec)))
        .append('\n');
    b.append(".SH SYNOPSIS\n");
    synopsis(b, spec);
    b.append(".SH DESCRIPTION\n");
    description(b, spec);
    options(b, spec);
    exitStatus(b, spec);
    b.append(".SH SEE ALSO\n.BR policyctl (").append(SECTION).append(")\n");
    return b.toString();
  }

  private static void title(StringBuilder b, String name) {
    b.append(".TH \"").append(text(name.toUpperCase(java.util.Locale.ROOT))).append("\" ").append(SECTION)
        .append(" \"\" \"policyctl ").append(text(LibraryVersion.get())).append("\" \"User Commands\"\n");
  }

  private static String header(CommandSpec spec) {
    String[] header = spec.usageMessage().header();
    return header.length > 0 ? header[0] : "";
  }

  private static void synopsis(StringBuilder b, CommandSpec spec) {
    String[] custom = spec.usageMessage().customSynopsis();
    b.append(".nf\n");
    if (custom.length > 0) {
      for (String line : custom) {
        b.append(text(line.strip())).append('\n');
      }
    } else {
      StringBuilder line = new StringBuilder(spec.qualifiedName()).append(" [OPTIONS]");
      for (PositionalParamSpec p : spec.positionalParameters()) {
        if (!p.hidden()) {
          line.append(' ').append(p.arity().min > 0 ? p.paramLabel() : "[" + p.paramLabel() + "]")
              .append(p.arity().max > 1 ? "..." : "");
        }
      }
      b.append(text(line.toString())).append('\n');
    }
    b.append(".fi\n");
  }

  private static void description(StringBuilder b, CommandSpec spec) {
    boolean preformatted = false;
    for (String raw : spec.usageMessage().description()) {
      String line = raw.replace("%n", "").replace("%%", "%");
      boolean example = line.startsWith("  ");
      if (example != preformatted) {
        b.append(example ? ".PP\n.RS\n.nf\n" : ".fi\n.RE\n.PP\n");
        preformatted = example;
      }
      if (line.isEmpty()) {
        b.append(".PP\n");
      } else {
        b.append(text(example ? line.substring(2) : line)).append('\n');
      }
    }
    if (preformatted) {
      b.append(".fi\n.RE\n");
    }
  }

  private static void options(StringBuilder b, CommandSpec spec) {
    List<ArgSpec> args = arguments(spec);
    if (!args.isEmpty()) {
      b.append(".SH OPTIONS\n");
      args.forEach(a -> argument(b, a));
    }
  }

  private static void subOptions(StringBuilder b, CommandSpec spec) {
    List<ArgSpec> args = arguments(spec);
    if (!args.isEmpty()) {
      b.append(".PP\nOptions:\n");
      args.forEach(a -> argument(b, a));
    }
    if (!spec.usageMessage().exitCodeList().isEmpty()) {
      b.append(".PP\nExit status:\n");
      exitCodes(b, spec);
    }
  }

  private static List<ArgSpec> arguments(CommandSpec spec) {
    List<ArgSpec> args = new java.util.ArrayList<>();
    spec.positionalParameters().stream().filter(p -> !p.hidden()).forEach(args::add);
    spec.options().stream()
        .filter(o -> !o.hidden())
        .sorted(java.util.Comparator.comparing(OptionSpec::longestName))
        .forEach(args::add);
    return args;
  }

  private static void argument(StringBuilder b, ArgSpec a) {
    b.append(".TP\n");
    if (a instanceof OptionSpec o) {
      StringBuilder names = new StringBuilder();
      for (String n : o.names()) {
        names.append(names.length() == 0 ? "" : ", ").append("\\fB").append(text(n)).append("\\fR");
      }
      if (o.arity().max > 0) {
        names.append(" \\fI").append(text(o.paramLabel())).append("\\fR");
      }
      b.append(names).append('\n');
    } else {
      b.append("\\fI").append(text(a.paramLabel())).append("\\fR\n");
    }
    b.append(text(String.join(" ", a.description()))).append('\n');
  }

  private static void exitStatus(StringBuilder b, CommandSpec spec) {
    if (!spec.usageMessage().exitCodeList().isEmpty()) {
      b.append(".SH EXIT STATUS\n");
      exitCodes(b, spec);
    }
  }

  private static void exitCodes(StringBuilder b, CommandSpec spec) {
    spec.usageMessage().exitCodeList().forEach(
        (k, v) -> b.append(".TP\n.B ").append(text(k.strip())).append('\n').append(text(v)).append('\n'));
  }

  /** Escapes text for troff: backslashes, hyphens, and a leading control character. */
  static String text(String s) {
    String escaped = s.replace("\\", "\\e").replace("-", "\\-");
    return escaped.startsWith(".") || escaped.startsWith("'") ? "\\&" + escaped : escaped;
  }
}
