package dev.sandboxpolicy.architecture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.domain.JavaMember;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.BiConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Keeps docs/architecture.md honest: its list of public types per module is exactly what the exported packages
 * hold, and every package has its paragraph. On a mismatch the failure message carries the block to paste; with
 * {@code -Darchitecture.writeDocs=true} the test writes it into the document instead.
 */
class PublicTypesTest {

  private static final Path DOC = Path.of("..", "docs", "architecture.md");
  private static final String BEGIN = "<!-- public-types:begin -->";
  private static final String END = "<!-- public-types:end -->";
  private static final Pattern EXPORTS = Pattern.compile("^\\s*exports\\s+([\\w.]+)\\s*;", Pattern.MULTILINE);

  /** Packages whose types stay out of public signatures: JSON libraries, the schema validator, SLF4J. */
  private static final List<String> NOT_IN_PUBLIC_API =
      List.of("tools.jackson.", "com.fasterxml.jackson.", "com.networknt.", "org.slf4j.");

  private static JavaClasses classes;

  @BeforeAll
  static void importMainClasses() {
    classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages("dev.sandboxpolicy");
  }

  @Test
  void theDocumentListsThePublicTypesOfEveryExportedPackage() throws IOException {
    String doc = Files.readString(DOC);
    int begin = doc.indexOf(BEGIN);
    int end = doc.indexOf(END);
    assertTrue(begin >= 0 && end > begin, "docs/architecture.md has no " + BEGIN + " ... " + END + " block");
    String expected = generatedBlock();
    String actual = doc.substring(begin + BEGIN.length(), end);
    if (!expected.equals(actual) && Boolean.getBoolean("architecture.writeDocs")) {
      Files.writeString(DOC, doc.substring(0, begin + BEGIN.length()) + expected + doc.substring(end));
      return;
    }
    assertEquals(expected, actual, "the public types in docs/architecture.md are stale; replace the block between"
        + " the markers with the expected text (or run this test with -Darchitecture.writeDocs=true)");
  }

  @Test
  void everyPackageHasItsParagraph() throws IOException {
    String doc = Files.readString(DOC);
    Set<String> packages = new TreeSet<>();
    for (JavaClass c : classes) {
      packages.add(c.getPackageName());
    }
    List<String> missing = new ArrayList<>();
    for (String p : packages) {
      if (!doc.contains("### `" + p + "`")) {
        missing.add(p);
      }
    }
    assertEquals(List.of(), missing, "packages without a '### `package`' paragraph in docs/architecture.md");
  }

  /**
   * No type of a JSON library, the schema validator or a logging facade appears in the public API (issue 17): the
   * library's users choose their own, and a module that needs one internally does not force it on them
   * ({@code requires transitive}). Checked on every public or protected member of every public type of an exported
   * package, including generic arguments, and on the types' supertypes.
   */
  @Test
  void noPublicSignatureNamesAThirdPartyJsonOrLoggingType() throws IOException {
    List<String> leaks = new ArrayList<>();
    forEachTypeInPublicSignatures((where, raw) -> leak(leaks, where, raw));
    assertEquals(List.of(), leaks, "public API signatures that name a third-party JSON, validator or logging type");
  }

  /**
   * No public signature of an exported package names a type that users cannot reach: a type of a package that is
   * not exported, or exported only to some modules ({@code exports ... to}, like {@code model.automaton} and
   * {@code model.internal}). Such a type would be API in all but name; moving a type behind a qualified export is
   * only done when nothing public hands it out.
   */
  @Test
  void noPublicSignatureNamesATypeOfAPackageUsersCannotRead() throws IOException {
    Set<String> hidden = new TreeSet<>();
    for (JavaClass c : classes) {
      Optional<LibraryModule> module = LibraryModule.owning(c.getPackageName());
      if (module.isPresent() && !exports(module.get()).contains(c.getPackageName())) {
        hidden.add(c.getPackageName());
      }
    }
    assertTrue(hidden.contains("dev.sandboxpolicy.model.automaton"), () -> "expected hidden packages, got " + hidden);
    List<String> leaks = new ArrayList<>();
    forEachTypeInPublicSignatures((where, raw) -> {
      if (hidden.contains(raw.getPackageName())) {
        leaks.add(where + ": " + raw.getName());
      }
    });
    assertEquals(List.of(), leaks, "public API signatures that name a type of a package users cannot read");
  }

