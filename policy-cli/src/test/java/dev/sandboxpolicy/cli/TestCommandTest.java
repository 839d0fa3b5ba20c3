package dev.sandboxpolicy.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.net.URL;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.SchemaFactory;
import javax.xml.validation.Validator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import tools.jackson.databind.JsonNode;

/** {@code policyctl test}: exit codes, rule coverage, {@code --min-coverage} and the report formats. */
class TestCommandTest {

  @TempDir Path dir;

  /**
   * 2 entries, 3 endpoints, 3 binaries, 3 allow rules (one an access preset), 1 deny rule: 12 items. Written with
   * each item on its own line, so the expected positions below can be read off.
   */
  static final String POLICY = """
      version: 1
      network_policies:
        github:
          endpoints:
            - host: api.github.com
              port: 443
              protocol: rest
              rules:
                - allow: {method: GET, path: /repos/**}
                - allow: {method: POST, path: /repos/*/*/issues}
              deny_rules:
                - {method: GET, path: /repos/*/*/secrets}
            - host: uploads.github.com
              port: 443
              protocol: rest
              access: read-only
          binaries:
            - path: /usr/bin/gh
            - path: /usr/bin/git
        pypi:
          endpoints:
            - host: pypi.org
              port: 443
          binaries:
            - path: /usr/bin/pip
      """;

  private static final String HEADER = "policy: policy.yaml\ncases:\n";

  private static String testCase(String name, String request, String expect) {
    return "  - name: " + name + "\n    request: " + request + "\n    expect: " + expect + "\n";
  }

  private static final String GH_READ = testCase("gh reads",
      "{host: api.github.com, port: 443, binary: /usr/bin/gh, method: GET, target: /repos/a/b}", "allow");
  private static final String GH_SECRETS = testCase("gh may not read secrets",
      "{host: api.github.com, port: 443, binary: /usr/bin/gh, method: GET, target: /repos/a/b/secrets}", "deny");
  private static final String UPLOAD_VIA_ACCESS = testCase("git reads uploads through the access preset",
      "{host: uploads.github.com, port: 443, binary: /usr/bin/git, method: HEAD, target: /x}", "allow");
  private static final String PIP = testCase("pip",
      "{host: pypi.org, port: 443, binary: /usr/bin/pip}", "allow");

  private CliRun run(String testFile, String... options) {
    CliRun.write(dir, "policy.yaml", POLICY);
    CliRun.write(dir, "t.yaml", testFile);
    List<String> args = new ArrayList<>(List.of("test", "t.yaml"));
    args.addAll(List.of(options));
    return CliRun.run(dir, args.toArray(new String[0]));
  }

  private static List<String> uncovered(CliRun r) {
    JsonNode doc = Json.MAPPER.readTree(r.out());
    List<String> out = new ArrayList<>();
    doc.get("coverage").get("uncovered").forEach(u -> out.add(u.get("pointer").stringValue()));
    return out;
  }

  @Test
  void exitZeroWhenEveryCasePassesAndOneWhenOneFails() {
    assertEquals(ExitCode.OK, run(HEADER + GH_READ + PIP).status());
    CliRun failing = run(HEADER + GH_READ + testCase("pip is denied (it is not)",
        "{host: pypi.org, port: 443, binary: /usr/bin/pip}", "deny"));
    assertEquals(ExitCode.FAILED, failing.status(), failing::toString);
    assertTrue(failing.out().contains("t.yaml:6:5: FAIL pip is denied (it is not)"), failing::toString);
    assertTrue(failing.out().contains("    rule:     /network_policies/pypi/endpoints/0 (policy.yaml:22:9)"),
        failing::toString);
    assertTrue(failing.out().contains("2 cases: 1 passed, 1 failed"), failing::toString);
  }

  @Test
  void coverageCountsEveryMatchedItemIncludingAnAccessPresetAndADenyRule() {
    CliRun r = run(HEADER + GH_READ + GH_SECRETS + UPLOAD_VIA_ACCESS, "--json", "--coverage");
    assertEquals(ExitCode.OK, r.status(), r::toString);
    // gh reads: entry, endpoint 0, binary 0, rule 0. secrets: deny rule 0 (and rule 0 again).
    // HEAD through access: endpoint 1, binary 1, the access preset. pypi: nothing.
    assertEquals(List.of(
        "/network_policies/github/endpoints/0/rules/1",
        "/network_policies/pypi",
        "/network_policies/pypi/endpoints/0",
        "/network_policies/pypi/binaries/0"), uncovered(r));
    JsonNode coverage = Json.MAPPER.readTree(r.out()).get("coverage");
    assertEquals(8, coverage.get("covered").intValue());
    assertEquals(12, coverage.get("total").intValue());
    assertEquals(66.66, coverage.get("percent").doubleValue(), 1e-9, "rounded down, never up");
    assertEquals(1, coverage.get("by_kind").get("deny_rule").get("covered").intValue());
    assertEquals(2, coverage.get("by_kind").get("allow_rule").get("covered").intValue());
    assertEquals(3, coverage.get("by_kind").get("allow_rule").get("total").intValue());
    JsonNode first = coverage.get("uncovered").get(0);
    assertEquals("allow_rule", first.get("kind").stringValue());
    assertEquals("policy.yaml", first.get("file").stringValue());
    assertEquals(10, first.get("line").intValue());
  }

