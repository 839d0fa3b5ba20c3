/** Seeded generators and a reference matcher for property tests. */
module dev.sandboxpolicy.testkit {
  requires transitive dev.sandboxpolicy.model;
  requires dev.sandboxpolicy.io;
  requires transitive dev.sandboxpolicy.matcher;

  // JUnit 5, for dev.sandboxpolicy.testkit.junit only: optional at run time (see its package documentation).
  requires static org.junit.jupiter.api;
  requires static org.junit.jupiter.params;
  requires static org.opentest4j;

  exports dev.sandboxpolicy.testkit;
  exports dev.sandboxpolicy.testkit.junit;

  // JUnit instantiates the (package-private) argument providers reflectively.
  opens dev.sandboxpolicy.testkit.junit to
      org.junit.platform.commons;
}
