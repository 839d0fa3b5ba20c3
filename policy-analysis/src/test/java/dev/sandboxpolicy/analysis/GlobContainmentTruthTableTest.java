package dev.sandboxpolicy.analysis;

import static dev.sandboxpolicy.analysis.Policies.entry;
import static dev.sandboxpolicy.analysis.Policies.network;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sandboxpolicy.model.Policy;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Containment of one pattern in another, per grammar, decided end to end: a candidate policy whose only difference
 * is the pattern is proven against a boundary with the other. "within" must be exactly language inclusion; an
 * "exceeds" counterexample must be matched by the candidate's pattern and not by the boundary's, by the testkit's
 * independent reference glob.
 */
class GlobContainmentTruthTableTest {
  private static final String BIN = "/usr/bin/curl";

  private static Containment prove(Policy boundary, Policy candidate) throws Exception {
    Containment c = PolicyAnalysis.prove(boundary, candidate);
    assertEquals(java.util.List.of(), c.unsupported(), "nothing here is unmodelled");
    return c;
  }

  @ParameterizedTest(name = "host {0} within {1}: {2}")
  @CsvSource(delimiter = '|', value = {
    "api.example.com|*.example.com|true",
    "*.example.com|**.example.com|true",
    "**.example.com|*.example.com|false",
    "example.com|*.example.com|false",       // the apex is not a subdomain
    "*.example.com|example.com|false",
    "API.Example.com|api.example.com|true",  // hosts compare case-insensitively
    "*-ai.example.com|*.example.com|true",
    "*.example.com|*-ai.example.com|false",
    "*.s3.*.amazonaws.com|**.amazonaws.com|true",
    "**.amazonaws.com|*.s3.*.amazonaws.com|false",
  })
  void hosts(String candidate, String boundary, boolean within) throws Exception {
    // the same allowed_ips on both sides, so that the destination check cannot differ (see DestinationTest)
    String ips = "\nallowed_ips: [93.184.216.0/24]";
    Policy boundaryPolicy = network(entry("e", BIN, "host: '" + boundary + "'\nport: 443" + ips));
    Policy candidatePolicy = network(entry("e", BIN, "host: '" + candidate + "'\nport: 443" + ips));
    Containment c = prove(boundaryPolicy, candidatePolicy);
    assertEquals(within, c.result() == Containment.Result.WITHIN_BOUNDARY, c.toString());
    checkCounterexample(boundaryPolicy, candidatePolicy, c, within);
  }

  private static String rest(String method, String path, String query) {
    return "host: api.example.com\nport: 443\nprotocol: rest\nenforcement: enforce\nrules:\n  - allow: {method: "
        + method + ", path: '" + path + "'" + (query.isEmpty() ? "" : ", query: {" + query + "}") + "}";
  }

  @ParameterizedTest(name = "path {0} within {1}: {2}")
  @CsvSource(delimiter = '|', value = {
    "/api/*|/api/**|true",
    "/api/**|/api/*|false",
    "/api|/api/**|false",                   // /api/** needs the slash
    "/api/|/api/**|true",
    "/api/v[12]/x|/api/v?/x|true",
    "/api/v?/x|/api/v[12]/x|false",
    "/a/**/b|/a/**|true",
    "/{a,b}/x|/*/x|true",
    "/*/x|/{a,b}/x|false",
    "/api*|/api*|true",
    "/api**|/api*|true",                    // '**' that is not a whole segment is '*'
    "**|/**|true",                           // every canonical path starts with '/'
    "/**|**|true",
  })
  void paths(String candidate, String boundary, boolean within) throws Exception {
    Policy boundaryPolicy = network(entry("e", BIN, rest("GET", boundary, "")));
    Policy candidatePolicy = network(entry("e", BIN, rest("GET", candidate, "")));
    Containment c = prove(boundaryPolicy, candidatePolicy);
    assertEquals(within, c.result() == Containment.Result.WITHIN_BOUNDARY, c.toString());
    checkCounterexample(boundaryPolicy, candidatePolicy, c, within);
  }

  @ParameterizedTest(name = "binary {0} within {1}: {2}")
  @CsvSource(delimiter = '|', value = {
    "/usr/bin/curl|/usr/bin/*|true",
    "/usr/bin/*|/usr/bin/curl|false",
    "/usr/bin/python3*|/usr/bin/*|true",
    "/usr/bin/*|/usr/bin/python3*|false",
    "/opt/*/bin/*|/opt/**|true",
    "/opt/**|/opt/*/bin/*|false",
    "/usr/bin/[cw]url|/usr/bin/*url|true",
  })
  void binaries(String candidate, String boundary, boolean within) throws Exception {
    String ep = "host: api.example.com\nport: 443";
    Policy boundaryPolicy = network(entry("e", "'" + boundary + "'", ep));
    Policy candidatePolicy = network(entry("e", "'" + candidate + "'", ep));
    Containment c = prove(boundaryPolicy, candidatePolicy);
    assertEquals(within, c.result() == Containment.Result.WITHIN_BOUNDARY, c.toString());
    checkCounterexample(boundaryPolicy, candidatePolicy, c, within);
  }

  @ParameterizedTest(name = "query {0} within {1}: {2}")
  @CsvSource(delimiter = '|', value = {
    "v1|v*|true",
    "v*|v1|false",
    "v1.*|v*|false",                        // '*' does not cross '.': v1.2 is not v*
    "v1.*|**|true",
    "'{main,dev}'|'*'|true",
    "'*'|'{main,dev}'|false",
    "a/b|a*|true",                          // '/' is ordinary in the dot grammar
    "'[0-9]*'|'*'|true",
  })
  void queryValues(String candidate, String boundary, boolean within) throws Exception {
    Policy boundaryPolicy = network(entry("e", BIN, rest("GET", "/items", "tag: \"" + boundary + "\"")));
    Policy candidatePolicy = network(entry("e", BIN, rest("GET", "/items", "tag: \"" + candidate + "\"")));
    Containment c = prove(boundaryPolicy, candidatePolicy);
    assertEquals(within, c.result() == Containment.Result.WITHIN_BOUNDARY, c.toString());
    checkCounterexample(boundaryPolicy, candidatePolicy, c, within);
    if (!within) {
      java.util.List<String> values = ((Witness.Network) c.counterexample().get()).request().get().query().get("tag");
      assertFalse(values == null || values.isEmpty(), c.toString());
    }
  }

  /** The reference matcher lets the counterexample through under the candidate, and not under the boundary. */
  private static void checkCounterexample(Policy boundary, Policy candidate, Containment c, boolean within) {
    if (within) {
      return;
    }
    Witness.Network w = (Witness.Network) c.counterexample().get();
    assertTrue(Reference.passes(candidate, w), "candidate must pass " + w.describe());
    assertFalse(Reference.passes(boundary, w), "boundary must refuse " + w.describe());
  }
}
