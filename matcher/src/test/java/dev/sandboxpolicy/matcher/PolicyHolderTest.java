package dev.sandboxpolicy.matcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sandboxpolicy.model.Endpoint;
import dev.sandboxpolicy.model.NetworkPolicy;
import dev.sandboxpolicy.model.Policy;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class PolicyHolderTest {
  private static final NetworkRequest A = NetworkRequest.of("a.com", 443, "/bin/x");
  private static final NetworkRequest B = NetworkRequest.of("b.com", 443, "/bin/x");

  private static Policy allowing(String host) {
    return TestPolicies.policy("network_policies:\n  p:\n    endpoints: [{host: " + host
        + ", port: 443}]\n    binaries: [{path: /bin/x}]\n");
  }

  private static Policy broken() {
    return Policy.builder().putNetworkPolicies("p", NetworkPolicy.builder()
        .addEndpoints(Endpoint.builder().host("a.com").port(99999).build()).build()).build();
  }

  @Test
  void updateSwapsAndFailureModesApply() throws Exception {
    PolicyHolder live = PolicyHolder.quarantined(MatcherOptions.defaults());
    assertEquals("network connections not allowed by policy", live.decideNetwork(A).reason());
    assertEquals(2, live.update(allowing("a.com"), ReloadFailureMode.FAIL_CLOSED));
    assertTrue(live.decideNetwork(A).isAllowed());

    assertThrows(PolicyCompileException.class, () -> live.update(broken(), ReloadFailureMode.RETAIN_LAST_VALID));
    assertTrue(live.decideNetwork(A).isAllowed());
    assertEquals(2, live.revision());

    assertThrows(PolicyCompileException.class, () -> live.update(broken(), ReloadFailureMode.FAIL_CLOSED));
    assertFalse(live.decideNetwork(A).isAllowed());
    assertEquals(3, live.revision());
  }

  @Test
  void concurrentDecisionsSeeOneRevisionEach() throws Exception {
    CompiledPolicy onlyA = CompiledPolicy.compile(allowing("a.com"));
    CompiledPolicy onlyB = CompiledPolicy.compile(allowing("b.com"));
    PolicyHolder live = PolicyHolder.of(onlyA);
    AtomicBoolean stop = new AtomicBoolean();
    AtomicInteger torn = new AtomicInteger();
    Thread reader = new Thread(() -> {
      while (!stop.get()) {
        CompiledPolicy p = live.current();
        // Exactly one of the two hosts is allowed in any single revision.
        if (p.decideNetwork(A).isAllowed() == p.decideNetwork(B).isAllowed()) {
          torn.incrementAndGet();
        }
      }
    });
    reader.start();
    for (int i = 0; i < 2000; i++) {
      live.swap(i % 2 == 0 ? onlyB : onlyA);
    }
    stop.set(true);
    reader.join();
    assertEquals(0, torn.get());
    assertEquals(2001, live.revision());
  }
}
