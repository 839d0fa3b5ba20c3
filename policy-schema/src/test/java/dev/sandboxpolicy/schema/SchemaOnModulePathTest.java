package dev.sandboxpolicy.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.lang.module.Configuration;
import java.lang.module.ModuleFinder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;

/**
 * The schemas are readable by users of the library on the module path: {@link DocumentKind#schemaText()} works
 * where a plain {@code getResourceAsStream} from another module is refused by module encapsulation. The module
 * {@code dev.sandboxpolicy.schema} is loaded in a module layer of its own, from the explicit modules of the test
 * class path (its classes and every dependency that has a module descriptor).
 */
class SchemaOnModulePathTest {

  private static final String MODULE = "dev.sandboxpolicy.schema";

  private static boolean isExplicitModule(Path entry) {
    if (Files.isDirectory(entry)) {
      return Files.isRegularFile(entry.resolve("module-info.class"));
    }
    if (!entry.toString().endsWith(".jar") || !Files.isRegularFile(entry)) {
      return false;
    }
    try (ZipFile jar = new ZipFile(entry.toFile())) {
      return jar.getEntry("module-info.class") != null
          || jar.stream().anyMatch(e -> e.getName().matches("META-INF/versions/\\d+/module-info.class"));
    } catch (java.io.IOException e) {
      return false;
    }
  }

  @Test
  void schemaTextWorksFromOutsideTheModuleWhereGetResourceAsStreamIsRefused() throws Exception {
    Path[] modulePath = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
        .map(Path::of)
        .filter(SchemaOnModulePathTest::isExplicitModule)
        .toArray(Path[]::new);
    ModuleFinder finder = ModuleFinder.of(modulePath);
    assumeTrue(finder.find(MODULE).isPresent(), "policy-schema's classes are a module on the class path");
    ModuleLayer boot = ModuleLayer.boot();
    Configuration configuration = boot.configuration().resolve(finder, ModuleFinder.of(), Set.of(MODULE));
    ModuleLayer layer = boot.defineModulesWithOneLoader(configuration, ClassLoader.getSystemClassLoader().getParent());

    Class<?> kinds = layer.findLoader(MODULE).loadClass("dev.sandboxpolicy.schema.DocumentKind");
    assertTrue(kinds.getModule().isNamed(), "loaded as a named module");
    assertEquals(MODULE, kinds.getModule().getName());
    Object policy = kinds.getField("POLICY").get(null);
    String resource = (String) kinds.getMethod("schemaResource").invoke(policy);

    // What users did before: the package is not open, so the resource is hidden from other modules.
    assertNull(kinds.getResourceAsStream(resource), "encapsulated (this is why schemaText() exists)");

    String text = (String) kinds.getMethod("schemaText").invoke(policy);
    assertTrue(text.contains("\"$id\""), text.substring(0, Math.min(200, text.length())));
    assertTrue(text.contains((String) kinds.getMethod("schemaId").invoke(policy)));
  }
}
