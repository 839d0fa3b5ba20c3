package dev.sandboxpolicy.cli;

import dev.sandboxpolicy.merge.NameCheck;
import dev.sandboxpolicy.merge.PresetName;
import tools.jackson.databind.node.ObjectNode;

/**
 * The protocol's {@code check_preset_name}: is a name a valid preset name (an RFC 1123 label, not
 * {@code _provider_}-prefixed; with {@code custom: true} also not a built-in name)?
 */
final class CheckPresetNameOperation implements Operation {

  @Override
  public void apply(RequestFields request, ObjectNode response) throws ProtocolError {
    NameCheck check = PresetName.check(request.requireString("name"), request.bool("custom", false));
    response.put("valid", check.isValid());
    response.put("reason", check.reason().orElse(null));
  }
}
