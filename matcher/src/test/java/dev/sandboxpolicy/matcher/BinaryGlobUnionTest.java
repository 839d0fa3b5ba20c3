package dev.sandboxpolicy.matcher;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.sandboxpolicy.model.Binary;
import dev.sandboxpolicy.model.Endpoint;
import dev.sandboxpolicy.model.NetworkPolicy;
import dev.sandboxpolicy.model.Policy;
import dev.sandboxpolicy.model.glob.GlobDelimiters;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Issue 18: an entry with several binary globs (binaries with a {@code *}) matches them with one automaton ({@link
 * GlobMatcher#union}). The network decision must equal "some glob matches the executable or an ancestor", each glob
 * matched on its own, for random glob sets (stars, {@code **}, classes, alternatives, {@code ?}) and paths.
 */
class BinaryGlobUnionTest {
  private static final String[] PARTS = {"usr", "bin", "local", "node", "python3", "x"};
  private static final String[] GLOB_TAILS = {"*", "3*", "[0-9]*", "{a,b}*", "?*", "**/x", "*a"};

  @Test
  void oneAutomatonDecidesLikeEveryGlobOnItsOwn() throws PolicyCompileException {
    long seed = Long.getLong("union.seed", 18L);
    Random random = new Random(seed);
    int allowed = 0;
    for (int round = 0; round < 30; round++) {
      List<String> globs = new ArrayList<>();
      int n = CompiledEntry.UNION_FROM + random.nextInt(4);
      NetworkPolicy.Builder entry = NetworkPolicy.builder()
          .addEndpoints(Endpoint.builder().host("a.example.com").port(443).build());
      for (int i = 0; i < n; i++) {
        String glob = path(random) + "/" + PARTS[random.nextInt(PARTS.length)]
            + GLOB_TAILS[random.nextInt(GLOB_TAILS.length)];
        globs.add(glob);
        entry.addBinaries(Binary.builder().path(glob).build());
      }
      Policy policy = Policy.builder().version(1L).putNetworkPolicies("e", entry.build()).build();
      CompiledPolicy p = CompiledPolicy.compile(policy, MatcherOptions.defaults().withValidation(false));
      List<GlobMatcher> oracle = globs.stream().map(g -> GlobMatcher.compile(g, GlobDelimiters.SLASH)).toList();
      for (int q = 0; q < 40; q++) {
        String exe = random.nextBoolean() ? instance(globs.get(random.nextInt(n)), random)
            : path(random) + "/" + PARTS[random.nextInt(PARTS.length)] + (random.nextBoolean() ? "3" : "a");
        List<String> ancestors = random.nextBoolean() ? List.of() : List.of(path(random) + "/x");
        boolean expected = false;
        for (GlobMatcher m : oracle) {
          expected |= m.matches(exe) || ancestors.stream().anyMatch(m::matches);
        }
        Decision d = p.decideNetwork(NetworkRequest.of("a.example.com", 443, exe).withAncestors(ancestors));
        final boolean want = expected;
        assertEquals(want, d.isAllowed(), () -> "seed " + seed + ": globs " + globs + " exe " + exe + " " + ancestors);
        allowed += want ? 1 : 0;
      }
    }
    assertEquals(true, allowed > 50, "too few allowed cases to compare: " + allowed);
  }

  /** A path a glob of this test matches (or nearly: a random choice per wildcard). */
  private static String instance(String glob, Random random) {
    return glob.replace("**/", random.nextBoolean() ? "" : "y/").replace("[0-9]", String.valueOf(random.nextInt(10)))
        .replace("{a,b}", random.nextBoolean() ? "a" : "b").replace("?", "q")
        .replace("*", random.nextBoolean() ? "" : "3z");
  }

  private static String path(Random random) {
    StringBuilder sb = new StringBuilder();
    int depth = 1 + random.nextInt(3);
    for (int i = 0; i < depth; i++) {
      sb.append('/').append(PARTS[random.nextInt(PARTS.length)]);
    }
    return sb.toString();
  }
}
