package dev.sandboxpolicy.io;

import dev.sandboxpolicy.model.JsonPointer;
import dev.sandboxpolicy.model.Problem;
import dev.sandboxpolicy.model.ProblemCode;
import dev.sandboxpolicy.model.SourceLocation;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.snakeyaml.engine.v2.api.LoadSettings;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.dataformat.yaml.YAMLFactory;
import tools.jackson.dataformat.yaml.YAMLParser;
import tools.jackson.dataformat.yaml.YAMLReadFeature;

/**
 * Turns text into a {@link Node} tree, enforcing the {@link ReadLimits} and rejecting what the model cannot
 * hold: malformed syntax, duplicate keys, unknown aliases, unsupported tags, several documents in one stream.
 * Everything it rejects becomes a {@link Problem}; it never throws for bad input.
 */
final class TreeReader {

  /**
   * The YAML engine's own document limit (snakeyaml-engine: 3 Mi code points by default) is lifted: the reader's
   * {@link ReadLimits#maxDocumentBytes()} is checked before the engine runs, in bytes as documented, and reported as
   * {@code document_too_large}; a second, smaller limit in code points would refuse documents inside the documented
   * one with a misleading {@code yaml_syntax} somewhere in the text.
   */
  private static final YAMLFactory YAML =
      YAMLFactory.builder()
          .enable(YAMLReadFeature.EMPTY_STRING_AS_NULL)
          // Duplicate keys stay allowed at this level: the reader reports them itself (duplicate_key, located);
          // Jackson would otherwise turn on its own detection, which surfaces as yaml_syntax.
          .loadSettings(
              LoadSettings.builder().setCodePointLimit(Integer.MAX_VALUE).setAllowDuplicateKeys(true).build())
          .build();
  private static final JsonFactory JSON = JsonFactory.builder().build();
  private static final String CORE_TAG_PREFIX = "tag:yaml.org,2002:";
  private static final Set<String> CORE_TAGS = Set.of("str", "int", "float", "bool", "null", "map", "seq");

  private final ReadLimits limits;
  private final DocumentFormat format;
  private final List<Problem> problems;
  private final Map<String, Node> anchors = new HashMap<>();
  private final Map<Node, Integer> sizes = new IdentityHashMap<>();
  private long nodes;
  private boolean aborted;

  private TreeReader(ReadLimits limits, DocumentFormat format, List<Problem> problems) {
    this.limits = limits;
    this.format = format;
    this.problems = problems;
  }

  /** Decodes {@code bytes} (UTF-8, or UTF-16/32 with a byte-order mark) and reads them; null on failure. */
  static Node read(byte[] bytes, DocumentFormat format, ReadLimits limits, List<Problem> problems) {
    if (bytes.length > limits.maxDocumentBytes()) {
      problems.add(tooLarge(bytes.length, limits));
      return null;
    }
    String text = decode(bytes, problems);
    return text == null ? null : read(text, format, limits, problems);
  }

  /** Reads {@code text}; null on failure (the problems say why). */
  static Node read(String text, DocumentFormat format, ReadLimits limits, List<Problem> problems) {
    long utf8 = utf8Length(text, limits.maxDocumentBytes());
    if (utf8 > limits.maxDocumentBytes()) {
      problems.add(tooLarge(utf8, limits));
      return null;
    }
    if (!text.isEmpty() && text.charAt(0) == '\uFEFF') {
      text = text.substring(1);
    }
    if (format == DocumentFormat.YAML && !checkLineLengths(text, limits, problems)) {
      return null;
    }
    return new TreeReader(limits, format, problems).parse(text);
  }

