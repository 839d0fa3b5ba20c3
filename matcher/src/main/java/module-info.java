/** Compiled matchers and the network and request decisions. Never sees YAML. */
module dev.sandboxpolicy.matcher {
  requires transitive dev.sandboxpolicy.model;
  requires transitive dev.sandboxpolicy.schema;

  exports dev.sandboxpolicy.matcher;
}
