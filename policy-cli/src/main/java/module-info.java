/** policyctl: the command line and the stdio protocol. */
module dev.sandboxpolicy.cli {
  requires dev.sandboxpolicy.model;
  requires dev.sandboxpolicy.io;
  requires dev.sandboxpolicy.schema;
  requires dev.sandboxpolicy.matcher;
  requires dev.sandboxpolicy.merge;
  requires dev.sandboxpolicy.traffic;
  requires tools.jackson.core;
  requires tools.jackson.databind;

  exports dev.sandboxpolicy.cli;
}
