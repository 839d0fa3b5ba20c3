package dev.sandboxpolicy.benchmarks;

import dev.sandboxpolicy.benchmarks.baseline.RegexGlob;
import dev.sandboxpolicy.benchmarks.workload.RouteTable;
import dev.sandboxpolicy.matcher.GlobMatcher;
import dev.sandboxpolicy.model.glob.GlobDelimiters;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.springframework.http.server.PathContainer;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * Path-only matching: our {@link GlobMatcher} (delimiter {@code /}) against Spring's {@link PathPattern}, NIO's
 * {@code glob:} {@link PathMatcher}, the naive port's {@code java.util.regex} translation, and the floors ({@link
 * String#equals} scan, {@link HashMap} lookup) on the same patterns and paths.
 *
 * <p>{@code route*}: one operation = one request path routed through {@link RouteTable#PATTERNS} (first match wins),
 * averaged over {@link RouteTable#PATHS}. Spring and NIO pay for turning the path string into their input type
 * ({@code PathContainer}, {@code Path}) once per path, as a router would. {@code anchor*}: one pattern, one
 * 45-character path (the §2.1 anchor of the design notes).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class PathMatchBenchmark {
  private static final int PATHS = 16;

  private String[] paths;
  private GlobMatcher[] ours;
  private PathPattern[] spring;
  private PathMatcher[] nio;
  private RegexGlob[] regex;
  private String[] literalPrefixes;
  private String[] literalRoutes;
  private Map<String, Integer> routeIndex;

  private GlobMatcher anchorOurs;
  private PathPattern anchorSpring;
  private PathMatcher anchorNio;
  private RegexGlob anchorRegex;
  private String anchorPath;
  private String anchorPathCopy;

  /** Compiles every pattern for every contender and checks that they route every path identically. */
  @Setup
  public void setUp() {
    List<String> patterns = RouteTable.PATTERNS;
    int n = patterns.size();
    ours = new GlobMatcher[n];
    spring = new PathPattern[n];
    nio = new PathMatcher[n];
    regex = new RegexGlob[n];
    literalPrefixes = new String[n];
    literalRoutes = patterns.toArray(new String[0]);
    routeIndex = new HashMap<>();
    PathPatternParser parser = new PathPatternParser();
    for (int i = 0; i < n; i++) {
      String p = patterns.get(i);
      ours[i] = GlobMatcher.compile(p, GlobDelimiters.SLASH);
      spring[i] = parser.parse(p);
      nio[i] = FileSystems.getDefault().getPathMatcher("glob:" + p);
      regex[i] = RegexGlob.compile(p, '/');
      routeIndex.putIfAbsent(p, i);
      literalPrefixes[i] = literalPrefix(p);
    }
    paths = new String[PATHS];
    for (int i = 0; i < PATHS; i++) {
      paths[i] = new String(RouteTable.PATHS.get(i)); // not interned: equals must compare characters
    }
    for (String path : paths) {
      int a = routeOurs(path);
      int b = routeSpring(path);
      int c = routeNio(path);
      int d = routeRegex(path);
      int e = routeOursPrefixChecked(path);
      if (a != b || a != c || a != d || a != e) {
        throw new IllegalStateException(
            "contenders disagree on " + path + ": ours " + a + ", spring " + b + ", nio " + c + ", regex " + d);
      }
    }
    anchorOurs = GlobMatcher.compile(RouteTable.ANCHOR_PATTERN, GlobDelimiters.SLASH);
    anchorSpring = parser.parse(RouteTable.ANCHOR_PATTERN);
    anchorNio = FileSystems.getDefault().getPathMatcher("glob:" + RouteTable.ANCHOR_PATTERN);
    anchorRegex = RegexGlob.compile(RouteTable.ANCHOR_PATTERN, '/');
    anchorPath = new String(RouteTable.ANCHOR_PATH);
    anchorPathCopy = new String(RouteTable.ANCHOR_PATH);
  }

  /** The characters before the first glob metacharacter: every value the glob matches starts with them. */
  static String literalPrefix(String glob) {
    int i = 0;
    while (i < glob.length() && "*?[{\\".indexOf(glob.charAt(i)) < 0) {
      i++;
    }
    return glob.substring(0, i);
  }

  int routeOursPrefixChecked(String path) {
    for (int i = 0; i < ours.length; i++) {
      if (path.startsWith(literalPrefixes[i]) && ours[i].matches(path)) {
        return i;
      }
    }
    return -1;
  }

  int routeOurs(String path) {
    for (int i = 0; i < ours.length; i++) {
      if (ours[i].matches(path)) {
        return i;
      }
    }
    return -1;
  }

  int routeSpring(String path) {
    PathContainer container = PathContainer.parsePath(path);
    for (int i = 0; i < spring.length; i++) {
      if (spring[i].matches(container)) {
        return i;
      }
    }
    return -1;
  }

  int routeNio(String path) {
    Path p = Path.of(path);
    for (int i = 0; i < nio.length; i++) {
      if (nio[i].matches(p)) {
        return i;
      }
    }
    return -1;
  }

  int routeRegex(String path) {
    for (int i = 0; i < regex.length; i++) {
      if (regex[i].matches(path)) {
        return i;
      }
    }
    return -1;
  }

  /**
   * Ours: scan of compiled glob matchers.
   *
   * @return a checksum of the routes
   */
  @Benchmark
  @OperationsPerInvocation(PATHS)
  public int routeOurs() {
    int sum = 0;
    for (String path : paths) {
      sum += routeOurs(path);
    }
    return sum;
  }

  /**
   * What-if, not the library: ours behind a {@code startsWith} check of each pattern's literal prefix (the pre-check
   * that made Spring's matcher 10x faster on misses, spring-framework PR #958). Shows what that fix would give.
   *
   * @return a checksum of the routes
   */
  @Benchmark
  @OperationsPerInvocation(PATHS)
  public int routeOursPrefixChecked() {
    int sum = 0;
    for (String path : paths) {
      sum += routeOursPrefixChecked(path);
    }
    return sum;
  }

  /**
   * Spring {@code PathPattern}: parse the path once, scan the patterns.
   *
   * @return a checksum of the routes
   */
  @Benchmark
  @OperationsPerInvocation(PATHS)
  public int routeSpringPathPattern() {
    int sum = 0;
    for (String path : paths) {
      sum += routeSpring(path);
    }
    return sum;
  }

  /**
   * NIO {@code glob:}: {@code Path.of} once, scan the matchers.
   *
   * @return a checksum of the routes
   */
  @Benchmark
  @OperationsPerInvocation(PATHS)
  public int routeNioGlob() {
    int sum = 0;
    for (String path : paths) {
      sum += routeNio(path);
    }
    return sum;
  }

  /**
   * Naive port: every glob as a {@code java.util.regex} (value rewritten per call, as the glob primitive does).
   *
   * @return a checksum of the routes
   */
  @Benchmark
  @OperationsPerInvocation(PATHS)
  public int routeNaiveRegex() {
    int sum = 0;
    for (String path : paths) {
      sum += routeRegex(path);
    }
    return sum;
  }

  /**
   * Floor: the same scan with {@link String#equals} (what a table of literal routes costs).
   *
   * @return a checksum of the routes
   */
  @Benchmark
  @OperationsPerInvocation(PATHS)
  public int routeFloorStringEquals() {
    int sum = 0;
    for (String path : paths) {
      int found = -1;
      for (int i = 0; i < literalRoutes.length; i++) {
        if (literalRoutes[i].equals(path)) {
          found = i;
          break;
        }
      }
      sum += found;
    }
    return sum;
  }

  /**
   * Floor: one {@link HashMap} lookup of the path (exact routes only). The path strings are reused, so their hash is
   * cached after the first call: this is the lookup alone, without hashing.
   *
   * @return a checksum of the routes
   */
  @Benchmark
  @OperationsPerInvocation(PATHS)
  public int routeFloorHashMap() {
    int sum = 0;
    for (String path : paths) {
      Integer found = routeIndex.get(path);
      sum += found == null ? -1 : found;
    }
    return sum;
  }

  /**
   * Floor: one {@link HashMap} lookup of a fresh copy of the path, so that its hash is computed as it would be for a
   * string just parsed from a request ({@link #routeFloorHashMap} reuses the JVM's cached hash). Includes the copy.
   *
   * @return a checksum of the routes
   */
  @Benchmark
  @OperationsPerInvocation(PATHS)
  public int routeFloorHashMapFreshKey() {
    int sum = 0;
    for (String path : paths) {
      Integer found = routeIndex.get(new String(path));
      sum += found == null ? -1 : found;
    }
    return sum;
  }

  /**
   * Ours on the anchor pattern.
   *
   * @return whether it matched
   */
  @Benchmark
  public boolean anchorOurs() {
    return anchorOurs.matches(anchorPath);
  }

  /**
   * Spring on the anchor pattern, including {@code PathContainer.parsePath}.
   *
   * @return whether it matched
   */
  @Benchmark
  public boolean anchorSpringPathPattern() {
    return anchorSpring.matches(PathContainer.parsePath(anchorPath));
  }

  /**
   * NIO on the anchor pattern, including {@code Path.of}.
   *
   * @return whether it matched
   */
  @Benchmark
  public boolean anchorNioGlob() {
    return anchorNio.matches(Path.of(anchorPath));
  }

  /**
   * Naive regex on the anchor pattern.
   *
   * @return whether it matched
   */
  @Benchmark
  public boolean anchorNaiveRegex() {
    return anchorRegex.matches(anchorPath);
  }

  /**
   * Floor: {@link String#equals} of the 45-character path with an equal copy.
   *
   * @return true
   */
  @Benchmark
  public boolean anchorFloorStringEquals() {
    return anchorPath.equals(anchorPathCopy);
  }
}
