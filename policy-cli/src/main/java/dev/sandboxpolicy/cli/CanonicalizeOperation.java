package dev.sandboxpolicy.cli;

import dev.sandboxpolicy.matcher.CanonicalTarget;
import dev.sandboxpolicy.matcher.RequestTargetException;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The protocol's {@code canonicalize}: a request target as the proxy canonicalizes it before policy evaluation
 * ({@code path} and the decoded {@code query} multimap), or the reason code the proxy rejects it with.
 */
final class CanonicalizeOperation implements Operation {

  @Override
  public void apply(RequestFields request, ObjectNode response) throws ProtocolError {
    CanonicalTarget target;
    try {
      target = CanonicalTarget.parse(request.requireString("target"), request.bool("allow_encoded_slash", false));
    } catch (RequestTargetException e) { // the proxy's rejection, answered with its reason code
      throw new ProtocolError(e.code(), e.getMessage());
    }
    response.put("path", target.path());
    ObjectNode query = response.putObject("query");
    for (Map.Entry<String, List<String>> e : target.query().entrySet()) {
      ArrayNode values = query.putArray(e.getKey());
      e.getValue().forEach(values::add);
    }
  }
}
