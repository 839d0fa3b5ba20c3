package dev.sandboxpolicy.benchmarks;

import dev.sandboxpolicy.benchmarks.workload.BaselinePolicy;
import dev.sandboxpolicy.benchmarks.workload.RealisticPolicy;
import dev.sandboxpolicy.io.DocumentFormat;
import dev.sandboxpolicy.io.PolicyReader;
import dev.sandboxpolicy.io.PolicyWriter;
import dev.sandboxpolicy.io.ReadMode;
import dev.sandboxpolicy.model.Policy;
import java.io.File;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The {@link DocumentBenchmark} operations, and the other ways of writing a policy (YAML, JSON, canonical JSON),
 * timed by the calling thread's CPU clock: on a machine shared with other builds, JMH's wall-clock averages mostly
 * measure the wait for a core. Each operation runs {@value #WARMUP_MILLIS} ms of CPU time to warm up, then
 * {@value #ROUNDS} rounds of about {@value #ROUND_MILLIS} ms of CPU time; the best, the 10th percentile and the median round's CPU
 * time per operation are printed in microseconds. On a loaded virtual machine even the thread's CPU clock runs on
 * while the host runs someone else, so the median measures the neighbours too: the best and the 10th percentile of
 * many short rounds are the steadier numbers.
 *
 * <p>With {@code --compare A.jar B.jar}, two builds' {@code benchmarks.jar} are loaded side by side in one JVM and
 * their rounds alternate, so both see the same load; the ratios B/A of the best and of the 10th-percentile rounds
 * are printed. Only the public API is used, so a jar built before this class existed is timed by this class (loaded
 * after that jar's own classes).
 *
 * <pre>{@code
 * java -cp benchmarks/target/benchmarks.jar dev.sandboxpolicy.benchmarks.DocumentCpuTime
 * java -cp benchmarks/target/benchmarks.jar dev.sandboxpolicy.benchmarks.DocumentCpuTime \
 *     --compare /tmp/before.jar benchmarks/target/benchmarks.jar tree hash
 * }</pre>
 */
public final class DocumentCpuTime {
  /**
   * The CPU time each operation runs before it is measured: the JIT compiles the writer meanwhile, which takes
   * longer on a loaded machine, where the compiler threads wait for a core too.
   */
  public static final int WARMUP_MILLIS = 3000;
  /** Measured rounds per operation (per build when comparing). */
  public static final int ROUNDS = 101;
  /**
   * The CPU time a round lasts: long enough for the clock's granularity, short enough that many rounds run
   * undisturbed by the neighbours between two preemptions.
   */
  public static final int ROUND_MILLIS = 5;

  private static final ThreadMXBean CLOCK = ManagementFactory.getThreadMXBean();

  private DocumentCpuTime() {}

  /**
   * Prints one line per operation: name, best and median CPU microseconds per operation (and, comparing, the
   * ratios), then the load average.
   *
   * @param args {@code [--compare A.jar B.jar]} and the operations to time (a name contains one of them), or none
   *     for all
   * @throws Exception if a workload does not build or a jar does not load
   */
  public static void main(String[] args) throws Exception {
    List<String> filter = new ArrayList<>(Arrays.asList(args));
    if (!filter.isEmpty() && filter.get(0).equals("--compare")) {
      Map<String, Supplier<?>> a = operationsOf(filter.get(1));
      Map<String, Supplier<?>> b = operationsOf(filter.get(2));
      filter = filter.subList(3, filter.size());
      System.out.printf("%-24s %9s %9s %9s %9s %7s %7s%n", "operation", "A best", "B best", "A p10", "B p10",
          "B/A bst", "B/A p10");
      for (String name : a.keySet()) {
        if (selected(name, filter) && b.containsKey(name)) {
          compare(name, a.get(name), b.get(name));
        }
      }
    } else {
      System.out.printf("%-24s %10s %10s %10s%n", "operation", "best µs", "p10 µs", "median µs");
      for (Map.Entry<String, Supplier<?>> op : operations().entrySet()) {
        if (selected(op.getKey(), filter)) {
          double[] micros = measure(op.getValue());
          System.out.printf("%-24s %10.1f %10.1f %10.1f%n", op.getKey(), micros[0], micros[ROUNDS / 10],
              micros[ROUNDS / 2]);
        }
      }
    }
    System.out.printf("load average %.2f%n", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
  }

  /**
   * The timed operations by name, each over its workload built in this class's class loader.
   *
   * @return the operations, in the order they are printed
   * @throws Exception if the realistic policy does not read back
   */
  public static Map<String, Supplier<?>> operations() throws Exception {
    PolicyReader reader = PolicyReader.of(ReadMode.STRICT);
    String baselineYaml = BaselinePolicy.yaml();
    Policy realistic = RealisticPolicy.withEveryPreset();
    String realisticJson = PolicyWriter.json(PolicyWriter.toTree(realistic), false);
    reader.readPolicy(realisticJson, DocumentFormat.JSON).orElseThrow();
    Map<String, Supplier<?>> ops = new LinkedHashMap<>();
    ops.put("treeRealistic", () -> PolicyWriter.toTree(realistic));
    ops.put("yamlRealistic", () -> PolicyWriter.toYaml(realistic));
    ops.put("jsonRealistic", () -> PolicyWriter.toJson(realistic));
    ops.put("canonicalJsonRealistic", () -> PolicyWriter.toCanonicalJson(realistic));
    ops.put("hashRealistic", () -> PolicyWriter.hash(realistic));
    ops.put("readRealisticJson", () -> reader.readPolicy(realisticJson, DocumentFormat.JSON));
    ops.put("readBaselineYaml", () -> reader.readPolicy(baselineYaml));
    return ops;
  }

  private static boolean selected(String name, List<String> filter) {
    return filter.isEmpty() || filter.stream().anyMatch(name::contains);
  }

  /**
   * The operations of another build: its class path ({@code benchmarks.jar}, or a list of jars and directories
   * separated as on the command line) first, then this class's own location for this class.
   */
  @SuppressWarnings("unchecked")
  private static Map<String, Supplier<?>> operationsOf(String classPath) throws Exception {
    List<URL> urls = new ArrayList<>();
    for (String entry : classPath.split(File.pathSeparator)) {
      urls.add(Path.of(entry).toUri().toURL());
    }
    urls.add(DocumentCpuTime.class.getProtectionDomain().getCodeSource().getLocation());
    ClassLoader loader = new URLClassLoader(urls.toArray(new URL[0]), ClassLoader.getPlatformClassLoader());
    return (Map<String, Supplier<?>>) loader.loadClass(DocumentCpuTime.class.getName())
        .getMethod("operations").invoke(null);
  }

  private static void compare(String name, Supplier<?> a, Supplier<?> b) {
    warmUp(a);
    warmUp(b);
    int perRoundA = calibrate(a);
    int perRoundB = calibrate(b);
    double[] microsA = new double[ROUNDS];
    double[] microsB = new double[ROUNDS];
    for (int i = 0; i < ROUNDS; i++) {
      // alternate which build goes first, so neither always follows the other's garbage
      if (i % 2 == 0) {
        microsA[i] = round(a, perRoundA);
        microsB[i] = round(b, perRoundB);
      } else {
        microsB[i] = round(b, perRoundB);
        microsA[i] = round(a, perRoundA);
      }
    }
    Arrays.sort(microsA);
    Arrays.sort(microsB);
    double p10A = microsA[ROUNDS / 10];
    double p10B = microsB[ROUNDS / 10];
    System.out.printf("%-24s %9.1f %9.1f %9.1f %9.1f %7.2f %7.2f%n", name, microsA[0], microsB[0], p10A, p10B,
        microsB[0] / microsA[0], p10B / p10A);
  }

  private static double[] measure(Supplier<?> op) {
    warmUp(op);
    int perRound = calibrate(op);
    double[] micros = new double[ROUNDS];
    for (int i = 0; i < ROUNDS; i++) {
      micros[i] = round(op, perRound);
    }
    Arrays.sort(micros);
    return micros;
  }

  /** Runs {@code op} for {@link #WARMUP_MILLIS} of CPU time. */
  private static void warmUp(Supplier<?> op) {
    long end = CLOCK.getCurrentThreadCpuTime() + WARMUP_MILLIS * 1_000_000L;
    while (CLOCK.getCurrentThreadCpuTime() < end) {
      consume(op.get());
    }
  }

  /** How many operations take about {@link #ROUND_MILLIS} of CPU time (once warmed up). */
  private static int calibrate(Supplier<?> op) {
    int n = 1;
    while (true) {
      long start = CLOCK.getCurrentThreadCpuTime();
      for (int i = 0; i < n; i++) {
        consume(op.get());
      }
      long nanos = CLOCK.getCurrentThreadCpuTime() - start;
      if (nanos >= ROUND_MILLIS * 1_000_000L / 4) {
        return (int) Math.max(1, n * (ROUND_MILLIS * 1_000_000L) / nanos);
      }
      n *= 2;
    }
  }

  /** The CPU microseconds per operation of one round of {@code n} operations. */
  private static double round(Supplier<?> op, int n) {
    long start = CLOCK.getCurrentThreadCpuTime();
    for (int i = 0; i < n; i++) {
      consume(op.get());
    }
    return (CLOCK.getCurrentThreadCpuTime() - start) / 1e3 / n;
  }

  private static int sink;

  /** Keeps the result alive so the work is not optimized away. */
  private static void consume(Object result) {
    sink += System.identityHashCode(result) & 1;
  }
}