  @Test
  void aCaseWhoseRequestIsDeniedStillExercisesWhatItMatched() {
    // POST through the read-only access preset is denied: the connection items count, the preset does not.
    CliRun r = run(HEADER + testCase("git may not post uploads",
        "{host: uploads.github.com, port: 443, binary: /usr/bin/git, method: POST, target: /x}", "deny"),
        "--json", "--coverage");
    assertEquals(ExitCode.OK, r.status(), r::toString);
    List<String> uncovered = uncovered(r);
    assertFalse(uncovered.contains("/network_policies/github/endpoints/1"));
    assertFalse(uncovered.contains("/network_policies/github/binaries/1"));
    assertTrue(uncovered.contains("/network_policies/github/endpoints/1/access"));
  }

  @Test
  void theTextReportListsEachUnexercisedItemWithItsPosition() {
    CliRun r = run(HEADER + GH_READ, "--coverage");
    assertEquals(ExitCode.OK, r.status(), r::toString);
    assertTrue(r.out().contains("coverage: 33.3% (4 of 12 items)"), r::toString);
    assertTrue(r.out().contains("  entries 1/2, endpoints 1/3, binaries 1/3, allow rules 1/3, deny rules 0/1"),
        r::toString);
    assertTrue(r.out().contains("  policy.yaml:20:3: entry /network_policies/pypi"), r::toString);
    assertTrue(r.out().contains("  policy.yaml:12:13: deny_rule /network_policies/github/endpoints/0/deny_rules/0"),
        r::toString);
    assertTrue(r.out().contains("  policy.yaml:16:9: allow_rule /network_policies/github/endpoints/1/access"),
        r::toString);
    assertTrue(r.out().contains("  policy.yaml:19:9: binary /network_policies/github/binaries/1"), r::toString);
  }

  @Test
  void minCoverageGatesExactly() {
    String cases = HEADER + GH_READ + GH_SECRETS + UPLOAD_VIA_ACCESS; // 8 of 12 = 66.666...%
    assertEquals(ExitCode.OK, run(cases, "--min-coverage", "66.66").status());
    assertEquals(ExitCode.OK, run(cases, "--min-coverage", "66.666666").status());
    CliRun below = run(cases, "--min-coverage", "66.67");
    assertEquals(ExitCode.FAILED, below.status(), below::toString);
    assertTrue(below.out().contains("coverage 66.6% (8 of 12 items) is below the minimum 66.67%"), below::toString);
    assertEquals(ExitCode.OK, run(cases + PIP, "--min-coverage", "91%").status()); // 11 of 12
    assertEquals(ExitCode.FAILED, run(cases + PIP, "--min-coverage", "100").status());
    assertEquals(ExitCode.USAGE, run(cases, "--min-coverage", "101").status());
    assertEquals(ExitCode.USAGE, run(cases, "--min-coverage", "lots").status());
  }

  @Test
  void twoFilesThatTestOnePolicyAddUpToOneCoverage() {
    CliRun.write(dir, "policy.yaml", POLICY);
    CliRun.write(dir, "a.yaml", HEADER + GH_READ + GH_SECRETS);
    CliRun.write(dir, "sub/b.yaml", "policy: ../policy.yaml\ncases:\n" + UPLOAD_VIA_ACCESS + PIP);
    CliRun r = CliRun.run(dir, "test", "a.yaml", "sub/b.yaml", "--json", "--min-coverage", "91");
    assertEquals(ExitCode.OK, r.status(), r::toString);
    JsonNode coverage = Json.MAPPER.readTree(r.out()).get("coverage");
    assertEquals(1, coverage.get("policies").size());
    assertEquals(11, coverage.get("covered").intValue());
    assertEquals(List.of("/network_policies/github/endpoints/0/rules/1"), uncovered(r));
  }

