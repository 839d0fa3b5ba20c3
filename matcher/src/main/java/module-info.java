/** Compiled matchers and the network and request decisions. Never sees YAML, Jackson or a JSON-Schema validator. */
module dev.sandboxpolicy.matcher {
  requires transitive dev.sandboxpolicy.model;
  requires dev.sandboxpolicy.rules;

  exports dev.sandboxpolicy.matcher;
}
