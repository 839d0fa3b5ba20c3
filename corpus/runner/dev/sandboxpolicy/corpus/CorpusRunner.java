package dev.sandboxpolicy.corpus;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Runs the case corpus (corpus/README.md) against any implementation of the {@code serve --stdio} JSON Lines
 * protocol: starts the server command, sends each case's request, compares the response with the case's
 * expectation, and prints a TAP report. Depends on nothing but the JDK, so it runs as a single source file:
 *
 * <pre>
 * java corpus/runner/dev/sandboxpolicy/corpus/CorpusRunner.java -- ./policyctl serve --stdio
 * java corpus/runner/dev/sandboxpolicy/corpus/CorpusRunner.java --skip problems -- ./my-proxy --policy-protocol
 * </pre>
 *
 * <p>Options: {@code --corpus DIR} (default: the {@code corpus} directory above this file, or {@code ./corpus}),
 * {@code --skip FIELD} (repeatable: do not compare this response field, e.g. {@code problems} for an implementation
 * with other problem codes), {@code --only FILE} (run one {@code .jsonl} file). Exit status: 0 every case passed,
 * 1 some case failed, 2 the corpus or the server could not be used.
 */
public final class CorpusRunner {

  /** Exchanges one request line for one response line (a server process, or an in-process one in tests). */
  @FunctionalInterface
  public interface Transport {
    String exchange(String requestLine) throws IOException;
  }

  /** One case of the corpus. */
  public record Case(String file, int line, String name, String spec, Map<String, Object> request, Object expect) {}

  /** One case's outcome: empty {@code mismatches} when it passed. */
  public record Outcome(Case testCase, String response, List<String> mismatches) {
    public boolean passed() {
      return mismatches.isEmpty();
    }
  }

  private CorpusRunner() {}

  public static void main(String[] args) throws Exception {
    Path corpus = null;
    Set<String> skip = new HashSet<>();
    String only = null;
    int i = 0;
    for (; i < args.length && !args[i].equals("--"); i++) {
      switch (args[i]) {
        case "--corpus" -> corpus = Path.of(args[++i]);
        case "--skip" -> skip.add(args[++i]);
        case "--only" -> only = args[++i];
        default -> usage("unknown option " + args[i]);
      }
    }
    if (i + 1 >= args.length) {
      usage("give the server command after --");
    }
    List<String> command = List.of(args).subList(i + 1, args.length);
    Path dir = corpus != null ? corpus : Files.isDirectory(Path.of("corpus")) ? Path.of("corpus") : Path.of(".");
    List<Case> cases;
    try {
      cases = read(dir, only);
    } catch (IllegalArgumentException | IOException e) {
      System.err.println("corpus: " + e.getMessage());
      System.exit(2);
      return;
    }
    Process server = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    Writer toServer = new OutputStreamWriter(server.getOutputStream(), StandardCharsets.UTF_8);
    BufferedReader fromServer =
        new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
    Transport transport = line -> {
      toServer.write(line);
      toServer.write('\n');
      toServer.flush();
      String response = fromServer.readLine();
      if (response == null) {
        throw new IOException("the server closed its output");
      }
      return response;
    };
    int status;
    try {
      status = report(run(cases, transport, skip), System.out);
    } catch (IOException e) {
      System.err.println("corpus: " + e.getMessage());
      status = 2;
    } finally {
      toServer.close();
      server.destroy();
    }
    System.exit(status);
  }

  private static void usage(String message) {
    System.err.println("corpus: " + message);
    System.err.println("usage: CorpusRunner [--corpus DIR] [--skip FIELD]... [--only FILE] -- SERVER COMMAND...");
    System.exit(2);
  }

