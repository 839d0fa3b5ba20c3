package dev.sandboxpolicy.cli;

import com.google.gson.JsonPrimitive;
import dev.sandboxpolicy.io.ReadMode;
import dev.sandboxpolicy.model.Problem;
import dev.sandboxpolicy.model.Severity;
import dev.sandboxpolicy.schema.DocumentKind;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.lsp4j.Diagnostic;
import org.eclipse.lsp4j.DiagnosticSeverity;
import org.eclipse.lsp4j.jsonrpc.messages.Either;

/**
 * The problems the language server shows for a document: exactly what {@code policyctl validate} prints for it
 * (the reader, the JSON Schema and every value rule, through {@link DocumentValidation}), plus the lint warnings of
 * a policy that has no error, as LSP diagnostics.
 *
 * <p>Each diagnostic keeps the problem's code ({@code code}), message, severity and start position (the
 * {@code FILE:LINE:COLUMN} of {@code validate}); its range runs to the end of the token there. The problem's JSON
 * Pointer travels in {@code data} for the code actions. The source is {@value #SOURCE}.
 */
final class LanguageDiagnostics {

  /** The {@code source} of every diagnostic, as editors show it next to the message. */
  static final String SOURCE = "policyctl";

  private LanguageDiagnostics() {}

  /** Every problem of {@code document}, in the order {@code validate} prints them, then the lint warnings. */
  static List<Problem> problems(OpenDocument document, ReadMode mode) {
    List<Problem> problems =
        new ArrayList<>(DocumentValidation.validate(document.kind(), document.text(), mode, false));
    if (document.kind() == DocumentKind.POLICY && problems.stream().noneMatch(Problem::isError)) {
      problems.addAll(lint(document, mode));
    }
    return problems;
  }

  /**
   * The lint warnings of a valid policy (redundant rules and entries: {@code policyctl lint}).
   *
   * <p>LINT PLUG-IN POINT: policy-analysis ({@code PolicyAnalysis.lint(Policy)}, branch {@code analysis}) is not
   * on main yet. When it is, read the policy here ({@link PolicyFiles#read(String, ReadMode)}) and return
   * {@code PolicyAnalysis.lint(policy)}, catching its compile exception as "no lint" (the validation problems
   * already say why). This is the only place the language server needs to change.
   */
  static List<Problem> lint(OpenDocument document, ReadMode mode) {
    return List.of();
  }

  /** The diagnostics of {@code problems} in {@code document}. */
  static List<Diagnostic> diagnostics(OpenDocument document, List<Problem> problems) {
    List<Diagnostic> out = new ArrayList<>(problems.size());
    for (Problem p : problems) {
      Diagnostic d = new Diagnostic(
          document.tokenAt(document.position(p.line(), p.column())),
          p.message(),
          p.severity() == Severity.ERROR ? DiagnosticSeverity.Error : DiagnosticSeverity.Warning,
          SOURCE);
      d.setCode(Either.forLeft(p.code()));
      d.setData(new JsonPrimitive(p.pointer()));
      out.add(d);
    }
    return out;
  }

  /** The JSON Pointer a diagnostic of this server carries, or empty for another server's diagnostic. */
  static String pointer(Diagnostic d) {
    Object data = d.getData();
    if (data instanceof JsonPrimitive p && p.isString()) {
      return p.getAsString();
    }
    if (data instanceof String s) {
      return s;
    }
    return "";
  }

  /** The code of a diagnostic, or the empty string. */
  static String code(Diagnostic d) {
    Either<String, Integer> code = d.getCode();
    return code == null ? "" : code.isLeft() ? code.getLeft() : String.valueOf(code.getRight());
  }
}
