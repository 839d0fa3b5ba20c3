import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Opcodes;

/**
 * A build step of policy-cli (run by the package phase, see the pom): rewrites the class files of the runnable jar
 * that are older than Java 6 (class-file version 49 and below) to version {@value #TARGET_VERSION} (Java 8), with
 * the stack map frames that version requires computed by ASM, so that the JVM can put them in the AppCDS archive.
 *
 * <p>Why: picocli's jar is compiled for Java 5. The JVM refuses to archive such classes ("Pre JDK 6 class not
 * supported by CDS"), so every {@code policyctl} run parsed and verified (with the old, type-inferring verifier)
 * about 170 picocli classes again; measured in docs/performance.md, "Start-up".
 *
 * <p>Why it is sound: the bytecode is not changed, only the version number and the added StackMapTable attributes
 * (computed from the code by ASM's {@code COMPUTE_FRAMES}, with the class hierarchy taken from the jar itself and
 * the JDK). Class files of version 49 may not contain what version 52 forbids (JSR/RET subroutines): the JVM's
 * verifier rejects such a file, and this step loads and verifies every class it rewrote (through
 * {@code getDeclaredMethods}, which links the class) in a fresh class loader before it replaces the jar, so a file
 * the rewrite got wrong fails the build instead of a user's command.
 *
 * <pre>{@code
 * java -cp asm.jar RetargetClassFiles JAR PACKAGE_PREFIX...
 * }</pre>
 *
 * Only entries under one of the given prefixes (e.g. {@code picocli/}) are rewritten; the jar is replaced
 * atomically, entry order and times are kept. A {@code META-INF/RETARGETED-CLASS-FILES.txt} entry says which files
 * were changed and how (the Apache License 2.0 asks modified files to say so).
 */
public final class RetargetClassFiles {

  /** The class-file version written: Java 8, the first that requires stack map frames (no verifier fallback). */
  static final int TARGET_VERSION = Opcodes.V1_8;

  /** The newest class-file version the JVM will not put in a CDS archive (Java 5). */
  static final int LAST_UNARCHIVABLE_VERSION = Opcodes.V1_5;

  static final String NOTICE = "META-INF/RETARGETED-CLASS-FILES.txt";