  /** Every case of every {@code .jsonl} file of {@code dir} (or of {@code only}), in file-name then line order. */
  public static List<Case> read(Path dir, String only) throws IOException {
    List<Path> files;
    try (Stream<Path> list = Files.list(dir)) {
      files = list.filter(f -> f.getFileName().toString().endsWith(".jsonl"))
          .filter(f -> only == null || f.getFileName().toString().equals(only))
          .sorted()
          .toList();
    }
    if (files.isEmpty()) {
      throw new IllegalArgumentException("no .jsonl case files in " + dir.toAbsolutePath());
    }
    List<Case> out = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (Path file : files) {
      List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
      for (int n = 0; n < lines.size(); n++) {
        String text = lines.get(n).strip();
        if (text.isEmpty() || text.startsWith("#")) {
          continue;
        }
        String where = file.getFileName() + ":" + (n + 1);
        Object parsed;
        try {
          parsed = Json.parse(text);
        } catch (IllegalArgumentException e) {
          throw new IllegalArgumentException(where + ": " + e.getMessage());
        }
        if (!(parsed instanceof Map<?, ?> c) || !(c.get("name") instanceof String name)
            || !(c.get("request") instanceof Map<?, ?> request) || !c.containsKey("expect")) {
          throw new IllegalArgumentException(where + ": a case is an object with name, request and expect");
        }
        if (!names.add(name)) {
          throw new IllegalArgumentException(where + ": case name '" + name + "' is used twice");
        }
        Map<String, Object> filled = new LinkedHashMap<>();
        request.forEach((k, v) -> filled.put((String) k, v));
        if (c.get("files") instanceof Map<?, ?> files2) {
          for (Map.Entry<?, ?> e : files2.entrySet()) {
            Path referenced = dir.resolve((String) e.getValue());
            filled.put((String) e.getKey(), Files.readString(referenced, StandardCharsets.UTF_8));
          }
        }
        out.add(new Case(file.getFileName().toString(), n + 1, name,
            c.get("spec") instanceof String s ? s : "", filled, c.get("expect")));
      }
    }
    return out;
  }

  /** Runs every case through {@code transport}, comparing all response fields but those in {@code skip}. */
  public static List<Outcome> run(List<Case> cases, Transport transport, Set<String> skip) throws IOException {
    List<Outcome> out = new ArrayList<>();
    for (Case c : cases) {
      String response = transport.exchange(Json.write(c.request()));
      List<String> mismatches = new ArrayList<>();
      Object actual;
      try {
        actual = Json.parse(response);
      } catch (IllegalArgumentException e) {
        mismatches.add("the response is not JSON: " + e.getMessage());
        out.add(new Outcome(c, response, mismatches));
        continue;
      }
      match("", c.expect(), actual, skip, mismatches);
      out.add(new Outcome(c, response, mismatches));
    }
    return out;
  }

  /** Prints a TAP 13 report; returns 0 when every case passed, else 1. */
  public static int report(List<Outcome> outcomes, PrintStream out) {
    out.println("TAP version 13");
    out.println("1.." + outcomes.size());
    int failed = 0;
    for (int i = 0; i < outcomes.size(); i++) {
      Outcome o = outcomes.get(i);
      Case c = o.testCase();
      String title = c.file() + ":" + c.line() + " " + c.name() + (c.spec().isEmpty() ? "" : " (" + c.spec() + ")");
      if (o.passed()) {
        out.println("ok " + (i + 1) + " - " + title);
        continue;
      }
      failed++;
      out.println("not ok " + (i + 1) + " - " + title);
      out.println("  ---");
      o.mismatches().forEach(m -> out.println("  mismatch: " + m.replace('\n', ' ')));
      out.println("  response: " + o.response());
      out.println("  ...");
    }
    out.println("# " + (outcomes.size() - failed) + " passed, " + failed + " failed");
    return failed == 0 ? 0 : 1;
  }

