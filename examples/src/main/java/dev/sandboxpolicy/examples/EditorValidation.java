package dev.sandboxpolicy.examples;

import dev.sandboxpolicy.io.ReadMode;
import dev.sandboxpolicy.model.Problem;
import dev.sandboxpolicy.schema.DocumentKind;
import dev.sandboxpolicy.schema.PolicyValidator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Validates a policy the way an editor does: after every edit, the whole buffer is validated and each problem
 * becomes a diagnostic at its line and column. One {@link PolicyValidator} is created once and reused; it is
 * immutable and thread-safe, so a language server can share it between documents.
 *
 * <p>Run: {@code java dev.sandboxpolicy.examples.EditorValidation examples/policies/sandbox.yaml}. The program
 * replays three edits on the file: a typo in a key, a bad port, then the fix, and prints the diagnostics after
 * each one.
 */
public final class EditorValidation {

  private final PolicyValidator validator = PolicyValidator.strict();

  /** Creates the validator (once per editor session). */
  public EditorValidation() {}

  /**
   * The diagnostics for one snapshot of the buffer, as {@code line:column: severity code message}.
   *
   * @param buffer the whole policy text as it is in the editor now
   * @return one line per problem; empty when the policy is valid
   */
  public List<String> diagnostics(String buffer) {
    List<String> out = new ArrayList<>();
    for (Problem p : validator.validateText(DocumentKind.POLICY, buffer, ReadMode.STRICT).problems()) {
      out.add(p.line() + ":" + p.column() + ": " + p.severity().wireName() + " " + p.code() + " " + p.message());
    }
    return out;
  }

  /**
   * Replays a typo, a bad value and the fix on {@code file} and prints the diagnostics after each edit.
   *
   * @param args the policy file (default: {@code examples/policies/sandbox.yaml})
   * @throws IOException when the file cannot be read
   */
  public static void main(String[] args) throws IOException {
    String original = Files.readString(Path.of(args.length > 0 ? args[0] : "examples/policies/sandbox.yaml"));
    EditorValidation editor = new EditorValidation();
    String[][] edits = {
      {"typo in a key", original.replaceFirst("access: read-only", "acess: read-only")},
      {"port out of range", original.replaceFirst("port: 443", "port: 70000")},
      {"fixed", original},
    };
    for (String[] edit : edits) {
      List<String> diagnostics = editor.diagnostics(edit[1]);
      System.out.println("after edit '" + edit[0] + "': " + (diagnostics.isEmpty() ? "no problems" : ""));
      diagnostics.forEach(d -> System.out.println("  " + d));
    }
  }
}