  public static void main(String[] args) throws Exception {
    if (args.length < 2) {
      throw new IllegalArgumentException("usage: RetargetClassFiles JAR PACKAGE_PREFIX...");
    }
    Path jar = Path.of(args[0]);
    List<String> prefixes = List.of(args).subList(1, args.length);
    Map<String, byte[]> entries = read(jar);
    Hierarchy hierarchy = new Hierarchy(entries);
    List<String> rewritten = new ArrayList<>();
    for (Map.Entry<String, byte[]> e : entries.entrySet()) {
      String name = e.getKey();
      if (name.endsWith(".class") && !name.startsWith("META-INF/") && prefixes.stream().anyMatch(name::startsWith)
          && version(e.getValue()) <= LAST_UNARCHIVABLE_VERSION) {
        e.setValue(retarget(e.getValue(), hierarchy));
        rewritten.add(name);
      }
    }
    if (rewritten.isEmpty()) {
      System.out.println("RetargetClassFiles: no class file older than Java 6 under " + prefixes + " in " + jar);
      return;
    }
    Collections.sort(rewritten);
    entries.put(NOTICE, notice(prefixes, rewritten).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    Path out = jar.resolveSibling(jar.getFileName() + ".retargeted.tmp");
    try {
      write(jar, entries, out);
      verify(out, rewritten);
      Files.move(out, jar, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(out);
    }
    System.out.println("RetargetClassFiles: " + rewritten.size() + " class files under " + prefixes
        + " rewritten to class-file version " + TARGET_VERSION + " and verified");
  }

  private static int version(byte[] classFile) {
    return ((classFile[6] & 0xff) << 8) | (classFile[7] & 0xff);
  }

  private static byte[] retarget(byte[] classFile, Hierarchy hierarchy) {
    ClassReader reader = new ClassReader(classFile);
    ClassWriter writer = new ClassWriter(ClassWriter.COMPUTE_FRAMES) {
      @Override
      protected String getCommonSuperClass(String a, String b) {
        return hierarchy.commonSuperClass(a, b);
      }
    };
    reader.accept(new ClassVisitor(Opcodes.ASM9, writer) {
      @Override
      public void visit(int version, int access, String name, String signature, String superName, String[] interfaces) {
        super.visit(TARGET_VERSION, access, name, signature, superName, interfaces);
      }
    }, 0);
    return writer.toByteArray();
  }

  /** Super classes and interface flags from the jar's own class files, falling back to the JDK's classes. */
  private static final class Hierarchy {
    private final Map<String, String> superNames = new HashMap<>();
    private final Set<String> interfaces = new HashSet<>();

    Hierarchy(Map<String, byte[]> entries) {
      for (Map.Entry<String, byte[]> e : entries.entrySet()) {
        if (e.getKey().endsWith(".class") && !e.getKey().startsWith("META-INF/")) {
          ClassReader r = new ClassReader(e.getValue());
          superNames.put(r.getClassName(), r.getSuperName());
          if ((r.getAccess() & Opcodes.ACC_INTERFACE) != 0) {
            interfaces.add(r.getClassName());
          }
        }
      }
    }

    String commonSuperClass(String a, String b) {
      if (isSubclass(a, b)) {
        return b;
      }
      if (isSubclass(b, a)) {
        return a;
      }
      if (isInterface(a) || isInterface(b)) {
        return "java/lang/Object";
      }
      String s = a;
      do {
        s = superName(s);
      } while (!isSubclass(b, s));
      return s;
    }

    /** Whether {@code sub} is {@code sup} or extends it (classes only: interfaces meet at Object). */
    private boolean isSubclass(String sub, String sup) {
      for (String s = sub; s != null; s = superName(s)) {
        if (s.equals(sup)) {
          return true;
        }
      }
      return false;
    }

    private String superName(String name) {
      if (superNames.containsKey(name)) {
        return superNames.get(name);
      }
      Class<?> superclass = jdkClass(name).getSuperclass();
      return superclass == null ? null : superclass.getName().replace('.', '/');
    }

    private boolean isInterface(String name) {
      return superNames.containsKey(name) ? interfaces.contains(name) : jdkClass(name).isInterface();
    }

    private static Class<?> jdkClass(String name) {
      try {
        return Class.forName(name.replace('/', '.'), false, ClassLoader.getPlatformClassLoader());
      } catch (ClassNotFoundException e) {
        throw new IllegalStateException("class " + name + " is neither in the jar nor in the JDK", e);
      }
    }
  }

  /** Loads and links (so verifies) every rewritten class from {@code jar}; a VerifyError fails the build. */
  private static void verify(Path jar, List<String> classFiles) throws IOException {
    try (URLClassLoader loader =
        new URLClassLoader(new URL[] {jar.toUri().toURL()}, ClassLoader.getPlatformClassLoader())) {
      for (String file : classFiles) {
        String name = file.substring(0, file.length() - ".class".length()).replace('/', '.');
        try {
          Class<?> c = Class.forName(name, false, loader);
          Method[] linked = c.getDeclaredMethods(); // links the class: the verifier runs here
          if (c.getClassLoader() != loader || linked == null) {
            throw new IllegalStateException(name + " was not loaded from " + jar);
          }
        } catch (ClassNotFoundException | LinkageError e) {
          throw new IllegalStateException("the rewritten " + file + " does not load: " + e, e);
        }
      }
    }
  }

  private static String notice(List<String> prefixes, List<String> rewritten) {
    StringBuilder s = new StringBuilder()
        .append("The class files listed below (under ").append(String.join(", ", prefixes))
        .append(") were changed when this jar was built:\n")
        .append("their class-file version was raised from Java 5 (49) to Java 8 (52) and StackMapTable attributes\n")
        .append("were added (computed from the unchanged bytecode), so that the JVM can keep them in a CDS archive.\n")
        .append("Nothing else was changed. The originals are in the upstream jar of the same version.\n\n");
    for (String file : rewritten) {
      s.append(file).append('\n');
    }
    return s.toString();
  }

  /** The entries of a jar, in order (a LinkedHashMap keeps the order for the rewrite). */
  private static Map<String, byte[]> read(Path jar) throws IOException {
    Map<String, byte[]> entries = new java.util.LinkedHashMap<>();
    try (ZipFile zip = new ZipFile(jar.toFile())) {
      for (ZipEntry e : Collections.list(zip.entries())) {
        try (InputStream in = zip.getInputStream(e)) {
          entries.put(e.getName(), in.readAllBytes());
        }
      }
    }
    return entries;
  }

  /** Writes {@code entries} to {@code out}, each with the time of its original (a new entry: the jar's first). */
  private static void write(Path original, Map<String, byte[]> entries, Path out) throws IOException {
    Map<String, Long> times = new HashMap<>();
    long first;
    try (ZipFile zip = new ZipFile(original.toFile())) {
      List<? extends ZipEntry> all = Collections.list(zip.entries());
      first = all.get(0).getTime();
      for (ZipEntry e : all) {
        times.put(e.getName(), e.getTime());
      }
    }
    try (OutputStream file = Files.newOutputStream(out); ZipOutputStream zip = new ZipOutputStream(file)) {
      for (Map.Entry<String, byte[]> e : entries.entrySet()) {
        ZipEntry entry = new ZipEntry(e.getKey());
        entry.setTime(times.getOrDefault(e.getKey(), first));
        zip.putNextEntry(entry);
        zip.write(e.getValue());
        zip.closeEntry();
      }
    }
  }
}