  /**
   * Compares {@code actual} with {@code expected} at {@code path}: an object matches when every expected field
   * matches (other fields are ignored); an array when it has as many elements, each matching in order; a scalar when
   * equal (numbers by value). Two forms relax this: {@code {"$contains": [...]}} matches an array in which each
   * expected element matches some element, and {@code {"$substring": "..."}} a string that contains it.
   */
  static void match(String path, Object expected, Object actual, Set<String> skip, List<String> mismatches) {
    if (expected instanceof Map<?, ?> e && e.size() == 1 && e.containsKey("$substring")) {
      if (!(actual instanceof String s) || !s.contains((String) e.get("$substring"))) {
        mismatches.add(at(path) + ": expected a string containing " + Json.write(e.get("$substring")) + ", got "
            + Json.write(actual));
      }
      return;
    }
    if (expected instanceof Map<?, ?> e && e.size() == 1 && e.containsKey("$contains")) {
      if (!(actual instanceof List<?> list)) {
        mismatches.add(at(path) + ": expected an array, got " + Json.write(actual));
        return;
      }
      for (Object wanted : (List<?>) e.get("$contains")) {
        boolean found = list.stream().anyMatch(a -> {
          List<String> none = new ArrayList<>();
          match(path, wanted, a, skip, none);
          return none.isEmpty();
        });
        if (!found) {
          mismatches.add(at(path) + ": no element matches " + Json.write(wanted) + " in " + Json.write(actual));
        }
      }
      return;
    }
    if (expected instanceof Map<?, ?> e) {
      if (!(actual instanceof Map<?, ?> a)) {
        mismatches.add(at(path) + ": expected an object, got " + Json.write(actual));
        return;
      }
      for (Map.Entry<?, ?> field : e.entrySet()) {
        String key = (String) field.getKey();
        if (path.isEmpty() && skip.contains(key)) {
          continue;
        }
        if (!a.containsKey(key)) {
          mismatches.add(at(path + "/" + key) + ": missing, expected " + Json.write(field.getValue()));
          continue;
        }
        match(path + "/" + key, field.getValue(), a.get(key), skip, mismatches);
      }
      return;
    }
    if (expected instanceof List<?> e) {
      if (!(actual instanceof List<?> a) || a.size() != e.size()) {
        mismatches.add(at(path) + ": expected " + Json.write(expected) + ", got " + Json.write(actual));
        return;
      }
      for (int i = 0; i < e.size(); i++) {
        match(path + "/" + i, e.get(i), a.get(i), skip, mismatches);
      }
      return;
    }
    boolean equal = expected instanceof BigDecimal x && actual instanceof BigDecimal y
        ? x.compareTo(y) == 0
        : java.util.Objects.equals(expected, actual);
    if (!equal) {
      mismatches.add(at(path) + ": expected " + Json.write(expected) + ", got " + Json.write(actual));
    }
  }

  private static String at(String path) {
    return path.isEmpty() ? "the response" : path;
  }

  /** A minimal JSON reader and writer: objects (insertion order), arrays, strings, numbers, booleans, null. */
  static final class Json {
    private final String s;
    private int i;

    private Json(String s) {
      this.s = s;
    }

    /** Parses one JSON value; {@link IllegalArgumentException} when the text is not exactly one. */
    static Object parse(String text) {
      Json p = new Json(text);
      Object value = p.value();
      p.space();
      if (p.i != text.length()) {
        throw p.error("text after the value");
      }
      return value;
    }

    private IllegalArgumentException error(String what) {
      return new IllegalArgumentException(what + " at character " + (i + 1));
    }

    private void space() {
      while (i < s.length() && (s.charAt(i) == ' ' || s.charAt(i) == '\t' || s.charAt(i) == '\n'
          || s.charAt(i) == '\r')) {
        i++;
      }
    }

