package dev.sandboxpolicy.cli;

import dev.sandboxpolicy.merge.CustomPreset;
import dev.sandboxpolicy.merge.CustomPresetLoader;
import dev.sandboxpolicy.merge.PresetCatalog;
import dev.sandboxpolicy.merge.PresetLayerException;
import dev.sandboxpolicy.merge.PresetName;
import dev.sandboxpolicy.merge.StackLayer;
import dev.sandboxpolicy.merge.TrustedPrivateHosts;
import dev.sandboxpolicy.model.Preset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Resolves the PRESET arguments of {@code merge} and {@code remove}: a built-in preset named by name (when no file
 * of that name exists), or a preset file (or {@code -}), which is a <b>custom</b> preset: it passes every custom-preset
 * check of {@link CustomPresetLoader} here, before any dry run or apply, and its trusted private hosts are pinned.
 * For {@code remove}, a name that is neither names a custom preset applied in the live policy.
 */
final class PresetArguments {

  /** One resolved argument: a layer to apply or remove, or (remove only) the name of an applied custom preset. */
  record Resolved(String argument, Optional<StackLayer> layer, Optional<String> customName) {}

  private PresetArguments() {}

  /**
   * Every argument, in order; the first one that does not load ends the command (nothing is applied).
   *
   * @param trust the trusted private hosts of this invocation, or empty
   * @param byNameAllowed whether a name that is neither a file nor a built-in preset names an applied custom preset
   */
  static List<Resolved> resolve(List<String> args, String verb, Terminal terminal,
      Optional<TrustedPrivateHosts> trust, boolean byNameAllowed) throws CommandFailure {
    Set<String> trusted = trust.map(TrustedPrivateHosts::hosts).orElse(Set.of());
    List<Resolved> out = new ArrayList<>(args.size());
    List<CustomPreset> customs = new ArrayList<>();
    for (String arg : args) {
      if (isFile(arg, terminal)) {
        CustomPreset c = load(arg, terminal, trusted);
        customs.add(c);
        out.add(new Resolved(arg, Optional.empty(), Optional.empty()));
        continue;
      }
      String name = PresetName.normalize(arg);
      Optional<Preset> builtIn = PresetCatalog.builtIn().find(name);
      if (builtIn.isPresent()) {
        out.add(new Resolved(arg, Optional.of(StackLayer.builtIn(builtIn.get())), Optional.empty()));
      } else if (byNameAllowed && PresetName.check(arg, false).isValid()) {
        out.add(new Resolved(arg, Optional.empty(), Optional.of(arg)));
      } else {
        throw CommandFailure.usage("'" + arg + "' is neither a preset file nor a built-in preset"
            + (byNameAllowed ? " nor a custom preset name" : "") + " (see 'policyctl presets')");
      }
    }
    if (trust.isPresent()) {
      try {
        customs = trust.get().pin(customs);
      } catch (PresetLayerException e) {
        throw PresetFailures.refused("--trusted-private-host", e, terminal);
      }
    }
    List<Resolved> withLayers = new ArrayList<>(out.size());
    int next = 0;
    for (Resolved r : out) {
      boolean file = r.layer().isEmpty() && r.customName().isEmpty();
      withLayers.add(file ? new Resolved(r.argument(), Optional.of(customs.get(next++).toLayer()), Optional.empty()) : r);
    }
    return withLayers;
  }

  /** A preset file or standard input, checked as a custom preset. */
  private static CustomPreset load(String arg, Terminal terminal, Set<String> trusted) throws CommandFailure {
    try {
      if (arg.equals("-")) {
        InputDocument document = InputDocument.read(arg, terminal);
        String text = document.utf8Text().orElseThrow(() -> CommandFailure.failed(arg + " is not UTF-8 text"));
        return CustomPresetLoader.check(text, Path.of(InputDocument.STDIN_NAME), trusted);
      }
      return CustomPresetLoader.loadFile(terminal.resolve(arg), trusted);
    } catch (PresetLayerException e) {
      throw PresetFailures.refused(arg.equals("-") ? InputDocument.STDIN_NAME : arg, e, terminal);
    }
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
