package dev.sandboxpolicy.matcher;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.sandboxpolicy.model.glob.tree.GlobNode;
import dev.sandboxpolicy.model.glob.tree.GlobParser;
import dev.sandboxpolicy.model.glob.GlobDelimiters;
import dev.sandboxpolicy.model.glob.GlobPattern;
import dev.sandboxpolicy.model.glob.GlobSyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Compares the compiled matcher with an oracle that does what upstream does literally: transform both strings with
 * {@code String.replace}, render the parsed nodes as the globset regex over bytes, and run java.util.regex on the
 * UTF-8 bytes of the transformed value (each byte as one ISO-8859-1 char).
 */
class GlobDifferentialTest {
  private static final String PATTERN_CHARS = "ab/.*?[]!-{},\\é";
  private static final String VALUE_CHARS = "ab/.-é";

  @Test
  void compiledMatcherAgreesWithRegexOracle() {
    long seed = Long.getLong("glob.seed", 20261124L);
    Random random = new Random(seed);
    int compared = 0;
    for (int i = 0; i < 4000; i++) {
      String pattern = switch (i % 8) {
        // Shapes with specialised matchers: *.suffix, **.suffix, prefix/**, prefix/**/suffix.
        case 0 -> "*." + randomString(random, VALUE_CHARS, 5);
        case 1 -> "**." + randomString(random, VALUE_CHARS, 5);
        case 2 -> randomString(random, VALUE_CHARS, 5) + "/**";
        case 3 -> randomString(random, VALUE_CHARS, 4) + "/**/" + randomString(random, VALUE_CHARS, 4);
        default -> randomString(random, PATTERN_CHARS, 8);
      };
      GlobDelimiters d = random.nextBoolean() ? GlobDelimiters.DOT : GlobDelimiters.SLASH;
      GlobPattern parsed;
      try {
        parsed = GlobPattern.parse(pattern, d);
      } catch (GlobSyntaxException e) {
        continue;
      }
      // from the parsed pattern and from its text (which parses only patterns with syntax beyond single stars)
      GlobMatcher matcher = i % 2 == 0 ? GlobMatcher.compile(parsed) : GlobMatcher.compile(pattern, d);
      Pattern oracle = Pattern.compile("^" + regex(nodes(parsed)) + "$", Pattern.DOTALL);
      for (int j = 0; j < 20; j++) {
        String value = j == 0 ? literalish(pattern)
            : j < 5 ? randomString(random, VALUE_CHARS, 3) + literalish(pattern)
            : j < 10 ? literalish(pattern).replaceFirst("//", "/" + randomString(random, VALUE_CHARS, 4) + "/")
            : randomString(random, VALUE_CHARS, 7);
        boolean expected = oracle.matcher(bytesOf(transform(value, d))).matches();
        assertEquals(
            expected,
            matcher.matches(value),
            () -> "seed " + seed + ": pattern '" + pattern + "' " + d + " value '" + value + "'");
        compared++;
      }
    }
    assertEquals(true, compared > 20_000, "too few valid patterns: " + compared);
  }

