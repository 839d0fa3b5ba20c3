package dev.sandboxpolicy.cli;

import dev.sandboxpolicy.model.net.AddressClassification;
import dev.sandboxpolicy.model.net.PrivateNetworks;
import tools.jackson.databind.node.ObjectNode;

/**
 * The protocol's {@code classify_address}: is an address inside NemoClaw's SSRF block table (preset layer spec
 * §8)? The address is parsed the way a URL parser parses a host (decimal, octal, hex and short IPv4 forms,
 * IPv4-mapped IPv6), so {@code 0x7f.1} is {@code 127.0.0.0/8}. A host name on the table's name list
 * ({@code localhost}, {@code *.local}, {@code *.internal}) is blocked with {@code range: null}; any other name is
 * not blocked (nothing is resolved).
 */
final class ClassifyAddressOperation implements Operation {

  @Override
  public void apply(RequestFields request, ObjectNode response) throws ProtocolError {
    String address = request.requireString("address");
    PrivateNetworks table = PrivateNetworks.nemoClaw();
    AddressClassification c = table.classify(address);
    if (c.blocked()) {
      response.put("blocked", true);
      response.put("range", c.range().map(Object::toString).orElse(null));
    } else {
      response.put("blocked", table.matchName(address).isPresent());
      response.putNull("range");
    }
  }
}