  @Test
  void theJsonReportHasTheIssuesFields() {
    CliRun r = run(HEADER + GH_READ + testCase("wrong", "{host: pypi.org, port: 443, binary: /usr/bin/curl}",
        "allow"), "--json");
    assertEquals(ExitCode.FAILED, r.status(), r::toString);
    JsonNode doc = Json.MAPPER.readTree(r.out());
    assertEquals(1, doc.get("passed").intValue());
    assertEquals(1, doc.get("failed").intValue());
    assertFalse(doc.has("coverage"));
    JsonNode pass = doc.get("cases").get(0);
    assertEquals("gh reads", pass.get("name").stringValue());
    assertEquals("pass", pass.get("result").stringValue());
    assertEquals("allow", pass.get("expected").stringValue());
    assertEquals("allow", pass.get("got").stringValue());
    assertEquals("github", pass.get("decision").get("matched_policy").stringValue());
    assertEquals("/network_policies/github/endpoints/0/rules/0", pass.get("decision").get("rule").get("pointer").stringValue());
    assertEquals("policy.yaml", pass.get("decision").get("rule").get("file").stringValue());
    JsonNode fail = doc.get("cases").get(1);
    assertEquals("fail", fail.get("result").stringValue());
    assertEquals("deny", fail.get("got").stringValue());
    assertEquals(6, fail.get("line").intValue());
    assertEquals("expected allow, got deny", fail.get("mismatches").get(0).stringValue());
  }

  @Test
  void junitXmlIsValidAgainstTheJunitSchemaAndCarriesEveryCase() throws Exception {
    CliRun r = run(HEADER + GH_READ + testCase("wrong & <odd> \"name\"",
        "{host: pypi.org, port: 443, binary: /usr/bin/curl}", "allow"), "--format", "junit", "--min-coverage", "50");
    assertEquals(ExitCode.FAILED, r.status(), r::toString);
    assertEquals(List.of(), junitSchemaErrors(r.out()), r.out());
    Document xml = parse(r.out());
    Element suites = xml.getDocumentElement();
    assertEquals("testsuites", suites.getTagName());
    assertEquals("3", suites.getAttribute("tests"), "two cases and the coverage check");
    assertEquals("2", suites.getAttribute("failures"));
    NodeList suiteList = suites.getElementsByTagName("testsuite");
    Element file = (Element) suiteList.item(0);
    assertEquals("t.yaml", file.getAttribute("name"));
    assertEquals("2", file.getAttribute("tests"));
    NodeList cases = file.getElementsByTagName("testcase");
    assertEquals("wrong & <odd> \"name\"", ((Element) cases.item(1)).getAttribute("name"));
    Element failure = (Element) ((Element) cases.item(1)).getElementsByTagName("failure").item(0);
    assertEquals("expected allow, got deny", failure.getAttribute("message"));
    assertTrue(failure.getTextContent().startsWith("t.yaml:6:5: wrong"), failure.getTextContent());
    assertEquals(0, ((Element) cases.item(0)).getElementsByTagName("failure").getLength());
    Element coverage = (Element) suiteList.item(1);
    assertEquals("coverage", coverage.getAttribute("name"));
    assertEquals("1", coverage.getAttribute("failures"));
  }

  @Test
  void junitXmlOfBadInputIsValidToo() throws Exception {
    CliRun r = run("policy: policy.yaml\ncases: 1\n", "--format", "junit");
    assertEquals(ExitCode.USAGE, r.status(), r::toString);
    assertEquals(List.of(), junitSchemaErrors(r.out()), r.out());
    assertEquals(1, parse(r.out()).getElementsByTagName("error").getLength());
  }

  @Test
  void theJunitSchemaCheckRejectsWhatCiSystemsWouldNotRead() {
    // A testsuite without its required 'tests' attribute, and a testcase before the properties.
    assertFalse(junitSchemaErrors("<testsuites><testsuite name='x'/></testsuites>").isEmpty());
    assertFalse(junitSchemaErrors("<testsuite name='x' tests='1'><testcase name='a'/><properties>"
        + "<property name='p' value='v'/></properties></testsuite>").isEmpty());
  }

