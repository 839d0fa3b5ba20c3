/** Runnable examples of embedding the library. */
module dev.sandboxpolicy.examples {
  requires dev.sandboxpolicy.model;
  requires dev.sandboxpolicy.io;
  requires dev.sandboxpolicy.schema;
  requires dev.sandboxpolicy.matcher;
  requires dev.sandboxpolicy.merge;
  requires dev.sandboxpolicy.analysis;

  exports dev.sandboxpolicy.examples;
}