  /**
   * Refuses a YAML line longer than the limit before the YAML engine scans it (its cost grows with the square of
   * a line's length). One linear pass; line breaks are LF, CR or CRLF.
   */
  private static boolean checkLineLengths(String text, ReadLimits limits, List<Problem> problems) {
    int max = limits.maxLineLength();
    if (text.length() <= max) {
      return true;
    }
    int line = 1;
    int start = 0;
    for (int i = 0; i <= text.length(); i++) {
      char c = i < text.length() ? text.charAt(i) : '\n';
      if (c == '\n' || c == '\r') {
        if (i - start > max) {
          problems.add(
              Problem.error(
                  ProblemCode.LINE_TOO_LONG,
                  new SourceLocation("", line, max + 1),
                  "line " + line + " is " + (i - start) + " characters long; a YAML line may have at most " + max
                      + " (write long values over several lines, or read compact JSON as JSON)"));
          return false;
        }
        if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
          i++;
        }
        line++;
        start = i + 1;
      }
    }
    return true;
  }

  /** The problem for a document of {@code size} bytes over the limit. */
  static Problem tooLarge(long size, ReadLimits limits) {
    return Problem.error(
        ProblemCode.DOCUMENT_TOO_LARGE,
        new SourceLocation("", 1, 1),
        "document is " + size + " bytes; the limit is " + limits.maxDocumentBytes() + " bytes");
  }

  private static long utf8Length(String s, int stopAbove) {
    if ((long) s.length() * 3 <= stopAbove) {
      return s.length();
    }
    long n = 0;
    for (int i = 0; i < s.length() && n <= stopAbove; i++) {
      char c = s.charAt(i);
      n += c < 0x80 ? 1 : c < 0x800 ? 2 : Character.isHighSurrogate(c) ? 2 : 3;
    }
    return n;
  }

  private static String decode(byte[] b, List<Problem> problems) {
    Charset cs = StandardCharsets.UTF_8;
    int skip = 0;
    if (b.length >= 4 && b[0] == 0 && b[1] == 0 && (b[2] & 0xFF) == 0xFE && (b[3] & 0xFF) == 0xFF) {
      cs = Charset.forName("UTF-32BE");
      skip = 4;
    } else if (b.length >= 4 && (b[0] & 0xFF) == 0xFF && (b[1] & 0xFF) == 0xFE && b[2] == 0 && b[3] == 0) {
      cs = Charset.forName("UTF-32LE");
      skip = 4;
    } else if (b.length >= 3 && (b[0] & 0xFF) == 0xEF && (b[1] & 0xFF) == 0xBB && (b[2] & 0xFF) == 0xBF) {
      skip = 3;
    } else if (b.length >= 2 && (b[0] & 0xFF) == 0xFE && (b[1] & 0xFF) == 0xFF) {
      cs = StandardCharsets.UTF_16BE;
      skip = 2;
    } else if (b.length >= 2 && (b[0] & 0xFF) == 0xFF && (b[1] & 0xFF) == 0xFE) {
      cs = StandardCharsets.UTF_16LE;
      skip = 2;
    }
    CharsetDecoder decoder =
        cs.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(b, skip, b.length - skip);
    CharBuffer out = CharBuffer.allocate((int) Math.min(Integer.MAX_VALUE - 8L, (long) b.length * 2 + 16));
    CoderResult r = decoder.decode(in, out, true);
    if (r.isError()) {
      int bad = in.position();
      int line = 1;
      int col = 1;
      for (int i = 0; i < out.position(); i++) {
        if (out.get(i) == '\n') {
          line++;
          col = 1;
        } else {
          col++;
        }
      }
      problems.add(
          Problem.error(
              ProblemCode.INVALID_ENCODING,
              new SourceLocation("", line, col),
              "the document is not valid " + cs.name() + " (bad byte at offset " + bad + ")"));
      return null;
    }
    try {
      decoder.flush(out);
    } catch (RuntimeException e) {
      return null;
    }
    out.flip();
    return out.toString();
  }

  private Node parse(String text) {
    JsonParser p = null;
    try {
      p = format == DocumentFormat.JSON
          ? JSON.createParser(ObjectReadContext.empty(), text)
          : YAML.createParser(ObjectReadContext.empty(), text);
      JsonToken first = p.nextToken();
      if (first == null) {
        problems.add(Problem.error(ProblemCode.EMPTY_DOCUMENT, new SourceLocation("", 1, 1), "the document is empty"));
        return null;
      }
      Node root = value(p, first, "", 0);
      if (root == null || aborted) {
        return null;
      }
      JsonToken next = p.nextToken();
      if (next != null) {
        TokenStreamLocation l = p.currentTokenLocation();
        problems.add(
            Problem.error(
                ProblemCode.MULTIPLE_DOCUMENTS,
                new SourceLocation("", line(l), column(l)),
                "the stream holds more than one document; only one is allowed"));
        return null;
      }
      return root;
    } catch (JacksonException e) {
      TokenStreamLocation l = e.getLocation();
      ProblemCode code = format == DocumentFormat.JSON ? ProblemCode.JSON_SYNTAX : ProblemCode.YAML_SYNTAX;
      problems.add(
          Problem.error(code, new SourceLocation("", line(l), column(l)), firstLine(e.getOriginalMessage())));
      return null;
    } catch (RuntimeException | StackOverflowError e) {
      // The YAML engine can throw its own exceptions for some malformed inputs; report them, never rethrow.
      problems.add(
          Problem.error(
              format == DocumentFormat.JSON ? ProblemCode.JSON_SYNTAX : ProblemCode.YAML_SYNTAX,
              new SourceLocation("", 1, 1),
              "the document could not be parsed: " + firstLine(String.valueOf(e.getMessage()))));
      return null;
    } finally {
      if (p != null) {
        try {
          p.close();
        } catch (RuntimeException ignored) {
          // nothing to do: the problem, if any, is already recorded
        }
      }
    }
  }

  /**
   * A one-line message from a parser message: the lines that say something (not the indented source excerpt or
   * the {@code ^} marker), joined with {@code "; "}, at most 300 characters, never blank.
   */
  static String firstLine(String message) {
    StringBuilder out = new StringBuilder();
    if (message != null) {
      for (String line : message.split("\\R")) {
        String t = line.strip();
        if (t.isEmpty() || line.startsWith(" ") || t.startsWith("^") || t.startsWith("at [Source")) {
          continue;
        }
        if (out.length() > 0) {
          out.append("; ");
        }
        out.append(t);
      }
    }
    String s = out.length() == 0 ? "syntax error" : out.toString();
    return s.length() > 300 ? s.substring(0, 300) + "..." : s;
  }

  private static int line(TokenStreamLocation l) {
    return l == null || l.getLineNr() < 1 ? 0 : l.getLineNr();
  }

  private static int column(TokenStreamLocation l) {
    return l == null || l.getColumnNr() < 1 ? 0 : l.getColumnNr();
  }

  private boolean fail(ProblemCode code, TokenStreamLocation l, String pointer, String message) {
    problems.add(Problem.error(code, new SourceLocation(pointer, line(l), column(l)), message));
    aborted = true;
    return false;
  }

  private boolean countNodes(long n, TokenStreamLocation l, String pointer) {
    nodes += n;
    if (nodes > limits.maxNodes()) {
      return fail(
          ProblemCode.TOO_MANY_NODES,
          l,
          pointer,
          "the document expands to more than " + limits.maxNodes() + " nodes (YAML aliases count each time they are used)");
    }
    return true;
  }

  private Node value(JsonParser p, JsonToken t, String pointer, int depth) {
    TokenStreamLocation l = p.currentTokenLocation();
    if (!checkTag(p, l, pointer)) {
      return null;
    }
    String anchor = anchorOf(p);
    long before = nodes;
    Node node;
    switch (t) {
      case START_OBJECT -> node = mapping(p, l, pointer, depth + 1);
      case START_ARRAY -> node = sequence(p, l, pointer, depth + 1);
      default -> node = scalar(p, t, l, pointer);
    }
    if (node == null || aborted) {
      return null;
    }
    if (anchor != null) {
      anchors.put(anchor, node);
      sizes.put(node, (int) Math.min(Integer.MAX_VALUE, nodes - before));
    }
    return node;
  }

  private String anchorOf(JsonParser p) {
    if (p instanceof YAMLParser y && !y.isCurrentAlias()) {
      Object id = y.getObjectId();
      return id == null ? null : id.toString();
    }
    return null;
  }

  private boolean checkTag(JsonParser p, TokenStreamLocation l, String pointer) {
    if (!(p instanceof YAMLParser y)) {
      return true;
    }
    Object tag = y.getTypeId();
    if (tag == null) {
      return true;
    }
    String s = tag.toString();
    if (s.startsWith(CORE_TAG_PREFIX) && CORE_TAGS.contains(s.substring(CORE_TAG_PREFIX.length()))) {
      return true;
    }
    if (s.equals("!")) {
      return true;
    }
    return fail(ProblemCode.UNSUPPORTED_TAG, l, pointer, "YAML tag '" + s + "' is not supported; use plain mappings, sequences and scalars");
  }

  private Node mapping(JsonParser p, TokenStreamLocation start, String pointer, int depth) {
    if (depth > limits.maxDepth()) {
      fail(ProblemCode.NESTING_TOO_DEEP, start, pointer, "the document nests deeper than " + limits.maxDepth() + " levels");
      return null;
    }
    if (!countNodes(1, start, pointer)) {
      return null;
    }
    Node.MapNode map = new Node.MapNode(line(start), column(start));
    JsonToken t;
    while ((t = p.nextToken()) != JsonToken.END_OBJECT) {
      if (t == null) {
        fail(ProblemCode.YAML_SYNTAX, p.currentTokenLocation(), pointer, "unexpected end of document inside a mapping");
        return null;
      }
      TokenStreamLocation kl = p.currentTokenLocation();
      String key = p.currentName();
      if (key == null) {
        key = "";
      }
      String child = JsonPointer.key(pointer, key);
      if (key.length() > limits.maxScalarLength()) {
        fail(ProblemCode.SCALAR_TOO_LONG, kl, child, "a key is longer than " + limits.maxScalarLength() + " characters");
        return null;
      }
      JsonToken vt = p.nextToken();
      if (map.entries.containsKey(key)) {
        fail(ProblemCode.DUPLICATE_KEY, kl, child, "duplicate key '" + key + "' (first at line " + map.entries.get(key).keyLine() + ")");
        return null;
      }
      if (map.entries.size() >= limits.maxCollectionSize()) {
        fail(ProblemCode.COLLECTION_TOO_LARGE, kl, pointer, "a mapping has more than " + limits.maxCollectionSize() + " entries");
        return null;
      }
      Node v = value(p, vt, child, depth);
      if (v == null) {
        return null;
      }
      map.entries.put(key, new Node.Entry(key, line(kl), column(kl), v));
    }
    return map;
  }

  private Node sequence(JsonParser p, TokenStreamLocation start, String pointer, int depth) {
    if (depth > limits.maxDepth()) {
      fail(ProblemCode.NESTING_TOO_DEEP, start, pointer, "the document nests deeper than " + limits.maxDepth() + " levels");
      return null;
    }
    if (!countNodes(1, start, pointer)) {
      return null;
    }
    Node.ListNode list = new Node.ListNode(line(start), column(start));
    JsonToken t;
    while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
      if (t == null) {
        fail(ProblemCode.YAML_SYNTAX, p.currentTokenLocation(), pointer, "unexpected end of document inside a sequence");
        return null;
      }
      String child = JsonPointer.index(pointer, list.items.size());
      if (list.items.size() >= limits.maxCollectionSize()) {
        fail(ProblemCode.COLLECTION_TOO_LARGE, p.currentTokenLocation(), pointer, "a sequence has more than " + limits.maxCollectionSize() + " items");
        return null;
      }
      Node v = value(p, t, child, depth);
      if (v == null) {
        return null;
      }
      list.items.add(v);
    }
    return list;
  }

  private Node scalar(JsonParser p, JsonToken t, TokenStreamLocation l, String pointer) {
    if (p instanceof YAMLParser y && y.isCurrentAlias()) {
      String name = p.getString();
      Node target = anchors.get(name);
      if (target == null) {
        fail(ProblemCode.UNKNOWN_ALIAS, l, pointer, "alias *" + name + " refers to no anchor defined before it");
        return null;
      }
      Integer size = sizes.get(target);
      return countNodes(size == null ? 1 : size, l, pointer) ? target : null;
    }
    if (!countNodes(1, l, pointer)) {
      return null;
    }
    Node.ScalarType type =
        switch (t) {
          case VALUE_STRING -> Node.ScalarType.STRING;
          case VALUE_NUMBER_INT -> Node.ScalarType.INTEGER;
          case VALUE_NUMBER_FLOAT -> Node.ScalarType.FLOAT;
          case VALUE_TRUE, VALUE_FALSE -> Node.ScalarType.BOOLEAN;
          case VALUE_NULL -> Node.ScalarType.NULL;
          default -> null;
        };
    if (type == null) {
      fail(ProblemCode.YAML_SYNTAX, l, pointer, "unexpected token " + t);
      return null;
    }
    String text = type == Node.ScalarType.NULL ? null : p.getString();
    if (text != null && text.length() > limits.maxScalarLength()) {
      fail(ProblemCode.SCALAR_TOO_LONG, l, pointer, "a scalar is longer than " + limits.maxScalarLength() + " characters");
      return null;
    }
    if (type == Node.ScalarType.BOOLEAN) {
      text = t == JsonToken.VALUE_TRUE ? "true" : "false";
    }
    return new Node.ScalarNode(line(l), column(l), type, text);
  }
}
