package dev.sandboxpolicy.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The custom-preset facts the value rules and the preset layer share. */
class PresetOriginTest {

  @ParameterizedTest(name = "''{0}'' is the host bridge: {1}")
  @CsvSource({
    "host.openshell.internal, true",
    "Host.OpenShell.Internal, true",
    "host.openshell.internal., true",
    "' host.openshell.internal ', true",
    "host.openshell.internal.., false",
    "evil.host.openshell.internal, false",
    "host.openshell.internal.evil, false",
    "host.docker.internal, false",
    "'', false",
  })
  void theHostBridgeIsComparedInAnyCaseWithOneTrailingDot(String host, boolean bridge) {
    assertEquals(bridge, PresetOrigin.isHostGateway(host));
  }

  @ParameterizedTest(name = "''{0}'' reserved for built-ins: {1}")
  @CsvSource({
    "npm_yarn, true",
    "personal_open_internet, true",
    "nemoclaw_custom__other__k, true",
    "nemoclaw_custom__, true",
    "npm, false",
    "my_api, false",
    "nemoclaw_custom_x, false",
    "_provider_x, false",
  })
  void customPresetsMayNotOwnTheBuiltInKeysOrTheCustomNamespace(String key, boolean reserved) {
    assertEquals(reserved, PresetOrigin.isReservedForBuiltIns(key));
  }
}
