package dev.sandboxpolicy.cli;

import dev.sandboxpolicy.merge.PresetCatalog;
import dev.sandboxpolicy.merge.PresetDocument;
import dev.sandboxpolicy.merge.PresetLayerException;
import dev.sandboxpolicy.merge.PresetName;
import dev.sandboxpolicy.model.Preset;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Resolves the PRESET arguments of {@code merge} and {@code remove}: a preset file (or {@code -}), or the name of
 * a built-in preset when no file of that name exists.
 */
final class PresetArguments {

  private PresetArguments() {}

  /** Every preset, in order; the first one that does not load ends the command (nothing is applied). */
  static List<Preset> resolve(List<String> args, String verb, Terminal terminal) throws CommandFailure {
    List<Preset> presets = new ArrayList<>(args.size());
    for (String arg : args) {
      presets.add(resolve(arg, verb, terminal));
    }
    return presets;
  }

  private static Preset resolve(String arg, String verb, Terminal terminal) throws CommandFailure {
    if (isFile(arg, terminal)) {
      InputDocument document = InputDocument.read(arg, terminal);
      String text =
          document.utf8Text().orElseThrow(() -> CommandFailure.failed(arg + " is not UTF-8 text"));
      try {
        return PresetDocument.read(text, verb).preset();
      } catch (PresetLayerException e) {
        ProblemText.print(terminal.err(), document.name(), e.problems());
        throw CommandFailure.invalid(document.name() + ": " + e.getMessage(), e.problems());
      }
    }
    Optional<Preset> builtIn = PresetCatalog.builtIn().find(PresetName.normalize(arg));
    return builtIn.orElseThrow(
        () ->
            CommandFailure.usage(
                "'" + arg + "' is neither a preset file nor a built-in preset (see 'policyctl presets')"));
  }

  /** Whether {@code arg} names standard input or an existing file. */
  static boolean isFile(String arg, Terminal terminal) {
    return arg.equals("-") || Files.exists(terminal.resolve(arg));
  }

  /**
   * Whether {@code arg} is clearly a preset rather than a policy: a built-in preset name with no file of that
   * name, or a file with a top-level {@code preset:} key.
   */
  static boolean looksLikePreset(String arg, Terminal terminal) {
    if (arg.equals("-")) {
      return false;
    }
    if (!isFile(arg, terminal)) {
      return PresetCatalog.builtIn().isBuiltInName(PresetName.normalize(arg));
    }
    try {
      return InputDocument.read(arg, terminal).utf8Text().orElse("").lines().anyMatch(l -> l.startsWith("preset:"));
    } catch (CommandFailure e) {
      return false;
    }
  }
}
