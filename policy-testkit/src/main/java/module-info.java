/** Seeded generators and a reference matcher for property tests. */
module dev.sandboxpolicy.testkit {
  requires transitive dev.sandboxpolicy.model;
  requires dev.sandboxpolicy.io;
  requires transitive dev.sandboxpolicy.matcher;

  exports dev.sandboxpolicy.testkit;
}