  /**
   * Issue 18: globs of literals and single stars are matched with {@code indexOf} ({@link StarPattern}), and other
   * globs are rejected early when a value lacks their literal prefix or suffix. Both against the regex oracle, on
   * values built from the pattern's own pieces (so matches are common), case-sensitive and lower-cased (the
   * wildcard host rule).
   */
  @Test
  void starPatternsAndLiteralAffixesAgreeWithRegexOracle() {
    long seed = Long.getLong("glob.seed", 20261207L);
    Random random = new Random(seed);
    String pieceChars = "ab/.-é";
    int compared = 0;
    for (int i = 0; i < 3000; i++) {
      StringBuilder p = new StringBuilder(randomString(random, pieceChars, 3));
      int stars = 1 + random.nextInt(4);
      for (int k = 0; k < stars; k++) {
        p.append(i % 5 == 0 && k == 0 ? (random.nextBoolean() ? "**" : "?") : "*");
        p.append(randomString(random, pieceChars, 3));
      }
      if (i % 7 == 0) {
        p.insert(0, random.nextBoolean() ? "**/" : "/");
        p.append(random.nextBoolean() ? "/**" : "/d");
      }
      String pattern = p.toString();
      GlobDelimiters d = random.nextBoolean() ? GlobDelimiters.DOT : GlobDelimiters.SLASH;
      boolean fold = random.nextInt(4) == 0;
      GlobPattern parsed;
      try {
        parsed = GlobPattern.parse(pattern, d);
      } catch (GlobSyntaxException e) {
        continue;
      }
      GlobMatcher matcher = fold ? GlobMatcher.compileLowerCased(pattern, d)
          : i % 2 == 0 ? GlobMatcher.compile(parsed) : GlobMatcher.compile(pattern, d);
      Pattern oracle = Pattern.compile("^" + regex(nodes(parsed)) + "$", Pattern.DOTALL);
      String[] pieces = pattern.split("[*?]+", -1);
      for (int j = 0; j < 25; j++) {
        StringBuilder v = new StringBuilder();
        for (int k = 0; k < pieces.length; k++) {
          v.append(random.nextInt(6) == 0 ? "" : pieces[k]);
          if (k < pieces.length - 1) {
            v.append(randomString(random, pieceChars, 2));
          }
        }
        String value = fold && random.nextBoolean() ? v.toString().toUpperCase(java.util.Locale.ROOT) : v.toString();
        String compared0 = fold ? value.toLowerCase(java.util.Locale.ROOT) : value;
        boolean expected = oracle.matcher(bytesOf(transform(compared0, d))).matches();
        assertEquals(expected, matcher.matches(value),
            () -> "seed " + seed + ": pattern '" + pattern + "' " + d + (fold ? " lower-cased" : "") + " value '"
                + value + "'");
        compared++;
      }
    }
    assertEquals(true, compared > 40_000, "too few valid patterns: " + compared);
  }

  private static String literalish(String pattern) {
    return pattern.replaceAll("[*?\\[\\]{}\\\\!,]", "");
  }

  private static String randomString(Random random, String alphabet, int maxLength) {
    int n = random.nextInt(maxLength + 1);
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < n; i++) {
      sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
    }
    return sb.toString();
  }

  /** Spec §3.2 steps 3–4, literally. */
  private static String transform(String s, GlobDelimiters d) {
    if (!d.slashIsDelimiter()) {
      s = s.replace("/", "\0");
    }
    for (char c : d.toCharArray()) {
      if (c != '/') {
        s = s.replace(String.valueOf(c), "/" + c + "/");
      }
    }
    return s;
  }

  private static String bytesOf(String s) {
    return new String(s.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
  }

  private static String byteLiteral(int b) {
    return String.format("\\x%02x", b);
  }

  private static String bytesLiteral(int cp) {
    StringBuilder sb = new StringBuilder();
    for (byte b : new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8)) {
      sb.append(byteLiteral(b & 0xFF));
    }
    return sb.toString();
  }

  private static String regex(List<GlobNode> nodes) {
    StringBuilder re = new StringBuilder();
    for (GlobNode node : nodes) {
      if (node instanceof GlobNode.Literal l) {
        re.append(bytesLiteral(l.codePoint()));
      } else if (node instanceof GlobNode.AnyChar) {
        re.append("[^/]");
      } else if (node instanceof GlobNode.AnySequence) {
        re.append("[^/]*");
      } else if (node instanceof GlobNode.Everything) {
        re.append(".*");
      } else if (node instanceof GlobNode.RecursivePrefix) {
        re.append("(?:/?|.*/)");
      } else if (node instanceof GlobNode.RecursiveSuffix) {
        re.append("/.*");
      } else if (node instanceof GlobNode.RecursiveMiddle) {
        re.append("(?:/|/.*/)");
      } else if (node instanceof GlobNode.CharClass c) {
        re.append('[');
        if (c.negated()) {
          re.append('^');
        }
        for (GlobNode.CharRange r : c.ranges()) {
          re.append(bytesLiteral(r.first()));
          if (r.first() != r.last()) {
            re.append('-').append(bytesLiteral(r.last()));
          }
        }
        re.append(']');
      } else if (node instanceof GlobNode.Alternation a) {
        re.append("(?:");
        for (int i = 0; i < a.alternatives().size(); i++) {
          re.append(i == 0 ? "" : "|").append(regex(a.alternatives().get(i)));
        }
        re.append(')');
      }
    }
    return re.toString();
  }

  private static java.util.List<dev.sandboxpolicy.model.glob.tree.GlobNode> nodes(
      dev.sandboxpolicy.model.glob.GlobPattern p) {
    return GlobParser.parse(p.source(), p.delimiters().toCharArray());
  }
}
