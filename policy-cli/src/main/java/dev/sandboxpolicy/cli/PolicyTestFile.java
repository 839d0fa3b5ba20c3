package dev.sandboxpolicy.cli;

import dev.sandboxpolicy.io.PolicyReader;
import dev.sandboxpolicy.io.ReadMode;
import dev.sandboxpolicy.io.ReadResult;
import dev.sandboxpolicy.matcher.Verdict;
import dev.sandboxpolicy.model.JsonPointer;
import dev.sandboxpolicy.model.Problem;
import dev.sandboxpolicy.model.ProblemCode;
import dev.sandboxpolicy.model.SourceLocation;
import dev.sandboxpolicy.model.SourceMap;
import dev.sandboxpolicy.traffic.input.DecisionRequest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A policy test file (docs/testing-policies.md): the policy under test ({@code policy:}, a path relative to the test
 * file, and/or {@code presets:} applied on top of it as {@code policyctl merge} applies them) and its {@code cases},
 * each a {@code decide} request of the stdio protocol with the decision it must get.
 *
 * <pre>{@code
 * policy: sandbox.yaml
 * cases:
 *   - name: gh reads the API
 *     request: {host: api.github.com, port: 443, binary: /usr/bin/gh, method: GET, target: /repos/acme/x}
 *     expect: allow
 *     entry: github
 * }</pre>
 *
 * <p>The file is read like a policy, strictly: by the library's reader (its limits, duplicate keys, positions), with
 * every unknown key, wrong type, missing field and malformed request a problem with a JSON pointer, a line and a
 * column. An explicit {@code null} counts as absent.
 *
 * @param name the file as named on the command line ({@code <stdin>} for standard input)
 * @param policy the {@code policy} value as written, with its location
 * @param presets the {@code presets} values as written (built-in preset names or preset files), with locations
 * @param binaryIdentity {@code binary_identity} (default true): false decides in endpoint-only mode, as the
 *     protocol's {@code decide} with {@code binary_identity: false}
 * @param cases the cases, in file order
 * @param sourceMap positions in the test file
 */
