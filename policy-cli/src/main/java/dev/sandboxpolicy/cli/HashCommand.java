package dev.sandboxpolicy.cli;

import dev.sandboxpolicy.io.PolicyWriter;
import dev.sandboxpolicy.io.ReadMode;
import dev.sandboxpolicy.model.Policy;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** {@code policyctl hash}: the canonical content hash of policies. */
final class HashCommand implements Subcommand {

  @Override
  public String name() {
    return "hash";
  }

  @Override
  public String summary() {
    return "print the canonical content hash (sha256) of policies";
  }

  @Override
  public String synopsis() {
    return "hash [FILE...] [--json] [--lenient]";
  }

  @Override
  public String description() {
    return """
        Prints 'sha256:<hex>', the SHA-256 of the policy's canonical JSON. Policies with the same meaning
        (maps in another order, a single port written as a list, comments) have the same hash; reordering a
        list changes it. This is not the gateway's protobuf policy_hash.

        With one FILE (or $OPENSHELL_SANDBOX_POLICY) only the hash is printed; with several, each line is
        '<hash>  <FILE>'. With --json: [{"file": ..., "hash": ...}, ...].

        Exit status: 0 ok; 1 a FILE is not a valid policy; 2 usage or I/O error.""";
  }

  @Override
  public OptionSpec options() {
    return new OptionSpec()
        .flag("json", "print a JSON array of {file, hash}")
        .flag("lenient", "read like the upstream supervisor: unknown keys are warnings, version optional");
  }

  @Override
  public int run(ParsedArgs args, Terminal terminal) throws CommandFailure {
    List<String> files = new ArrayList<>(args.positionals());
    if (files.isEmpty()) {
      files.add(PolicyFiles.policyArgument(java.util.Optional.empty(), name(), terminal));
    }
    ReadMode mode = args.flag("lenient") ? ReadMode.LENIENT : ReadMode.STRICT;
    List<String> hashes = new ArrayList<>();
    for (String file : files) {
      Policy policy = PolicyFiles.load(file, mode, terminal);
      hashes.add(PolicyWriter.hash(policy));
    }
    if (args.flag("json")) {
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
