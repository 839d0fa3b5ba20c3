/** Policy test files (policyctl test) as JUnit 5 dynamic tests. */
module dev.sandboxpolicy.testfiles {
  requires dev.sandboxpolicy.cli;
  requires tools.jackson.databind;
  // JUnit 5 is provided by the project that uses this module (its tests have it).
  requires transitive org.junit.jupiter.api;
  requires org.opentest4j;

  exports dev.sandboxpolicy.testfiles;
}
