package dev.sandboxpolicy.benchmarks.workload;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.sandboxpolicy.benchmarks.PathMatchBenchmark;
import org.junit.jupiter.api.Test;

/** Every path contender routes the route-table paths identically (the benchmark's setup checks it and throws). */
class RouteTableTest {
  @Test
  void contendersAgreeOnEveryPath() {
    PathMatchBenchmark benchmark = new PathMatchBenchmark();
    assertDoesNotThrow(benchmark::setUp);
    assertEquals(benchmark.routeOurs(), benchmark.routeSpringPathPattern());
    assertEquals(benchmark.routeOurs(), benchmark.routeNioGlob());
    assertNotEquals(-RouteTable.PATHS.size(), benchmark.routeOurs(), "some paths must hit a route");
  }
}
