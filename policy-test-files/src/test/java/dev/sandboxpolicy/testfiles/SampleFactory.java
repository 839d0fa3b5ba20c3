package dev.sandboxpolicy.testfiles;

import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.TestFactory;

/** A test factory run by {@link PolicyTestFilesTest} through the launcher, over {@link #files}. */
class SampleFactory {

  static PolicyTestFiles files;

  @TestFactory
  Stream<DynamicNode> policyTests() {
    return files.dynamicTests();
  }
}
