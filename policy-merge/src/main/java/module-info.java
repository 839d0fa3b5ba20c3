/** The preset layer, policy-explain and the failure classifier. */
module dev.sandboxpolicy.merge {
  requires transitive dev.sandboxpolicy.model;
  requires transitive dev.sandboxpolicy.schema;
  requires tools.jackson.core;
  requires tools.jackson.databind; // ExplainJson prints with it; no Jackson type is in this module's API

  exports dev.sandboxpolicy.merge;
  exports dev.sandboxpolicy.explain;
}
