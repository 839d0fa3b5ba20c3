package dev.sandboxpolicy.model.glob;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sandboxpolicy.model.glob.tree.GlobNode.Alternation;
import dev.sandboxpolicy.model.glob.tree.GlobNode.AnyChar;
import dev.sandboxpolicy.model.glob.tree.GlobNode.AnySequence;
import dev.sandboxpolicy.model.glob.tree.GlobNode.CharClass;
import dev.sandboxpolicy.model.glob.tree.GlobNode.CharRange;
import dev.sandboxpolicy.model.glob.tree.GlobNode.Everything;
import dev.sandboxpolicy.model.glob.tree.GlobNode.Literal;
import dev.sandboxpolicy.model.glob.tree.GlobNode.RecursiveMiddle;
import dev.sandboxpolicy.model.glob.tree.GlobNode.RecursivePrefix;
import dev.sandboxpolicy.model.glob.tree.GlobNode.RecursiveSuffix;
import dev.sandboxpolicy.model.glob.tree.GlobNode;
import dev.sandboxpolicy.model.glob.tree.GlobParser;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GlobPatternTest {

  private static List<GlobNode> lits(String s) {
    List<GlobNode> out = new ArrayList<>();
    s.codePoints().forEach(cp -> out.add(new Literal(cp)));
    return out;
  }

  private static List<GlobNode> nodes(String pattern, GlobDelimiters d) {
    GlobPattern.parse(pattern, d); // the public check first: it throws GlobSyntaxException
    return GlobParser.parse(pattern, d.toCharArray());
  }

  @ParameterizedTest(name = "[{index}] {0} ({1}) -> {2} at {3}")
  @CsvSource(
      delimiter = '|',
      value = {
        "/a[b        | SLASH | glob_unclosed_class      | 2",
        "[]          | SLASH | glob_unclosed_class      | 0",
        "[!]         | SLASH | glob_unclosed_class      | 0",
        "v[2-1]      | DOT   | glob_invalid_range       | 2",
        "[z-a]x      | SLASH | glob_invalid_range       | 1",
        "[a-.]       | DOT   | glob_invalid_range       | 1",
        "{a,b        | DOT   | glob_unclosed_alternates | 0",
        "x{a,{b}     | DOT   | glob_unclosed_alternates | 1",
        "a}          | SLASH | glob_unopened_alternates | 1",
        "{a}}        | SLASH | glob_unopened_alternates | 3",
        "abc\\       | SLASH | glob_dangling_escape     | 3",
      })
  void syntaxErrorsHaveStableCodeAndOffset(String pattern, String delims, String code, int offset) {
    GlobDelimiters d = delims.equals("DOT") ? GlobDelimiters.DOT : GlobDelimiters.SLASH;
    GlobSyntaxException e = assertThrows(GlobSyntaxException.class, () -> GlobPattern.parse(pattern, d));
    assertEquals(code, e.error().code());
    assertEquals(offset, e.error().offset());
    assertEquals(Optional.of(e.error()), GlobPattern.check(pattern, d));
    assertTrue(e.getMessage().contains(pattern), e.getMessage());
  }

  @Test
  void nulIsRejectedWithItsOffset() {
    GlobError e = GlobPattern.check("ab\0", GlobDelimiters.DOT).orElseThrow();
    assertEquals(GlobErrorKind.NUL_CHARACTER, e.kind());
    assertEquals(2, e.offset());
  }

  @Test
  void dotDelimiterAfterEscapeIsNotDangling() {
    // "a\." is transformed to "a\/./": the escape applies to the inserted separator.
    assertEquals(lits("a/./"), nodes("a\\.", GlobDelimiters.DOT));
    assertEquals(Optional.of("a."), GlobPattern.parse("a\\.", GlobDelimiters.DOT).literal());
  }

  @Test
  void wholePatternDoubleStarIsEverything() {
    assertEquals(List.of(new Everything()), nodes("**", GlobDelimiters.SLASH));
    assertEquals(List.of(new Everything()), nodes("**/", GlobDelimiters.SLASH));
    assertTrue(GlobPattern.parse("**", GlobDelimiters.DOT).matchesEverything());
    // "**/{}" keeps two raw tokens upstream, so it is not the match-everything special case.
    assertEquals(List.of(new RecursivePrefix()), nodes("**/{}", GlobDelimiters.SLASH));
  }

  @Test
  void doubleStarFormsFollowTheSegmentRules() {
    List<GlobNode> expected = new ArrayList<>(lits("/api"));
    expected.add(new RecursiveSuffix());
    assertEquals(expected, nodes("/api/**", GlobDelimiters.SLASH));

    List<GlobNode> middle = new ArrayList<>(lits("a"));
    middle.add(new RecursiveMiddle());
    middle.addAll(lits("b"));
    assertEquals(middle, nodes("a/**/b", GlobDelimiters.SLASH));

    List<GlobNode> prefix = new ArrayList<>();
    prefix.add(new RecursivePrefix());
    prefix.addAll(lits("x"));
    assertEquals(prefix, nodes("**/x", GlobDelimiters.SLASH));

    // Not a whole segment: just two stars.
    List<GlobNode> twoStars = new ArrayList<>(lits("/api"));
    twoStars.add(new AnySequence());
    twoStars.add(new AnySequence());
    assertEquals(twoStars, nodes("/api**", GlobDelimiters.SLASH));
    assertEquals(List.of(new AnySequence(), new AnySequence(), new Literal('x')), nodes("**x", GlobDelimiters.SLASH));
  }

  @Test
  void hostDoubleStarLabelIsARecursivePrefix() {
    List<GlobNode> expected = new ArrayList<>();
    expected.add(new RecursivePrefix());
    expected.addAll(lits("./example/./com"));
    assertEquals(expected, nodes("**.example.com", GlobDelimiters.DOT));
    // With the dot delimiter '/' is an ordinary character (U+0000 stand-in).
    assertEquals(List.of(new Literal('a'), new Literal(0), new AnySequence()), nodes("a/*", GlobDelimiters.DOT));
  }

  @Test
  void classesFollowGlobsetRules() {
    assertEquals(
        List.of(new CharClass(false, List.of(new CharRange(']', ']'), new CharRange('a', 'a')))),
        nodes("[]a]", GlobDelimiters.SLASH));
    assertEquals(
        List.of(new CharClass(true, List.of(new CharRange(']', ']')))), nodes("[!]]", GlobDelimiters.SLASH));
    assertEquals(
        List.of(new CharClass(true, List.of(new CharRange('x', 'x')))), nodes("[^x]", GlobDelimiters.SLASH));
    assertEquals(
        List.of(new CharClass(false, List.of(new CharRange('-', '-'), new CharRange('a', 'a')))),
        nodes("[-a]", GlobDelimiters.SLASH));
    assertEquals(
        List.of(new CharClass(false, List.of(new CharRange('a', 'a'), new CharRange('-', '-')))),
        nodes("[a-]", GlobDelimiters.SLASH));
    assertEquals(
        List.of(new CharClass(false, List.of(new CharRange('a', 'z')))), nodes("[a-z]", GlobDelimiters.SLASH));
    // No escapes inside a class: the backslash is a member.
    assertEquals(
        List.of(new CharClass(false, List.of(new CharRange('\\', '\\'), new CharRange('*', '*')))),
        nodes("[\\*]", GlobDelimiters.SLASH));
  }

  @Test
  void alternationDropsEmptyAlternativesAndNests() {
    assertEquals(lits("ab"), nodes("{a,}b", GlobDelimiters.SLASH));
    assertEquals(lits("ab"), nodes("a{}b", GlobDelimiters.SLASH));
    assertEquals(
        List.of(new Alternation(List.of(lits("a"), List.of(new Alternation(List.of(lits("b"), lits("c"))))))),
        nodes("{a,{b,c}}", GlobDelimiters.SLASH));
    assertEquals(lits("a,b"), nodes("a,b", GlobDelimiters.SLASH));
    assertEquals(List.of(new AnyChar()), nodes("?", GlobDelimiters.SLASH));
  }

  @Test
  void literalIsOnlyReportedWithoutWildcards() {
    assertEquals(Optional.of("a*b"), GlobPattern.parse("a\\*b", GlobDelimiters.SLASH).literal());
    assertEquals(Optional.of("api.example.com"), GlobPattern.parse("api.example.com", GlobDelimiters.DOT).literal());
    assertEquals(Optional.of("tools/call"), GlobPattern.parse("tools/call", GlobDelimiters.DOT).literal());
    assertFalse(GlobPattern.parse("a*", GlobDelimiters.SLASH).literal().isPresent());
  }

  @Test
  void delimitersNormalise() {
    assertEquals(GlobDelimiters.DOT, GlobDelimiters.of());
    assertEquals(GlobDelimiters.SLASH, GlobDelimiters.of('/', '/'));
    assertTrue(GlobDelimiters.of(':', '.').isDelimiter(':'));
    assertFalse(GlobDelimiters.DOT.slashIsDelimiter());
    assertThrows(IllegalArgumentException.class, () -> GlobDelimiters.of('\0'));
  }

  /** {@link GlobPattern#check} skips the parse for patterns without class, alternative or escape syntax: same answer. */
  @Test
  void checkAgreesWithParseOnEveryPattern() {
    long seed = Long.getLong("glob.seed", 18L);
    java.util.Random random = new java.util.Random(seed);
    String alphabet = "ab/.*?[]{},!-\\\0";
    for (int i = 0; i < 5_000; i++) {
      StringBuilder p = new StringBuilder();
      for (int k = random.nextInt(7); k > 0; k--) {
        p.append(alphabet.charAt(random.nextInt(alphabet.length())));
      }
      for (GlobDelimiters d : new GlobDelimiters[] {GlobDelimiters.DOT, GlobDelimiters.SLASH}) {
        boolean parses;
        try {
          GlobPattern.parse(p.toString(), d);
          parses = true;
        } catch (GlobSyntaxException e) {
          parses = false;
        }
        String pattern = p.toString();
        assertEquals(parses, GlobPattern.check(pattern, d).isEmpty(), () -> "seed " + seed + ": '" + pattern + "' " + d);
      }
    }
  }
}