  @Test
  void sarifIsValidAndLocatesFailuresAndUnexercisedItems() {
    CliRun r = run(HEADER + GH_READ + testCase("wrong", "{host: pypi.org, port: 443, binary: /usr/bin/curl}",
        "allow"), "--format", "sarif", "--min-coverage", "90");
    assertEquals(ExitCode.FAILED, r.status(), r::toString);
    JsonNode log = Json.MAPPER.readTree(r.out());
    assertEquals(List.of(), ReportFormatTest.schemaErrors(log));
    JsonNode results = log.get("runs").get(0).get("results");
    JsonNode failed = null;
    int notExercised = 0;
    boolean below = false;
    for (JsonNode result : results) {
      String rule = result.get("ruleId").stringValue();
      if (rule.equals("test_failed")) {
        failed = result;
      }
      notExercised += rule.equals("not_exercised") ? 1 : 0;
      below |= rule.equals("coverage_below_minimum");
    }
    assertTrue(failed != null && below, results::toString);
    assertEquals(8, notExercised, "12 items, 4 exercised by 'gh reads'");
    JsonNode where = failed.get("locations").get(0).get("physicalLocation");
    assertEquals("t.yaml", where.get("artifactLocation").get("uri").stringValue());
    assertEquals(6, where.get("region").get("startLine").intValue());
  }

  @Test
  void githubAnnotatesFailuresAtTheCaseAndUnexercisedItemsInThePolicy() {
    CliRun r = run(HEADER + GH_READ + testCase("wrong", "{host: pypi.org, port: 443, binary: /usr/bin/curl}",
        "allow"), "--format", "github", "--coverage");
    assertEquals(ExitCode.FAILED, r.status(), r::toString);
    List<String> commands = r.out().lines().filter(l -> l.startsWith("::")).toList();
    // the failing case is the second one: its "- name:" is line 6 of t.yaml
    assertEquals(1, commands.stream().filter(l -> l.startsWith("::error file=") && l.contains("title=test_failed::"))
        .count(), r::toString);
    assertTrue(commands.stream().anyMatch(l -> l.matches("::error file=[^,]*t\\.yaml,line=6,col=\\d+,title=test_failed::"
        + "case 'wrong'.*")), r::toString);
    assertEquals(8, commands.stream().filter(l -> l.startsWith("::warning file=") && l.contains("policy.yaml,line=")
        && l.contains("title=not_exercised::")).count(), r::toString);
    // then the text report for the log
    assertTrue(r.out().contains("2 cases: 1 passed, 1 failed"), r::toString);
    // a passing run has no error annotation
    CliRun ok = run(HEADER + GH_READ, "--format", "github");
    assertEquals(ExitCode.OK, ok.status(), ok::toString);
    assertTrue(ok.out().lines().noneMatch(l -> l.startsWith("::error")), ok::toString);
  }

  @Test
  void githubAnnotatesBadInputAndRunsNothing() {
    CliRun r = run(HEADER + "  - name: x\n    request: {host: pypi.org, port: 443, binary: /usr/bin/pip}\n"
        + "    expect: allow\n    expcet: deny\n", "--format", "github");
    assertEquals(ExitCode.USAGE, r.status(), r::toString);
    assertTrue(r.out().lines().anyMatch(l -> l.startsWith("::error file=") && l.contains("title=unknown_key::")),
        r::toString);
    assertTrue(r.err().contains("nothing was run"), r::toString);
  }

  @Test
  void formatOptionsAreChecked() {
    assertEquals(ExitCode.USAGE, run(HEADER + PIP, "--format", "tap").status());
    assertEquals(ExitCode.USAGE, run(HEADER + PIP, "--json", "--format", "junit").status());
    assertEquals(ExitCode.USAGE, CliRun.run(dir, "test").status());
  }

  private static Document parse(String xml) throws Exception {
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
    return factory.newDocumentBuilder().parse(new InputSource(new StringReader(xml)));
  }

  /** The JUnit XML schema's complaints about {@code xml} (src/test/resources/junit/README.md says which schema). */
  static List<String> junitSchemaErrors(String xml) {
    URL schema = TestCommandTest.class.getResource("/junit/jenkins-junit.xsd");
    List<String> errors = new ArrayList<>();
    try {
      SchemaFactory factory = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
      factory.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
      factory.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
      Validator validator = factory.newSchema(schema).newValidator();
      validator.setErrorHandler(new org.xml.sax.helpers.DefaultHandler() {
        @Override
        public void error(org.xml.sax.SAXParseException e) {
          errors.add(e.getLineNumber() + ":" + e.getColumnNumber() + " " + e.getMessage());
        }

        @Override
        public void fatalError(org.xml.sax.SAXParseException e) {
          errors.add(e.getLineNumber() + ":" + e.getColumnNumber() + " " + e.getMessage());
        }
      });
      validator.validate(new StreamSource(new StringReader(xml)));
    } catch (SAXException | java.io.IOException e) {
      errors.add(e.getMessage());
    }
    return errors;
  }
}