  /**
   * Calls {@code visit} with every raw type that a public signature of the public API names: the supertypes of each
   * public type of an exported package, and every type (generic arguments included) of its public or protected
   * members, each with where it was named.
   */
  private static void forEachTypeInPublicSignatures(BiConsumer<String, JavaClass> visit) throws IOException {
    for (JavaClass c : publicApi().keySet()) {
      for (JavaClass raw : c.getAllRawSuperclasses()) {
        visit.accept(c.getName() + " extends", raw);
      }
      for (JavaClass raw : c.getAllRawInterfaces()) {
        visit.accept(c.getName() + " implements", raw);
      }
      for (JavaMember m : c.getMembers()) {
        Set<JavaModifier> modifiers = m.getModifiers();
        if (!modifiers.contains(JavaModifier.PUBLIC) && !modifiers.contains(JavaModifier.PROTECTED)) {
          continue;
        }
        Set<JavaClass> involved = m instanceof JavaCodeUnit
            ? ((JavaCodeUnit) m).getAllInvolvedRawTypes()
            : ((JavaField) m).getType().getAllInvolvedRawTypes();
        for (JavaClass raw : involved) {
          visit.accept(m.getFullName(), raw);
        }
      }
    }
  }

  private static void leak(List<String> leaks, String where, JavaClass raw) {
    for (String prefix : NOT_IN_PUBLIC_API) {
      if (raw.getName().startsWith(prefix)) {
        leaks.add(where + ": " + raw.getName());
      }
    }
  }

  /** Every public type of an exported package, with the module that owns it. */
  private static Map<JavaClass, LibraryModule> publicApi() throws IOException {
    Map<JavaClass, LibraryModule> out = new LinkedHashMap<>();
    for (JavaClass c : classes) {
      Optional<LibraryModule> module = LibraryModule.owning(c.getPackageName());
      if (module.isPresent() && isPublicApi(c) && exports(module.get()).contains(c.getPackageName())) {
        out.put(c, module.get());
      }
    }
    return out;
  }

  /** The text between the markers: per module, per exported package, its public types in name order. */
  private static String generatedBlock() throws IOException {
    Map<LibraryModule, Map<String, Set<String>>> byModule = new TreeMap<>();
    for (Map.Entry<JavaClass, LibraryModule> api : publicApi().entrySet()) {
      JavaClass c = api.getKey();
      byModule.computeIfAbsent(api.getValue(), m -> new TreeMap<>())
          .computeIfAbsent(c.getPackageName(), p -> new TreeSet<>())
          .add(c.getName().substring(c.getPackageName().length() + 1).replace('$', '.'));
    }
    StringBuilder out = new StringBuilder("\n\n");
    for (LibraryModule m : LibraryModule.values()) {
      Map<String, Set<String>> packages = byModule.getOrDefault(m, Map.of());
      int count = packages.values().stream().mapToInt(Set::size).sum();
      out.append("#### ").append(m.folder()).append(" (").append(count).append(count == 1 ? " type)" : " types)")
          .append("\n\n");
      if (packages.isEmpty()) {
        out.append("No exported package yet.\n\n");
      }
      for (Map.Entry<String, Set<String>> p : packages.entrySet()) {
        out.append("`").append(p.getKey()).append("`:\n\n");
        for (String type : p.getValue()) {
          out.append("- `").append(type).append("`\n");
        }
        out.append("\n");
      }
    }
    return out.toString();
  }

  /** Public, and reachable from outside: every enclosing class public too; no anonymous or local class. */
  private static boolean isPublicApi(JavaClass c) {
    if (c.isAnonymousClass() || c.isLocalClass()) {
      return false;
    }
    for (Optional<JavaClass> at = Optional.of(c); at.isPresent(); at = at.get().getEnclosingClass()) {
      if (!at.get().getModifiers().contains(JavaModifier.PUBLIC)) {
        return false;
      }
    }
    return !c.getSimpleName().equals("package-info");
  }

  /**
   * The packages {@code module}'s module-info.java exports to everyone. A module without one is an automatic module
   * (policy-traffic-beam: Beam's jars cannot be on the module path), which exports every package it owns.
   */
  private static Set<String> exports(LibraryModule module) throws IOException {
    Path info = Path.of("..", module.folder(), "src", "main", "java", "module-info.java");
    Set<String> out = new TreeSet<>();
    if (!Files.exists(info)) {
      for (JavaClass c : classes) {
        if (LibraryModule.owning(c.getPackageName()).orElse(null) == module) {
          out.add(c.getPackageName());
        }
      }
      return out;
    }
    Matcher m = EXPORTS.matcher(Files.readString(info));
    while (m.find()) {
      out.add(m.group(1));
    }
    return out;
  }
}
