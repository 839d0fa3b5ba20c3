package dev.sandboxpolicy.architecture;

import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The module table of {@code docs/architecture.md}: each library module, the packages it owns and the modules it may
 * use directly. A module may use what those modules may use (the closure), never a module above it. This is the one
 * place the layering is written down for the tests; the document says it in prose.
 */
enum LibraryModule {
  MODEL("policy-model", List.of("dev.sandboxpolicy.model")),
  IO("policy-io", List.of("dev.sandboxpolicy.io"), MODEL),
  RULES("policy-rules", List.of("dev.sandboxpolicy.rules"), MODEL),
  SCHEMA("policy-schema", List.of("dev.sandboxpolicy.schema"), IO, RULES),
  MATCHER("matcher", List.of("dev.sandboxpolicy.matcher"), MODEL, RULES),
  MERGE("policy-merge", List.of("dev.sandboxpolicy.merge", "dev.sandboxpolicy.explain"), SCHEMA),
  ANALYSIS("policy-analysis", List.of("dev.sandboxpolicy.analysis"), MATCHER),
  TRAFFIC("policy-traffic", List.of("dev.sandboxpolicy.traffic"), MATCHER, ANALYSIS, MERGE),
  TRAFFIC_BEAM("policy-traffic-beam", List.of("dev.sandboxpolicy.traffic.beam"), TRAFFIC),
  TESTKIT("policy-testkit", List.of("dev.sandboxpolicy.testkit"), IO, MATCHER),
  CLI("policy-cli", List.of("dev.sandboxpolicy.cli"), SCHEMA, MATCHER, MERGE, ANALYSIS, TRAFFIC),
  TEST_FILES("policy-test-files", List.of("dev.sandboxpolicy.testfiles"), CLI);

  private final String folder;
  private final List<String> packageRoots;
  private final List<LibraryModule> uses;

  LibraryModule(String folder, List<String> packageRoots, LibraryModule... uses) {
    this.folder = folder;
    this.packageRoots = packageRoots;
    this.uses = List.of(uses);
  }

  /** The reactor folder. */
  String folder() {
    return folder;
  }

  /** The packages this module owns, each with its subpackages (a longer root of another module wins). */
  List<String> packageRoots() {
    return packageRoots;
  }

  /** Every module this one may use: its direct uses and, through them, theirs. */
  Set<LibraryModule> mayUse() {
    Set<LibraryModule> out = EnumSet.noneOf(LibraryModule.class);
    for (LibraryModule m : uses) {
      out.add(m);
      out.addAll(m.mayUse());
    }
    return out;
  }

  /** The module that owns {@code packageName}: the one with the longest matching package root. */
  static Optional<LibraryModule> owning(String packageName) {
    LibraryModule best = null;
    int bestLength = -1;
    for (LibraryModule m : values()) {
      for (String root : m.packageRoots) {
        boolean inside = packageName.equals(root) || packageName.startsWith(root + ".");
        if (inside && root.length() > bestLength) {
          best = m;
          bestLength = root.length();
        }
      }
    }
    return Optional.ofNullable(best);
  }
}
