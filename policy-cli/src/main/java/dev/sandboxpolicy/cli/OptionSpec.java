package dev.sandboxpolicy.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The options one subcommand accepts: flags ({@code --json}), single-valued options ({@code --host H}) and
 * repeatable options ({@code --ancestor A}...), each with an optional one-letter alias and a line of help.
 * {@code --help} / {@code -h} is always accepted and need not be declared.
 */
final class OptionSpec {

  /** How an option takes values. */
  enum Arity {
    FLAG,
    SINGLE,
    REPEATED
  }

  /** One declared option. {@code shortName} is empty when the option has no one-letter alias. */
  record Option(String name, String shortName, Arity arity, String metavar, String help) {
    /** How the option is shown in help, e.g. {@code -o, --output FILE}. */
    String display() {
      String names = (shortName.isEmpty() ? "    " : "-" + shortName + ", ") + "--" + name;
      return arity == Arity.FLAG ? names : names + " " + metavar;
    }
  }

  private final List<Option> options = new ArrayList<>();

  /** A boolean flag. */
  OptionSpec flag(String name, String help) {
    options.add(new Option(name, "", Arity.FLAG, "", help));
    return this;
  }

  /** An option with one value; giving it twice is a usage error. */
  OptionSpec value(String name, String metavar, String help) {
    options.add(new Option(name, "", Arity.SINGLE, metavar, help));
    return this;
  }

  /** An option with one value and a one-letter alias. */
  OptionSpec value(String name, String shortName, String metavar, String help) {
    options.add(new Option(name, shortName, Arity.SINGLE, metavar, help));
    return this;
  }

  /** An option that may be given several times; its values are kept in order. */
  OptionSpec repeated(String name, String metavar, String help) {
    options.add(new Option(name, "", Arity.REPEATED, metavar, help));
    return this;
  }

  List<Option> options() {
    return List.copyOf(options);
  }

  Optional<Option> byLongName(String name) {
    return options.stream().filter(o -> o.name().equals(name)).findFirst();
  }

  Optional<Option> byShortName(String name) {
    return options.stream().filter(o -> !o.shortName().isEmpty() && o.shortName().equals(name)).findFirst();
  }
}
