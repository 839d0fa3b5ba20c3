package dev.sandboxpolicy.cli;

import dev.sandboxpolicy.io.PolicyWriter;
import dev.sandboxpolicy.io.ReadMode;
import dev.sandboxpolicy.model.Policy;
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
          + " '<hash>  <FILE>'. With --json: [{\"file\": ..., \"hash\": ...}, ...]."
    },
    exitCodeList = {"0:ok", "1:a FILE is not a valid policy", "2:usage or I/O error"})
final class HashCommand extends Subcommand {

  @Parameters(paramLabel = "FILE", arity = "0..*", description = "a policy file (- is standard input)")
  List<String> arguments = new ArrayList<>();

  @Option(names = "--json", description = "print a JSON array of {file, hash}")
  boolean json;

  @Mixin ReadModeOption readMode;

  @Override
  int run(Terminal terminal) throws CommandFailure {
    List<String> files = new ArrayList<>(arguments);
    if (files.isEmpty()) {
      files.add(PolicyFiles.policyArgument(java.util.Optional.empty(), name(), terminal));
    }
    ReadMode mode = readMode.mode();
    List<String> hashes = new ArrayList<>();
    for (String file : files) {
      Policy policy = PolicyFiles.load(file, mode, terminal);
      hashes.add(PolicyWriter.hash(policy));
    }
    if (json) {
      ArrayNode array = Json.MAPPER.createArrayNode();
      for (int i = 0; i < files.size(); i++) {
        ObjectNode o = array.addObject();
        o.put("file", files.get(i));
        o.put("hash", hashes.get(i));
      }
      terminal.out().println(Json.write(array));
    } else if (files.size() == 1) {
      terminal.out().println(hashes.get(0));
    } else {
      for (int i = 0; i < files.size(); i++) {
        terminal.out().println(hashes.get(i) + "  " + files.get(i));
      }
    }
    return ExitCode.OK;
  }
}