record PolicyTestFile(
    String name,
    Optional<Located> policy,
    List<Located> presets,
    boolean binaryIdentity,
    List<PolicyTestCase> cases,
    SourceMap sourceMap) {

  /** The top-level keys. */
  static final String POLICY = "policy";

  static final String PRESETS = "presets";

  static final String CASES = "cases";

  static final String BINARY_IDENTITY = "binary_identity";

  /** The keys of one case. */
  static final String NAME = "name";

  static final String REQUEST = "request";

  static final String EXPECT = "expect";

  static final String ENTRY = "entry";

  static final String REASON_CONTAINS = "reason_contains";

  private static final Set<String> FILE_KEYS = Set.of(POLICY, PRESETS, BINARY_IDENTITY, CASES);

  private static final Set<String> CASE_KEYS = Set.of(NAME, REQUEST, EXPECT, ENTRY, REASON_CONTAINS);

  /** A string value of the file and where it is written. */
  record Located(String value, SourceLocation at) {}

  /** The outcome of reading a test file: the file when it has no errors, and every problem found. */
  record Read(Optional<PolicyTestFile> file, List<Problem> problems) {}

  PolicyTestFile {
    presets = List.copyOf(presets);
    cases = List.copyOf(cases);
  }

  /** Reads and checks {@code document}. Never throws for bad input: every defect is a located problem. */
  static Read read(InputDocument document) {
    Optional<String> text = document.utf8Text();
    if (text.isEmpty()) {
      return new Read(Optional.empty(),
          List.of(Problem.error(ProblemCode.INVALID_ENCODING, SourceLocation.NONE, "the test file is not UTF-8 text")));
    }
    ReadResult<Object> tree = PolicyReader.of(ReadMode.STRICT).readTree(text.get(), document.format());
    List<Problem> problems = new ArrayList<>(tree.problems());
    if (tree.hasErrors() || tree.value().isEmpty()) {
      if (problems.stream().noneMatch(Problem::isError)) {
        problems.add(Problem.error(ProblemCode.EMPTY_DOCUMENT, SourceLocation.NONE, "the test file is empty"));
      }
      return new Read(Optional.empty(), List.copyOf(problems));
    }
    Walker walker = new Walker(tree.sourceMap(), problems);
    PolicyTestFile file = walker.file(document.name(), tree.value().get());
    return new Read(
        problems.stream().anyMatch(Problem::isError) ? Optional.empty() : Optional.ofNullable(file),
        List.copyOf(problems));
  }

  /** Walks the plain tree, collecting problems. */
  private static final class Walker {
    private final SourceMap map;
    private final List<Problem> problems;

    Walker(SourceMap map, List<Problem> problems) {
      this.map = map;
      this.problems = problems;
    }

    PolicyTestFile file(String name, Object root) {
      Optional<Map<String, Object>> top = mapping(root, "", "the test file");
      if (top.isEmpty()) {
        return null;
      }
      unknownKeys(top.get(), "", FILE_KEYS, "the test file");
      Optional<Located> policy = string(top.get(), "", POLICY);
      List<Located> presets = new ArrayList<>();
      Object presetNode = top.get().get(PRESETS);
      String presetsPointer = JsonPointer.key("", PRESETS);
      if (presetNode != null) {
        if (presetNode instanceof List<?> list) {
          for (int i = 0; i < list.size(); i++) {
            String p = JsonPointer.index(presetsPointer, i);
            if (list.get(i) instanceof String s && !s.isBlank()) {
              presets.add(new Located(s, at(p)));
            } else {
              problems.add(Problem.error(ProblemCode.WRONG_TYPE, at(p),
                  "a preset is a built-in preset name or a preset file (a non-empty string)"));
            }
          }
        } else {
          wrongType(presetsPointer, "a list of built-in preset names or preset files");
        }
      }
      if (policy.isEmpty() && presets.isEmpty()) {
        problems.add(Problem.error(ProblemCode.MISSING_FIELD, at(""),
            "a test file names the policy under test: 'policy' (a file) and/or 'presets' (applied on top)"));
      }
      boolean binaryIdentity = true;
      Object identity = top.get().get(BINARY_IDENTITY);
      if (identity instanceof Boolean b) {
        binaryIdentity = b;
      } else if (identity != null) {
        wrongType(JsonPointer.key("", BINARY_IDENTITY), "true or false");
      }
      List<PolicyTestCase> cases = cases(top.get());
      return new PolicyTestFile(name, policy, presets, binaryIdentity, cases, map);
    }

    private List<PolicyTestCase> cases(Map<String, Object> top) {
      String pointer = JsonPointer.key("", CASES);
      Object node = top.get(CASES);
      if (node == null) {
        problems.add(Problem.error(ProblemCode.MISSING_FIELD, at(""), "a test file needs 'cases' (a list of cases)"));
        return List.of();
      }
      if (!(node instanceof List<?> list)) {
        wrongType(pointer, "a list of cases");
        return List.of();
      }
      if (list.isEmpty()) {
        problems.add(Problem.error(ProblemCode.SIZE_INVALID, at(pointer), "'cases' holds no case"));
      }
      List<PolicyTestCase> out = new ArrayList<>();
      Map<String, SourceLocation> names = new HashMap<>();
      for (int i = 0; i < list.size(); i++) {
        PolicyTestCase c = testCase(list.get(i), JsonPointer.index(pointer, i));
        if (c == null) {
          continue;
        }
        SourceLocation first = names.putIfAbsent(c.name(), c.at());
        if (first != null) {
          problems.add(Problem.error(ProblemCode.VALUE_NOT_ALLOWED, at(JsonPointer.key(c.at().pointer(), NAME)),
              "case name '" + c.name() + "' is already used by the case at line " + first.line()));
          continue;
        }
        out.add(c);
      }
      return out;
    }

    private PolicyTestCase testCase(Object node, String pointer) {
      Optional<Map<String, Object>> fields = mapping(node, pointer, "a case");
      if (fields.isEmpty()) {
        return null;
      }
      int before = errorCount();
      unknownKeys(fields.get(), pointer, CASE_KEYS, "a case");
      Optional<Located> name = required(fields.get(), pointer, NAME, "the case's name");
      if (name.isPresent() && name.get().value().isBlank()) {
        problems.add(Problem.error(ProblemCode.VALUE_NOT_ALLOWED, name.get().at(), "a case name must not be blank"));
      }
      Optional<Located> expect = required(fields.get(), pointer, EXPECT, "allow, deny or error");
      Optional<Verdict> verdict = Optional.empty();
      if (expect.isPresent()) {
        verdict = DecisionJson.verdictNamed(expect.get().value());
        if (verdict.isEmpty()) {
          problems.add(Problem.error(ProblemCode.VALUE_NOT_ALLOWED, expect.get().at(),
              "'expect' must be allow, deny or error, not '" + expect.get().value() + "'"));
        }
      }
      Optional<Located> entry = string(fields.get(), pointer, ENTRY);
      Optional<Located> reason = string(fields.get(), pointer, REASON_CONTAINS);
      Optional<DecisionRequest> request = request(fields.get(), pointer);
      if (errorCount() > before || name.isEmpty() || verdict.isEmpty() || request.isEmpty()) {
        return null;
      }
      return new PolicyTestCase(
          name.get().value(),
          at(pointer),
          request.get(),
          verdict.get(),
          entry.map(Located::value),
          reason.map(Located::value));
    }

    /** The case's request, decoded exactly as the protocol's {@code decide} request (a raw target allowed). */
    private Optional<DecisionRequest> request(Map<String, Object> fields, String casePointer) {
      String pointer = JsonPointer.key(casePointer, REQUEST);
      Object node = fields.get(REQUEST);
      if (node == null) {
        problems.add(Problem.error(ProblemCode.MISSING_FIELD, at(casePointer), "a case needs 'request'"));
        return Optional.empty();
      }
      Optional<Map<String, Object>> request = mapping(node, pointer, "the request (the stdio protocol's decide request)");
      if (request.isEmpty()) {
        return Optional.empty();
      }
      int before = errorCount();
      unknownKeys(request.get(), pointer, DecisionRequest.FIELDS, "a request");
      if (errorCount() > before) {
        return Optional.empty();
      }
      JsonNode json = Json.tree(request.get());
      try {
        return Optional.of(new RequestFields((ObjectNode) json).decisionRequest(true));
      } catch (ProtocolError e) {
        problems.add(Problem.error(ProblemCode.REQUEST_INVALID, at(pointer),
            "not a valid decide request: " + e.getMessage()));
        return Optional.empty();
      }
    }

    private int errorCount() {
      return (int) problems.stream().filter(Problem::isError).count();
    }

    private SourceLocation at(String pointer) {
      return map.nearest(pointer);
    }

    @SuppressWarnings("unchecked")
    private Optional<Map<String, Object>> mapping(Object node, String pointer, String what) {
      if (node instanceof Map<?, ?> m) {
        return Optional.of((Map<String, Object>) m);
      }
      wrongType(pointer, "a mapping (" + what + ")");
      return Optional.empty();
    }

    private void wrongType(String pointer, String expected) {
      problems.add(Problem.error(ProblemCode.WRONG_TYPE, at(pointer), "expected " + expected + " at " + shown(pointer)));
    }

    private static String shown(String pointer) {
      return pointer.isEmpty() ? "the top" : pointer;
    }

    private void unknownKeys(Map<String, Object> fields, String pointer, Set<String> known, String what) {
      for (String key : fields.keySet()) {
        if (!known.contains(key)) {
          String p = JsonPointer.key(pointer, key);
          problems.add(Problem.error(ProblemCode.UNKNOWN_KEY, at(p),
              "unknown key '" + key + "' in " + what + " (known: " + String.join(", ", sorted(known)) + ")"));
        }
      }
    }

    private static List<String> sorted(Set<String> keys) {
      return keys.stream().sorted().toList();
    }

    private Optional<Located> required(Map<String, Object> fields, String pointer, String key, String what) {
      if (fields.get(key) == null) {
        problems.add(Problem.error(ProblemCode.MISSING_FIELD, at(pointer), "a case needs '" + key + "' (" + what + ")"));
        return Optional.empty();
      }
      return string(fields, pointer, key);
    }

    private Optional<Located> string(Map<String, Object> fields, String pointer, String key) {
      Object value = fields.get(key);
      if (value == null) {
        return Optional.empty();
      }
      String p = JsonPointer.key(pointer, key);
      if (value instanceof String s) {
        return Optional.of(new Located(s, at(p)));
      }
      wrongType(p, "a string");
      return Optional.empty();
    }
  }
}
