package dev.sandboxpolicy.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The enums of the language's closed value sets: one spelling each, read back exactly. */
class WireNamesTest {

  @Test
  void protocolsReadBackExactlyAndOnlyTcpIsUninspected() {
    for (Protocol p : Protocol.values()) {
      assertEquals(Optional.of(p), Protocol.fromWireName(p.wireName()));
      assertTrue(p.is(p.wireName()));
      assertEquals(p != Protocol.TCP, p.isInspected(), p.name());
    }
    assertEquals(List.of("tcp", "rest", "websocket", "graphql", "sql", "json-rpc", "mcp"),
        List.of(Protocol.values()).stream().map(Protocol::wireName).toList());
    for (String notOne : new String[] {"", "REST", " rest", "jsonrpc", "json_rpc", "http", null}) {
      assertEquals(Optional.empty(), Protocol.fromWireName(notOne), String.valueOf(notOne));
    }
    assertTrue(Protocol.MCP.isJsonRpcFamily() && Protocol.JSON_RPC.isJsonRpcFamily());
    assertFalse(Protocol.REST.isJsonRpcFamily());
  }

  /** An enum spelled by the lower-case convention, as the traffic tools' enums are. */
  private enum Spelled implements WireNamed {
    NO_BINARY, ALWAYS_BLOCKED, I;

    @Override
    public String wireName() {
      return WireNamed.lowerCaseName(this);
    }
  }

  @Test
  void theLowerCaseConventionIsTheConstantsNameInLowerCaseWhateverTheDefaultLocale() {
    java.util.Locale before = java.util.Locale.getDefault();
    try {
      java.util.Locale.setDefault(java.util.Locale.forLanguageTag("tr")); // a locale that maps I to dotless i
      assertEquals(List.of("no_binary", "always_blocked", "i"),
          List.of(Spelled.values()).stream().map(Spelled::wireName).toList());
      assertEquals(Optional.of(Spelled.I), WireNamed.fromWireName(Spelled.class, "i"));
      assertEquals(Optional.empty(), WireNamed.fromWireName(Spelled.class, "NO_BINARY"));
    } finally {
      java.util.Locale.setDefault(before);
    }
  }

  @Test
  void onlyTheExactStringEnforceEnforces() {
    assertEquals(Enforcement.ENFORCE, Enforcement.of("enforce"));
    for (String audits : new String[] {"", "audit", "enforced", "ENFORCE", " enforce", null}) {
      assertEquals(Enforcement.AUDIT, Enforcement.of(audits), String.valueOf(audits));
    }
    assertEquals(Optional.of(Enforcement.AUDIT), Enforcement.fromWireName("audit"));
    assertEquals(Optional.empty(), Enforcement.fromWireName("enforced"));
    assertTrue(Endpoint.builder().enforcement("enforce").build().isEnforced());
    assertFalse(Endpoint.builder().enforcement("Enforce").build().isEnforced());
  }

  @Test
  void accessPresetsReadBackExactly() {
    for (Access a : Access.values()) {
      assertEquals(Optional.of(a), Access.fromWireName(a.wireName()));
    }
    assertEquals(Optional.empty(), Access.fromWireName("read"));
    assertEquals(Optional.empty(), Access.fromWireName("Read-Only"));
  }

  @Test
  void everyProblemCodeHasItsOwnSnakeCaseSpelling() {
    Set<String> seen = new HashSet<>();
    for (ProblemCode c : ProblemCode.values()) {
      assertTrue(c.wireName().matches("[a-z][a-z0-9]*(_[a-z0-9]+)*"), c.wireName());
      assertTrue(seen.add(c.wireName()), "spelled twice: " + c.wireName());
    }
  }
}
