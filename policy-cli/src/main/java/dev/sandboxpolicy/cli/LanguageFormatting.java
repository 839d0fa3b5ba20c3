package dev.sandboxpolicy.cli;

import dev.sandboxpolicy.io.ReadMode;
import dev.sandboxpolicy.io.ReadResult;
import dev.sandboxpolicy.model.Policy;
import dev.sandboxpolicy.schema.DocumentKind;
import java.util.List;
import java.util.Optional;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.TextEdit;

/**
 * Formatting: the document becomes what {@code policyctl fmt} prints for it ({@link FmtCommand#canonicalText}),
 * as one edit of the whole text. Nothing is changed, and the editor is told why, when the document is not a policy,
 * is JSON ({@code fmt} writes YAML), does not read as a valid policy, or has comments: {@code fmt} does not keep
 * comments (other than a first-line schema modeline), and formatting must never lose what the author wrote.
 */
final class LanguageFormatting {

  /** The edits (none when already canonical), or why the document was left as it is. */
  record Outcome(List<TextEdit> edits, Optional<String> refusal) {
    static Outcome refused(String why) {
      return new Outcome(List.of(), Optional.of(why));
    }
  }

  private LanguageFormatting() {}

  static Outcome format(OpenDocument document, ReadMode mode) {
    if (document.kind() != DocumentKind.POLICY) {
      return Outcome.refused(
          "not formatted: policyctl fmt formats policies, and this is a " + document.kind().wireName());
    }
    String text = document.text();
    if (text.stripLeading().startsWith("{")) {
      return Outcome.refused("not formatted: policyctl fmt writes YAML and this document is JSON");
    }
    int comment = commentLine(document);
    if (comment >= 0) {
      return Outcome.refused("not formatted: policyctl fmt does not keep comments, and line " + (comment + 1)
          + " has one");
    }
    ReadResult<Policy> read = PolicyFiles.read(text, mode);
    if (read.hasErrors() || read.value().isEmpty()) {
      return Outcome.refused("not formatted: the policy has errors (see the problems)");
    }
    String canonical = FmtCommand.canonicalText(read.value().get(), text, false);
    if (canonical.equals(text)) {
      return new Outcome(List.of(), Optional.empty());
    }
    Position end = new Position(document.lineCount() - 1, document.line(document.lineCount() - 1).length());
    return new Outcome(List.of(new TextEdit(new Range(new Position(0, 0), end), canonical)), Optional.empty());
  }

  /**
   * The first line (0-based) holding a YAML comment, other than a first-line schema modeline, or -1. A {@code #}
   * starts a comment at the start of a line's content or after a space, outside quotes; a {@code #} inside a
   * block scalar is counted too, which errs on the side of not formatting.
   */
  static int commentLine(OpenDocument document) {
    for (int i = 0; i < document.lineCount(); i++) {
      String line = document.line(i);
      if (i == 0 && FmtCommand.modeline(line).isPresent()) {
        continue;
      }
      char quote = 0;
      for (int c = 0; c < line.length(); c++) {
        char ch = line.charAt(c);
        if (quote != 0) {
          if (ch == quote) {
            quote = 0;
          } else if (ch == '\\' && quote == '"') {
            c++;
          }
        } else if ((ch == '"' || ch == '\'') && (c == 0 || " :-[{,".indexOf(line.charAt(c - 1)) >= 0)) {
          quote = ch;
        } else if (ch == '#' && (c == 0 || line.charAt(c - 1) == ' ' || line.charAt(c - 1) == '\t')) {
          return i;
        }
      }
    }
    return -1;
  }
}
