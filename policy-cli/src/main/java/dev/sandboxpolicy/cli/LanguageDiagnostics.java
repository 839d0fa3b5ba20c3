package dev.sandboxpolicy.cli;

import com.google.gson.JsonPrimitive;
import dev.sandboxpolicy.analysis.PolicyAnalysis;
import dev.sandboxpolicy.io.ReadMode;
import dev.sandboxpolicy.io.ReadResult;
import dev.sandboxpolicy.matcher.PolicyCompileException;
import dev.sandboxpolicy.model.Policy;
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
    List<Problem> problems = new ArrayList<>(validation(document, mode));
    problems.addAll(lintIfValid(document, mode, problems.stream().noneMatch(Problem::isError)));
    return problems;
  }

  /** What {@code policyctl validate} reports for {@code document}, in its order. */
  static List<Problem> validation(OpenDocument document, ReadMode mode) {
    return DocumentValidation.validate(document.kind(), document.text(), mode, false);
  }

  /** The lint warnings of {@code document} when it is a policy and {@code valid} (no validation error); else none. */
  static List<Problem> lintIfValid(OpenDocument document, ReadMode mode, boolean valid) {
    return document.kind() == DocumentKind.POLICY && valid ? lint(document, mode) : List.of();
  }

  /**
   * The lint warnings of a valid policy, as {@code policyctl lint} prints them (same reading, same
   * {@link PolicyAnalysis#lint}, so the same codes, messages and positions): {@code redundant_rule},
   * {@code unreachable_deny_rule}, {@code redundant_entry}. A policy that does not read, or that the matcher
   * refuses to compile, has no lint: its validation problems already say why.
   */
  static List<Problem> lint(OpenDocument document, ReadMode mode) {
    ReadResult<Policy> read = PolicyFiles.read(document.text(), mode);
    if (read.hasErrors() || read.value().isEmpty()) {
      return List.of();
    }
    try {
      return PolicyAnalysis.lint(read.value().get());
    } catch (PolicyCompileException e) {
      return List.of();
    }
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
