package dev.sandboxpolicy.cli;

import dev.sandboxpolicy.io.PolicyWriter;
import dev.sandboxpolicy.io.ReadMode;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** {@code policyctl hash}: the canonical content hash of policies. */
@Command(
    name = "hash",
    header = "print the canonical content hash (sha256) of policies",
    description = {
      "Prints 'sha256:<hex>', the SHA-256 of the policy's canonical JSON. Policies with the same meaning (maps in"
          + " another order, a single port written as a list, comments) have the same hash; reordering a list"
          + " changes it. This is not the gateway's protobuf policy_hash.",
      "",
      "With one FILE (or $OPENSHELL_SANDBOX_POLICY) only the hash is printed; with several, each line is"
          + " '<hash>  <FILE>'. With --json: {\"files\": [{\"file\", \"hash\", \"error\"?}]}, every file hashed;"
          + " one that cannot be read or is invalid has \"hash\": null and an error {code, message, problems?}."
    },
    exitCodeList = {"0:ok", "1:a FILE is not a valid policy", "2:usage or I/O error"})
final class HashCommand extends Subcommand {

  @Parameters(paramLabel = "FILE", arity = "0..*", description = "a policy file (- is standard input)")
  List<String> arguments = new ArrayList<>();

  @Option(names = "--json", description = "print {files: [{file, hash, error?}]}")
  boolean json;

  @Mixin ReadModeOption readMode;

  @Override
  int run(Terminal terminal) throws CommandFailure {
    List<String> files = new ArrayList<>(arguments);
    if (files.isEmpty()) {
      files.add(PolicyFiles.policyArgument(java.util.Optional.empty(), name(), terminal));
    }
    ReadMode mode = readMode.mode();
    if (json) {
      return json(files, mode, terminal);
    }
    List<String> hashes = new ArrayList<>();
    for (String file : files) {
      hashes.add(PolicyWriter.hash(PolicyFiles.load(file, mode, terminal)));
    }
    if (files.size() == 1) {
      terminal.out().println(hashes.get(0));
    } else {
      for (int i = 0; i < files.size(); i++) {
        terminal.out().println(hashes.get(i) + "  " + files.get(i));
      }
    }
    return ExitCode.OK;
  }

  /** Every file is hashed; one that cannot be read or is invalid gets an {@code error} and a null hash. */
  private static int json(List<String> files, ReadMode mode, Terminal terminal) {
    ObjectNode document = Json.object();
    ArrayNode array = document.putArray("files");
    int status = ExitCode.OK;
    for (String file : files) {
      ObjectNode o = array.addObject();
      o.put("file", file);
      try {
        o.put("hash", PolicyWriter.hash(PolicyFiles.load(file, mode, terminal)));
      } catch (CommandFailure failure) {
        o.putNull("hash");
        o.set("error", failure.toJson());
        status = Math.max(status, failure.exitCode());
      }
    }
    terminal.out().println(Json.write(document));
    return status;
  }
}
