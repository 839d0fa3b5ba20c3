/** The preset layer, policy-explain and the failure classifier. */
module dev.sandboxpolicy.merge {
  requires transitive dev.sandboxpolicy.model;
  requires transitive dev.sandboxpolicy.schema;
  requires tools.jackson.core;
  requires transitive tools.jackson.databind;

  exports dev.sandboxpolicy.merge;
  exports dev.sandboxpolicy.explain;
}
