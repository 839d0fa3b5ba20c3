package dev.sandboxpolicy.merge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sandboxpolicy.model.Policy;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PolicyDiffTest {

  @Test
  void betweenReportsAddedReplacedAndRemovedWithBeforeAndAfter() {
    Policy before = Fixtures.policy("""
        network_policies:
          a: {name: a, endpoints: [{host: a.example, port: 443, access: full}], binaries: [{path: /a}]}
          b: {name: b, endpoints: [{host: b.example, port: 443, access: full}], binaries: [{path: /b}]}
          c: {name: c, endpoints: [{host: c.example, port: 443, access: full}], binaries: [{path: /c}]}
        """);
    Policy after = Fixtures.policy("""
        version: 1
        network_policies:
          a: {name: a, endpoints: [{host: a.example, port: 443, access: full}], binaries: [{path: /a}]}
          b: {name: b, endpoints: [{host: b2.example, port: 443, access: full}], binaries: [{path: /b}]}
          d: {name: d, endpoints: [{host: d.example, port: 443, access: full}], binaries: [{path: /d}]}
        """);
    PolicyDiff d = PolicyDiff.between(before, after);
    assertEquals(List.of("d"), d.addedKeys());
    assertEquals(List.of("b"), d.replacedKeys());
    assertEquals(List.of("c"), d.removedKeys());
    KeyChange b = d.changes(KeyChange.Kind.REPLACED).get(0);
    assertEquals("b.example", b.before().orElseThrow().endpoints().get(0).host());
    assertEquals("b2.example", b.after().orElseThrow().endpoints().get(0).host());
    assertTrue(d.changes(KeyChange.Kind.ADDED).get(0).before().isEmpty());
    assertTrue(d.changes(KeyChange.Kind.REMOVED).get(0).after().isEmpty());
    assertTrue(d.versionChanged());
    assertEquals(Optional.of(1L), d.versionAfter());
    assertEquals("replaced b\nadded d\nremoved c\nversion: (absent) -> 1\n", d.toString());
    assertFalse(d.isEmpty());
    assertTrue(PolicyDiff.between(after, after).isEmpty());
  }

  @Test
  void sourcePositionsDoNotMakeAChange() {
    Policy one = Fixtures.policy("network_policies:\n  a: {name: a, endpoints: [], binaries: []}\n");
    Policy two = Fixtures.policy("\n\nnetwork_policies:\n    a:\n      name: a\n      endpoints: []\n      binaries: []\n");
    assertTrue(PolicyDiff.between(one, two).isEmpty());
  }
}
