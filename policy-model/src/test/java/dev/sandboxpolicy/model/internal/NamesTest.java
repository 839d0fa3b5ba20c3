package dev.sandboxpolicy.model.internal;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class NamesTest {

  @Test
  void lowercaseLabelsHaveInternalHyphensOnly() {
    for (String ok : new String[] {"a", "0", "a-b", "a--b", "pypi", "claude-code", "x".repeat(200)}) {
      assertTrue(Names.isLowercaseLabel(ok), ok);
    }
    for (String bad : new String[] {"", "-a", "a-", "A", "a_b", "a.b", "a b", "é", "a\nb", null}) {
      assertFalse(Names.isLowercaseLabel(bad), String.valueOf(bad));
    }
  }

  @Test
  void sandboxNamesStopAt63AndPresetNamesDoNot() {
    assertTrue(Names.isSandboxName("x".repeat(Names.SANDBOX_NAME_MAX_LENGTH)));
    assertFalse(Names.isSandboxName("x".repeat(Names.SANDBOX_NAME_MAX_LENGTH + 1)));
    assertTrue(Names.isPresetName("x".repeat(Names.SANDBOX_NAME_MAX_LENGTH + 1)));
    assertFalse(Names.isPresetName("_provider_x"));
  }

  @Test
  void theProviderPrefixIsReserved() {
    assertTrue(Names.isProviderKey("_provider_aws"));
    assertTrue(Names.isProviderKey(Names.PROVIDER_PREFIX));
    assertFalse(Names.isProviderKey("provider_aws"));
    assertFalse(Names.isProviderKey(null));
  }
}
