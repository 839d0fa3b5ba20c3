package dev.sandboxpolicy.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import com.tngtech.archunit.library.Architectures.LayeredArchitecture;
import dev.sandboxpolicy.model.WireNamed;
import java.util.Set;

/**
 * The layering of docs/architecture.md, enforced on the main classes of every library module: no module reaches up,
 * the lean modules (model, value rules, matcher) never touch Jackson, the JSON-Schema validator or SLF4J, and no two
 * packages depend on each other in a cycle.
 */
@AnalyzeClasses(packages = "dev.sandboxpolicy", importOptions = ImportOption.DoNotIncludeTests.class)
class LayeringTest {

  /** Every main class lives in a package that the module table assigns to a module. */
  @ArchTest
  static final ArchRule everyPackageBelongsToAModule = classes()
      .should(new ArchCondition<JavaClass>("reside in a package of the module table") {
        @Override
        public void check(JavaClass c, ConditionEvents events) {
          if (LibraryModule.owning(c.getPackageName()).isEmpty()) {
            events.add(SimpleConditionEvent.violated(c, c.getName()
                + " is in a package no module owns: add it to LibraryModule and docs/architecture.md"));
          }
        }
      });

  /** No module uses a module it does not (transitively) depend on in the module table. */
  @ArchTest
  static final ArchRule noModuleReachesUp = layering();

  /** The modules a proxy embeds never touch a parser, the schema validator or a logging facade. */
  @ArchTest
  static final ArchRule leanModulesStayLean = noClasses()
      .that(in(LibraryModule.MODEL).or(in(LibraryModule.RULES)).or(in(LibraryModule.MATCHER)))
      .should().dependOnClassesThat().resideInAnyPackage(
          "tools.jackson..", "com.fasterxml.jackson..", "com.networknt..", "org.slf4j..", "org.yaml..",
          "org.snakeyaml..")
      .because("a proxy embeds the matcher alone (issue 17): it never sees YAML, Jackson or the JSON-Schema"
          + " validator");

  /**
   * JUnit is optional: only the JUnit 5 integration (the testkit's {@code junit} package and policy-test-files)
   * refers to it, so the rest of the testkit, and every other module, runs without JUnit on the class path.
   */
  @ArchTest
  static final ArchRule onlyTheJunitIntegrationUsesJunit = noClasses()
      .that().resideOutsideOfPackages("dev.sandboxpolicy.testkit.junit..", "dev.sandboxpolicy.testfiles..")
      .should().dependOnClassesThat().resideInAnyPackage("org.junit..", "org.opentest4j..")
      .because("JUnit is an optional dependency of policy-testkit and provided to policy-test-files");

  /** No package cycles, inside a module or across modules. */
  @ArchTest
  static final ArchRule noPackageCycles = slices().matching("dev.sandboxpolicy.(**)").should().beFreeOfCycles();

  /**
   * One name for an enum's spelling on the wire: an enum with a public {@code wireName()} implements
   * {@code WireNamed}, and no enum spells it {@code code()}, {@code id()} or {@code label()} instead.
   */
  @ArchTest
  static final ArchRule enumsSpellTheirWireNameOneWay = classes().that().areEnums()
      .should(new ArchCondition<JavaClass>("answer their wire spelling from wireName() of WireNamed") {
        @Override
        public void check(JavaClass c, ConditionEvents events) {
          boolean wireNamed = c.isAssignableTo(WireNamed.class);
          for (JavaMethod m : c.getMethods()) {
            boolean spelling = m.getModifiers().contains(JavaModifier.PUBLIC) && m.getRawParameterTypes().isEmpty()
                && m.getRawReturnType().isEquivalentTo(String.class);
            if (!spelling) {
              continue;
            }
            if (m.getName().equals("wireName") && !wireNamed) {
              events.add(SimpleConditionEvent.violated(c, c.getName() + " has wireName() but is not WireNamed"));
            }
            if (Set.of("code", "id", "label", "wire", "spelling").contains(m.getName())) {
              events.add(SimpleConditionEvent.violated(c, c.getName() + "." + m.getName()
                  + "() spells the enum on the wire: name it wireName() and implement WireNamed"));
            }
          }
        }
      });

  private static ArchRule layering() {
    LayeredArchitecture layers = layeredArchitecture().consideringOnlyDependenciesInLayers();
    for (LibraryModule m : LibraryModule.values()) {
      layers = layers.layer(m.folder()).definedBy(in(m));
    }
    for (LibraryModule m : LibraryModule.values()) {
      Set<LibraryModule> allowed = m.mayUse();
      layers = allowed.isEmpty()
          ? layers.whereLayer(m.folder()).mayNotAccessAnyLayer()
          : layers.whereLayer(m.folder()).mayOnlyAccessLayers(
              allowed.stream().map(LibraryModule::folder).toArray(String[]::new));
    }
    return layers;
  }

  private static DescribedPredicate<JavaClass> in(LibraryModule module) {
    return DescribedPredicate.describe("in " + module.folder(),
        c -> LibraryModule.owning(c.getPackageName()).orElse(null) == module);
  }
}
