/** JSON Schemas and the semantic validator. */
module dev.sandboxpolicy.schema {
  requires transitive dev.sandboxpolicy.model;
  requires com.networknt.schema;
  requires tools.jackson.core;
  requires tools.jackson.databind;

  exports dev.sandboxpolicy.schema;
}
