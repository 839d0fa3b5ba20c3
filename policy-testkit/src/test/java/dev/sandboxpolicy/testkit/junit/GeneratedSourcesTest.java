package dev.sandboxpolicy.testkit.junit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectMethod;

import dev.sandboxpolicy.matcher.CompiledPolicy;
import dev.sandboxpolicy.matcher.L7Request;
import dev.sandboxpolicy.matcher.NetworkRequest;
import dev.sandboxpolicy.matcher.PolicyCompileException;
import dev.sandboxpolicy.model.Policy;
import dev.sandboxpolicy.testkit.PolicyGenerator;
import dev.sandboxpolicy.testkit.PropertyCheck;
import dev.sandboxpolicy.testkit.SeededCase;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * {@link GeneratedPolicies} and {@link GeneratedRequests} as JUnit runs them: the seed in every display name, the
 * same cases as {@link SeededCase} (and so as {@link PropertyCheck}), the seed property, and each request kind.
 */
class GeneratedSourcesTest {

  /** What one run of a sample method gave: the display names of its invocations and their arguments. */
  private record Run(List<String> names, List<Object[]> arguments, List<Throwable> failures) {}

  private static Run run(String method, Class<?>... parameterTypes) {
    SampleSources.RECEIVED.clear();
    List<String> names = new ArrayList<>();
    List<Throwable> failures = new ArrayList<>();
    StringBuilder signature = new StringBuilder(method).append('(');
    for (int i = 0; i < parameterTypes.length; i++) {
      signature.append(i == 0 ? "" : ",").append(parameterTypes[i].getName());
    }
    LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
        .selectors(selectMethod(SampleSources.class.getName() + "#" + signature.append(')')))
        .build();
    LauncherFactory.create().execute(request, new TestExecutionListener() {
      @Override
      public void executionFinished(TestIdentifier id, TestExecutionResult result) {
        if (id.isTest()) {
          names.add(id.getDisplayName());
        }
        result.getThrowable().ifPresent(failures::add);
      }
    });
    return new Run(names, new ArrayList<>(SampleSources.RECEIVED), failures);
  }

  @AfterEach
  void clearSeed() {
    System.clearProperty(PropertyCheck.SEED_PROPERTY);
  }

  @Test
  void policiesAreTheSeededCasesWithTheSeedInTheirNames() {
    Run r = run("policies", Policy.class);
    assertEquals(List.of(), r.failures());
    assertEquals(5, r.names().size());
    List<SeededCase> cases = SeededCase.of(42, 5, 4);
    for (int i = 0; i < 5; i++) {
      Policy expected = cases.get(i).generate(PolicyGenerator.defaults().policies());
      assertEquals(expected, r.arguments().get(i)[0], "case " + i);
      String entries = expected.networkPolicies().size() + (expected.networkPolicies().size() == 1 ? " entry" : " entries");
      assertEquals("[" + (i + 1) + "] seed 0x2a, case " + i + " of 5 (size " + cases.get(i).size() + "): " + entries,
          r.names().get(i));
    }
  }

  @Test
  void theSeedPropertyReplacesTheDeclaredSeed() {
    System.setProperty(PropertyCheck.SEED_PROPERTY, "0x5eed");
    Run r = run("policies", Policy.class);
    assertTrue(r.names().get(0).startsWith("[1] seed 0x5eed, case 0 of 5"), r.names().toString());
    assertEquals(SeededCase.of(0x5eed, 5, 4).get(4).generate(PolicyGenerator.defaults().policies()),
        r.arguments().get(4)[0]);
    clearSeed();
    assertNotEquals(r.arguments().get(4)[0], run("policies", Policy.class).arguments().get(4)[0]);
  }

  @Test
  void bodyProtocolPoliciesHaveBodyProtocolEndpoints() {
    Run r = run("bodyProtocolPolicies", Policy.class);
    assertEquals(List.of(), r.failures());
    String yaml = r.arguments().stream().map(a -> dev.sandboxpolicy.io.PolicyWriter.toYaml((Policy) a[0]))
        .reduce("", String::concat);
    assertTrue(yaml.contains("protocol: graphql") || yaml.contains("protocol: json-rpc")
        || yaml.contains("protocol: mcp"), yaml);
  }

  @Test
  void allowedRequestsAreAllowedByTheirPolicy() throws PolicyCompileException {
    Run r = run("allowedRequests", L7Request.class, Policy.class);
    assertEquals(List.of(), r.failures());
    assertEquals(12, r.arguments().size());
    for (Object[] a : r.arguments()) {
      PolicyAssert.assertAllows(CompiledPolicy.compile((Policy) a[1]), (L7Request) a[0]);
    }
    assertTrue(r.names().get(3).startsWith("[4] seed 0x7, case 3 of 12 (size "), r.names().get(3));
    L7Request fourth = (L7Request) r.arguments().get(3)[0];
    assertTrue(r.names().get(3).contains(": " + fourth.method() + " " + fourth.path() + " on "
        + fourth.connection().host() + ":" + fourth.connection().port()), r.names().get(3));
  }

  @Test
  void deniedConnectionsAreDeniedByTheirPolicy() throws PolicyCompileException {
    Run r = run("deniedConnections", NetworkRequest.class, Policy.class);
    assertEquals(List.of(), r.failures());
    for (Object[] a : r.arguments()) {
      PolicyAssert.assertDenies(CompiledPolicy.compile((Policy) a[1]), (NetworkRequest) a[0]);
    }
  }

  @Test
  void requestsForAPolicyFileAreAimedAtThatPolicy() {
    Run r = run("requestsForAFile", L7Request.class);
    assertEquals(List.of(), r.failures());
    assertEquals(8, r.arguments().size());
    for (Object[] a : r.arguments()) {
      String host = ((L7Request) a[0]).connection().host().toLowerCase(Locale.ROOT).replaceAll("\\.+$", "");
      assertTrue(List.of("api.github.com", "pypi.org", "api.anthropic.com").contains(host), host);
    }
  }
}
