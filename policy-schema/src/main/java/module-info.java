/** JSON Schemas and text validation on top of the value rules. */
module dev.sandboxpolicy.schema {
  requires transitive dev.sandboxpolicy.io;
  requires transitive dev.sandboxpolicy.rules;
  requires com.networknt.schema;
  requires tools.jackson.core;
  requires tools.jackson.databind;

  exports dev.sandboxpolicy.schema;
}
