package dev.sandboxpolicy.cli;

import dev.sandboxpolicy.schema.DocumentKind;
import picocli.CommandLine.Option;

/** {@code --kind policy|preset|blueprint}, shared by the commands that take any kind of document. */
final class KindOption {

  @Option(
      names = "--kind",
      paramLabel = "KIND",
      completionCandidates = DocumentValidation.KindNames.class,
      description = "policy (default), preset or blueprint")
  String kind = DocumentKind.POLICY.wireName();

  /** The kind named, or a usage failure. */
  DocumentKind kind() throws CommandFailure {
    return DocumentKind.fromWireName(kind).orElseThrow(
        () -> CommandFailure.usage("--kind must be policy, preset or blueprint, not '" + kind + "'"));
  }
}
