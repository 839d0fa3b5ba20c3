package dev.sandboxpolicy.cli;

import dev.sandboxpolicy.model.Problem;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@link FileReport}s as a SARIF 2.1.0 log (OASIS Static Analysis Results Interchange Format): one run of the
 * {@code policyctl} tool, one rule per problem code, one result per problem with its file, line, column and JSON
 * Pointer (as the logical location), and an unreadable input as a tool execution notification of a run that did
 * not succeed. Relative file names are relative to {@code %SRCROOT%}, the working directory.
 */
final class Sarif {

  /** The SARIF version written. */
  static final String VERSION = "2.1.0";

  /** The published schema of {@link #VERSION} (OASIS SARIF v2.1.0 errata 01). */
  static final String SCHEMA =
      "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";

  /** The base of relative artifact locations: the directory policyctl ran in. */
  static final String SOURCE_ROOT = "%SRCROOT%";

  /** The page that documents every problem code (relative to the project's URL). */
  static final String CODES_PAGE = "/blob/main/docs/validation-codes.md";

  private Sarif() {}

  /** The whole log. */
  static ObjectNode log(List<FileReport> reports, Terminal terminal) {
    ObjectNode log = Json.object();
    log.put("$schema", SCHEMA);
    log.put("version", VERSION);
    ObjectNode run = log.putArray("runs").addObject();

    Map<String, Integer> ruleIndex = new LinkedHashMap<>();
    List<ObjectNode> results = new ArrayList<>();
    List<ObjectNode> notifications = new ArrayList<>();
    for (FileReport r : reports) {
      if (r.unreadable().isPresent()) {
        CommandFailure failure = r.unreadable().get();
        ObjectNode n = Json.object();
        n.put("level", "error");
        n.putObject("message").put("text", failure.getMessage());
        n.putObject("descriptor").put("id", failure.code());
        n.putArray("locations").addObject().putObject("physicalLocation").set("artifactLocation", artifact(r.file()));
        notifications.add(n);
        continue;
      }
      for (Problem p : r.problems()) {
        int index = ruleIndex.computeIfAbsent(p.code(), code -> ruleIndex.size());
        results.add(result(r.file(), p, index));
      }
    }

    ObjectNode driver = run.putObject("tool").putObject("driver");
    driver.put("name", "policyctl");
    driver.put("version", LibraryVersion.get());
    driver.put("informationUri", LibraryVersion.url());
    ArrayNode rules = driver.putArray("rules");
    for (String code : ruleIndex.keySet()) {
      ObjectNode rule = rules.addObject();
      rule.put("id", code);
      rule.put("helpUri", LibraryVersion.url() + CODES_PAGE);
    }
    ObjectNode invocation = run.putArray("invocations").addObject();
    invocation.put("executionSuccessful", notifications.isEmpty());
    if (!notifications.isEmpty()) {
      notifications.forEach(invocation.putArray("toolExecutionNotifications")::add);
    }
    run.putObject("originalUriBaseIds").putObject(SOURCE_ROOT)
        .put("uri", terminal.resolve("").toUri().toString());
    ArrayNode resultArray = run.putArray("results");
    results.forEach(resultArray::add);
    return log;
  }

  private static ObjectNode result(String file, Problem p, int ruleIndex) {
    ObjectNode result = Json.object();
    result.put("ruleId", p.code());
    result.put("ruleIndex", ruleIndex);
    result.put("level", p.isError() ? "error" : "warning");
    result.putObject("message").put("text", p.message());
    ObjectNode location = result.putArray("locations").addObject();
    ObjectNode physical = location.putObject("physicalLocation");
    physical.set("artifactLocation", artifact(file));
    if (p.line() > 0) {
      ObjectNode region = physical.putObject("region").put("startLine", p.line());
      if (p.column() > 0) {
        region.put("startColumn", p.column());
      }
    }
    if (!p.pointer().isEmpty()) {
      location.putArray("logicalLocations").addObject().put("fullyQualifiedName", p.pointer());
    }
    return result;
  }

  /** An artifactLocation: an absolute file URI, or a relative URI reference under {@link #SOURCE_ROOT}. */
  static ObjectNode artifact(String file) {
    ObjectNode location = Json.object();
    if (Path.of(file).isAbsolute()) {
      location.put("uri", Path.of(file).toUri().toString());
      return location;
    }
    location.put("uri", relativeUri(file));
    location.put("uriBaseId", SOURCE_ROOT);
    return location;
  }

  /** {@code file} as a relative URI reference: characters a URI may not hold are percent-encoded. */
  static String relativeUri(String file) {
    String path = file.replace('\\', '/');
    // "a:b.yaml" would read as a URI with scheme "a"; "./a:b.yaml" is the same file as a relative reference.
    int colon = path.indexOf(':');
    int slash = path.indexOf('/');
    if (colon >= 0 && (slash < 0 || colon < slash)) {
      path = "./" + path;
    }
    try {
      return new URI(null, null, path, null).getRawPath();
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("not a file name: " + file, e);
    }
  }
}
