package dev.sandboxpolicy.cli;

import dev.sandboxpolicy.model.internal.EditDistance;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import picocli.CommandLine.MissingParameterException;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.OverwrittenOptionException;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;
import picocli.CommandLine;

/**
 * Turns picocli's parse errors into policyctl's one-line usage errors on standard error, exit status
 * {@link ExitCode#USAGE}: {@code policyctl: unknown command 'valdate': did you mean 'validate'? (see 'policyctl
 * --help')}. A mistyped command or option gets the closest names as a suggestion.
 */
final class UsageErrors {

  /** At most this many suggestions are offered for a mistyped command or option. */
  static final int MAX_SUGGESTIONS = 3;

  /**
   * A name is suggested when it is at most this many edits (insert, delete, replace, swap two neighbours) from what
   * was typed, or a third of its length if that is more: {@code valdate} gets {@code validate}, {@code frobnicate}
   * gets nothing.
   */
  static final int MAX_SUGGESTION_EDITS = 2;

  private UsageErrors() {}

  /** A {@link CommandLine.IParameterExceptionHandler}: prints the message and returns {@link ExitCode#USAGE}. */
  static int handle(ParameterException e, String[] args) {
    CommandLine command = e.getCommandLine();
    command.getErr().println("policyctl: " + message(e) + " (see '" + command.getCommandSpec().qualifiedName() + " --help')");
    command.getErr().flush();
    return ExitCode.USAGE;
  }

  /** The message without the {@code policyctl: } prefix and the help hint. */
  static String message(ParameterException e) {
    CommandLine command = e.getCommandLine();
    if (e instanceof UnmatchedArgumentException unmatched) {
      return unmatched(command, unmatched);
    }
    if (e instanceof OverwrittenOptionException overwritten) {
      return name(overwritten.getOverwritten()) + " was given more than once";
    }
    if (e instanceof MissingParameterException missing) {
      List<ArgSpec> specs = missing.getMissing();
      if (specs.size() == 1 && specs.get(0) instanceof OptionSpec option && missing.getMessage().contains("parameter for option")) {
        return name(option) + " needs a value (" + option.paramLabel() + ")";
      }
      return "missing " + specs.stream().map(UsageErrors::name).collect(Collectors.joining(", "));
    }
    String text = e.getMessage();
    return text.isEmpty() ? text : text.substring(0, 1).toLowerCase(Locale.ROOT) + text.substring(1);
  }

  private static String unmatched(CommandLine command, UnmatchedArgumentException e) {
    List<String> unmatched = e.getUnmatched();
    String first = unmatched.isEmpty() ? "" : unmatched.get(0);
    boolean root = command.getCommandSpec().parent() == null;
    String what;
    if (e.isUnknownOption()) {
      what = "unknown option " + first + (root ? "" : " for '" + command.getCommandName() + "'");
    } else if (root) {
      what = "unknown command '" + first + "'";
    } else {
      what = "unexpected argument '" + first + "' for '" + command.getCommandName() + "'";
    }
    List<String> suggestions = closest(first, e.getSuggestions());
    if (suggestions.isEmpty()) {
      return what;
    }
    return what + ": did you mean " + suggestions.stream().map(s -> e.isUnknownOption() ? s : "'" + s + "'")
        .collect(Collectors.joining(" or ")) + "?";
  }

  /** The candidates picocli found similar that are also within a few edits of {@code typed}, closest first. */
  static List<String> closest(String typed, List<String> candidates) {
    int limit = Math.max(MAX_SUGGESTION_EDITS, typed.length() / 3);
    int best = candidates.stream().mapToInt(c -> edits(typed, c)).min().orElse(Integer.MAX_VALUE);
    if (best > limit) {
      return List.of();
    }
    return candidates.stream().filter(c -> edits(typed, c) == best).distinct().limit(MAX_SUGGESTIONS).toList();
  }

  /** The optimal-string-alignment distance ({@link EditDistance}). */
  static int edits(String a, String b) {
    return EditDistance.between(a, b);
  }

  private static String name(ArgSpec spec) {
    return spec instanceof OptionSpec option ? option.longestName() : spec.paramLabel();
  }
}
