package dev.sandboxpolicy.matcher;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sandboxpolicy.model.automaton.ByteDfa;
import dev.sandboxpolicy.model.automaton.CallSiteLanguages;
import dev.sandboxpolicy.model.automaton.RouteSelectorPattern;
import dev.sandboxpolicy.model.glob.GlobDelimiters;
import dev.sandboxpolicy.model.glob.GlobPattern;
import dev.sandboxpolicy.model.glob.GlobSyntaxException;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The analysis and the ambiguity check decide on {@link CallSiteLanguages}; the proxy decides with the compiled
 * matchers. They must agree on every value: random patterns and values, seed printed on failure.
 */
class CallSiteLanguagesAgreementTest {
  private static final String PATTERN_CHARS = "ab/.*?[]!-{},\\é";
  private static final String VALUE_CHARS = "aAb/.-é";
  private static final String PATH_PATTERN_CHARS = "ab/.*?[]!-%2F";
  private static final String PATH_CHARS = "ab/.%2F;-";

  private static String random(Random r, String alphabet, int max) {
    int n = r.nextInt(max + 1);
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < n; i++) {
      sb.append(alphabet.charAt(r.nextInt(alphabet.length())));
    }
    return sb.toString();
  }

  @Test
  void globLanguagesAgreeWithTheCompiledGlobs() {
    long seed = Long.getLong("languages.seed", 20261201L);
    Random r = new Random(seed);
    int compared = 0;
    for (int i = 0; i < 800; i++) {
      String pattern = random(r, PATTERN_CHARS, 7);
      GlobDelimiters d = r.nextBoolean() ? GlobDelimiters.DOT : GlobDelimiters.SLASH;
      GlobPattern parsed;
      try {
        parsed = GlobPattern.parse(pattern, d);
      } catch (GlobSyntaxException e) {
        continue;
      }
      GlobMatcher matcher = GlobMatcher.compile(parsed);
      ByteDfa language = CallSiteLanguages.glob(parsed);
      for (int j = 0; j < 20; j++) {
        String value = j == 0 ? pattern.replaceAll("[*?\\[\\]{}\\\\!,]", "") : random(r, VALUE_CHARS, 6);
        assertEquals(matcher.matches(value), language.matches(value.getBytes(UTF_8)),
            "seed " + seed + ": '" + pattern + "' " + d + " on '" + value + "'");
        compared++;
      }
    }
    assertTrue(compared > 5_000, "compared " + compared);
  }

  @Test
  void hostLanguagesAgreeWithTheHostMatchers() {
    long seed = Long.getLong("languages.seed", 20261202L);
    Random r = new Random(seed);
    for (int i = 0; i < 600; i++) {
      String host = random(r, "aB.*-", 8);
      if (host.isEmpty()) {
        continue;
      }
      GlobMatcher wildcard;
      try {
        wildcard = host.indexOf('*') >= 0 ? GlobMatcher.compileLowerCased(host, GlobDelimiters.DOT) : null;
      } catch (GlobSyntaxException e) {
        continue;
      }
      ByteDfa language = CallSiteLanguages.hostPattern(host);
      for (int j = 0; j < 20; j++) {
        String value = j == 0 ? host.replace("*", "") : random(r, "aAbB.-", 8);
        boolean expected = wildcard != null ? wildcard.matches(value)
            : GlobMatcher.equalsLowered(host.toLowerCase(java.util.Locale.ROOT), value);
        assertEquals(expected, language.matches(value.getBytes(UTF_8)),
            "seed " + seed + ": host '" + host + "' on '" + value + "'");
      }
    }
  }

  @Test
  void routeSelectorLanguagesAgreeWithRouteSelection() {
    long seed = Long.getLong("languages.seed", 20261203L);
    Random r = new Random(seed);
    for (int i = 0; i < 600; i++) {
      String selector = (i % 3 == 0 ? "/" : "") + random(r, PATH_PATTERN_CHARS, 8) + (i % 4 == 0 ? "/**" : "");
      RouteSelectorPattern route = RouteSelectorPattern.parse(selector);
      ByteDfa language = CallSiteLanguages.routeSelector(selector);
      ByteDfa paths = CallSiteLanguages.canonicalPath(true);
      for (int j = 0; j < 20; j++) {
        String path = "/" + random(r, PATH_CHARS.replace(";", ""), 7);
        byte[] bytes = path.getBytes(UTF_8);
        if (!paths.matches(bytes)) {
          continue; // the language is only exact on canonical paths
        }
        assertEquals(route.matches(path), language.matches(bytes),
            "seed " + seed + ": selector '" + selector + "' on '" + path + "'");
      }
    }
  }

  @Test
  void canonicalPathLanguageIsExactlyTheFixedPointsOfCanonicalization() {
    long seed = Long.getLong("languages.seed", 20261204L);
    Random r = new Random(seed);
    for (boolean slash : new boolean[] {false, true}) {
      ByteDfa paths = CallSiteLanguages.canonicalPath(slash);
      for (int i = 0; i < 8_000; i++) {
        String target = (i % 10 == 0 ? "" : "/") + random(r, "a/.;%2F4A ~@é?#", 9);
        boolean fixedPoint;
        try {
          fixedPoint = CanonicalTarget.parse(target, slash).path().equals(target) && target.indexOf('?') < 0;
        } catch (RequestTargetException e) {
          fixedPoint = false;
        }
        assertEquals(fixedPoint, paths.matches(target.getBytes(UTF_8)),
            "seed " + seed + ": '" + target + "' encoded slash " + slash);
      }
    }
  }
}