    private Object value() {
      space();
      if (i >= s.length()) {
        throw error("unexpected end");
      }
      char c = s.charAt(i);
      switch (c) {
        case '{' -> {
          i++;
          Map<String, Object> m = new LinkedHashMap<>();
          space();
          if (i < s.length() && s.charAt(i) == '}') {
            i++;
            return m;
          }
          while (true) {
            space();
            if (i >= s.length() || s.charAt(i) != '"') {
              throw error("expected a key");
            }
            String key = string();
            space();
            expect(':');
            if (m.put(key, value()) != null) {
              throw error("duplicate key '" + key + "'");
            }
            space();
            if (i < s.length() && s.charAt(i) == ',') {
              i++;
            } else {
              expect('}');
              return m;
            }
          }
        }
        case '[' -> {
          i++;
          List<Object> l = new ArrayList<>();
          space();
          if (i < s.length() && s.charAt(i) == ']') {
            i++;
            return l;
          }
          while (true) {
            l.add(value());
            space();
            if (i < s.length() && s.charAt(i) == ',') {
              i++;
            } else {
              expect(']');
              return l;
            }
          }
        }
        case '"' -> {
          return string();
        }
        default -> {
          if (s.startsWith("true", i)) {
            i += 4;
            return Boolean.TRUE;
          }
          if (s.startsWith("false", i)) {
            i += 5;
            return Boolean.FALSE;
          }
          if (s.startsWith("null", i)) {
            i += 4;
            return null;
          }
          int start = i;
          while (i < s.length() && "+-0123456789.eE".indexOf(s.charAt(i)) >= 0) {
            i++;
          }
          try {
            return new BigDecimal(s.substring(start, i));
          } catch (NumberFormatException e) {
            i = start;
            throw error("not a JSON value");
          }
        }
      }
    }

    private void expect(char c) {
      if (i >= s.length() || s.charAt(i) != c) {
        throw error("expected '" + c + "'");
      }
      i++;
    }

    private String string() {
      expect('"');
      StringBuilder b = new StringBuilder();
      while (true) {
        if (i >= s.length()) {
          throw error("unterminated string");
        }
        char c = s.charAt(i++);
        if (c == '"') {
          return b.toString();
        }
        if (c < 0x20) {
          throw error("control character in a string");
        }
        if (c != '\\') {
          b.append(c);
          continue;
        }
        if (i >= s.length()) {
          throw error("unterminated escape");
        }
        char e = s.charAt(i++);
        switch (e) {
          case '"', '\\', '/' -> b.append(e);
          case 'b' -> b.append('\b');
          case 'f' -> b.append('\f');
          case 'n' -> b.append('\n');
          case 'r' -> b.append('\r');
          case 't' -> b.append('\t');
          case 'u' -> {
            if (i + 4 > s.length()) {
              throw error("short \\u escape");
            }
            try {
              b.append((char) Integer.parseInt(s.substring(i, i + 4), 16));
            } catch (NumberFormatException x) {
              throw error("bad \\u escape");
            }
            i += 4;
          }
          default -> throw error("bad escape \\" + e);
        }
      }
    }

    /** {@code value} as compact JSON. */
    static String write(Object value) {
      StringBuilder b = new StringBuilder();
      write(value, b);
      return b.toString();
    }

    private static void write(Object v, StringBuilder b) {
      if (v == null) {
        b.append("null");
      } else if (v instanceof String str) {
        b.append('"');
        for (int k = 0; k < str.length(); k++) {
          char c = str.charAt(k);
          switch (c) {
            case '"' -> b.append("\\\"");
            case '\\' -> b.append("\\\\");
            case '\n' -> b.append("\\n");
            case '\r' -> b.append("\\r");
            case '\t' -> b.append("\\t");
            default -> {
              if (c < 0x20) {
                b.append(String.format("\\u%04x", (int) c));
              } else {
                b.append(c);
              }
            }
          }
        }
        b.append('"');
      } else if (v instanceof Map<?, ?> m) {
        b.append('{');
        boolean first = true;
        for (Map.Entry<?, ?> e : m.entrySet()) {
          b.append(first ? "" : ",");
          first = false;
          write(e.getKey(), b);
          b.append(':');
          write(e.getValue(), b);
        }
        b.append('}');
      } else if (v instanceof List<?> l) {
        b.append('[');
        for (int k = 0; k < l.size(); k++) {
          b.append(k == 0 ? "" : ",");
          write(l.get(k), b);
        }
        b.append(']');
      } else if (v instanceof BigDecimal d) {
        b.append(d.toPlainString());
      } else {
        b.append(v);
      }
    }
  }
}
