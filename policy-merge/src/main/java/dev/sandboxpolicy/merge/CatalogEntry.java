package dev.sandboxpolicy.merge;

import dev.sandboxpolicy.model.Preset;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One built-in preset of the catalog index: a central preset (one document, {@code byAgent} empty) or a
 * messaging preset (one document per messaging agent). {@code pickerAgents} is empty when every agent's picker
 * offers the preset; {@code ""} in it stands for "no agent recorded".
 */
record CatalogEntry(String name, boolean messaging, Preset central, Map<String, Preset> byAgent,
    List<String> pickerAgents) {

  /** The document for {@code agent} ({@code ""} means the OpenClaw view); empty when the agent has none. */
  Optional<Preset> documentFor(String agent) {
    if (!messaging) {
      return Optional.of(central);
    }
    return Optional.ofNullable(byAgent.get(agent.isEmpty() ? PresetCatalog.DEFAULT_AGENT : agent));
  }

  boolean offeredInPickerTo(String agent) {
    return pickerAgents.isEmpty() || pickerAgents.contains(agent);
  }
}
