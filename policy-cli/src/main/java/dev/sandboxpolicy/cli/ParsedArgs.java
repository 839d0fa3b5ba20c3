package dev.sandboxpolicy.cli;

import dev.sandboxpolicy.model.net.Port;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A subcommand's arguments after parsing against its {@link OptionSpec}: option values by long name and the
 * positional arguments in order.
 *
 * <p>Rules: {@code --name value} and {@code --name=value} are the same; a one-letter alias takes its value from
 * the next argument ({@code -o out.yaml}); {@code --} ends the options; a lone {@code -} is a positional (standard
 * input). Unknown options, a missing value, a value given to a flag and a single-valued option given twice are
 * usage errors ({@link ExitCode#USAGE}).
 */
final class ParsedArgs {

  private final Map<String, List<String>> values;
  private final List<String> positionals;
  private final boolean help;

  private ParsedArgs(Map<String, List<String>> values, List<String> positionals, boolean help) {
    this.values = values;
    this.positionals = positionals;
    this.help = help;
  }

  /** Parses {@code args} for the subcommand {@code command}. */
  static ParsedArgs parse(String command, OptionSpec spec, List<String> args) throws CommandFailure {
    Map<String, List<String>> values = new LinkedHashMap<>();
    List<String> positionals = new ArrayList<>();
    boolean help = false;
    for (int i = 0; i < args.size(); i++) {
      String arg = args.get(i);
      if (arg.equals("--")) {
        positionals.addAll(args.subList(i + 1, args.size()));
        break;
      }
      if (arg.equals("--help") || arg.equals("-h")) {
        help = true;
        continue;
      }
      if (arg.equals("-") || !arg.startsWith("-")) {
        positionals.add(arg);
        continue;
      }
      String name;
      String inlineValue = null;
      OptionSpec.Option option;
      if (arg.startsWith("--")) {
        int eq = arg.indexOf('=');
        name = eq < 0 ? arg.substring(2) : arg.substring(2, eq);
        inlineValue = eq < 0 ? null : arg.substring(eq + 1);
        option = spec.byLongName(name).orElseThrow(() -> unknown(command, arg));
      } else {
        name = arg.substring(1);
        option = spec.byShortName(name).orElseThrow(() -> unknown(command, arg));
      }
      String display = arg.startsWith("--") ? "--" + option.name() : arg;
      List<String> list = values.computeIfAbsent(option.name(), k -> new ArrayList<>());
      if (option.arity() == OptionSpec.Arity.FLAG) {
        if (inlineValue != null) {
          throw CommandFailure.usage(display + " takes no value (see 'policyctl " + command + " --help')");
        }
        list.add("true");
        continue;
      }
      String value = inlineValue;
      if (value == null) {
        if (i + 1 >= args.size()) {
          throw CommandFailure.usage(
              display + " needs a value (" + option.metavar() + "); see 'policyctl " + command + " --help'");
        }
        value = args.get(++i);
      }
      if (option.arity() == OptionSpec.Arity.SINGLE && !list.isEmpty()) {
        throw CommandFailure.usage(display + " was given more than once");
      }
      list.add(value);
    }
    return new ParsedArgs(values, List.copyOf(positionals), help);
  }

  private static CommandFailure unknown(String command, String arg) {
    return CommandFailure.usage(
        "unknown option " + arg + " for '" + command + "' (see 'policyctl " + command + " --help')");
  }

  /** Whether {@code --help} or {@code -h} was given. */
  boolean help() {
    return help;
  }

  /** Whether a flag was given. */
  boolean flag(String name) {
    return values.containsKey(name);
  }

  /** The value of a single-valued option. */
  Optional<String> value(String name) {
    List<String> list = values.get(name);
    return list == null || list.isEmpty() ? Optional.empty() : Optional.of(list.get(0));
  }

  /** Every value of a repeated option, in order (empty when absent). */
  List<String> values(String name) {
    return List.copyOf(values.getOrDefault(name, List.of()));
  }

  /** The names of the options that were given. */
  Set<String> given() {
    return Set.copyOf(values.keySet());
  }

  /** The positional arguments, in order. */
  List<String> positionals() {
    return positionals;
  }

  /** The value of an option that must be present. */
  String required(String command, String name) throws CommandFailure {
    return value(name)
        .orElseThrow(
            () -> CommandFailure.usage("--" + name + " is required (see 'policyctl " + command + " --help')"));
  }

  /** The value of an option that must be a TCP port, parsed by {@link Port#parse}. */
  Optional<Integer> port(String name) throws CommandFailure {
    Optional<String> raw = value(name);
    if (raw.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(Port.tryParse(raw.get()).orElseThrow(() -> CommandFailure.usage("--" + name
        + " must be a port number from " + Port.MIN_VALUE + " to " + Port.MAX_VALUE + ", not '" + raw.get() + "'"))
        .value());
  }
}
