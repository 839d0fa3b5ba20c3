package dev.sandboxpolicy.model.automaton;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sandboxpolicy.model.glob.GlobDelimiters;
import dev.sandboxpolicy.model.glob.GlobPattern;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ProductSearchTest {
  private static final ByteDfa PATHS = CallSiteLanguages.canonicalPath(false);

  private static String text(Optional<byte[]> bytes) {
    return bytes.map(b -> new String(b, UTF_8)).orElse(null);
  }

  @Test
  void intersectionIsDecidedWithAShortestWitness() {
    ByteDfa api = CallSiteLanguages.pathGlob("/api/**");
    ByteDfa star = CallSiteLanguages.pathGlob("/*/v1");
    assertEquals("/api/v1", text(ProductSearch.witness(List.of(api, star), PATHS, 1000)));
    assertFalse(ProductSearch.intersects(
        List.of(CallSiteLanguages.pathGlob("/v[12]"), CallSiteLanguages.pathGlob("/v[34]")), PATHS));
  }

  @Test
  void inclusionGivesACounterexampleOrNothing() {
    ByteDfa deep = CallSiteLanguages.pathGlob("/api/**");
    ByteDfa shallow = CallSiteLanguages.pathGlob("/api/*");
    assertEquals("/api/", text(ProductSearch.counterexample(shallow, CallSiteLanguages.pathGlob("/api/?*"), PATHS)));
    assertEquals(Optional.empty(), ProductSearch.counterexample(shallow, deep, PATHS));
    String witness = text(ProductSearch.counterexample(deep, shallow, PATHS));
    assertTrue(deep.matches(witness.getBytes(UTF_8)) && !shallow.matches(witness.getBytes(UTF_8)), witness);
    assertEquals("/api/a/", witness);
  }

  @Test
  void theUniverseDecidesWhatCountsAsAValue() {
    // every path starting /a is selected by "/a*", but only canonical ones count: "/a b" is not a request path
    ByteDfa spaced = CallSiteLanguages.pathGlob("/a b");
    assertTrue(ProductSearch.intersects(List.of(spaced), null));
    assertFalse(ProductSearch.intersects(List.of(spaced), PATHS));
  }

  @Test
  void atomsListEveryRealisableCombinationOnce() {
    ByteDfa a = CallSiteLanguages.pathGlob("/a/**");
    ByteDfa b = CallSiteLanguages.pathGlob("/*/b");
    List<ProductSearch.Atom> atoms = ProductSearch.atoms(List.of(a, b), PATHS, 10_000);
    Set<String> signatures = new TreeSet<>();
    for (ProductSearch.Atom atom : atoms) {
      signatures.add(atom.label(0) + "" + atom.label(1));
      byte[] w = atom.witness();
      assertEquals(atom.label(0) != 0, a.matches(w), atom.toString());
      assertEquals(atom.label(1) != 0, b.matches(w), atom.toString());
      assertTrue(PATHS.matches(w), atom.toString());
    }
    assertEquals(Set.of("10", "01", "11"), signatures);
  }

  @Test
  void literalSetsLabelEachMember() {
    ByteDfa set = ByteDfa.literals(List.of("ab".getBytes(UTF_8), "a".getBytes(UTF_8), "ab".getBytes(UTF_8)));
    assertEquals(1, set.label(set.run("ab".getBytes(UTF_8))));
    assertEquals(2, set.label(set.run("a".getBytes(UTF_8))));
    assertEquals(0, set.label(set.run("abc".getBytes(UTF_8))));
    assertEquals(0, set.label(set.run("".getBytes(UTF_8))));
  }

  @Test
  void aProductBeyondTheBoundIsRefusedNotExplored() {
    // "letter c four places from the end" for six letters: each glob is small, their product is 2^24 states
    List<ByteDfa> parts = new java.util.ArrayList<>();
    for (char c = 'a'; c <= 'f'; c++) {
      parts.add(CallSiteLanguages.glob(GlobPattern.parse("*" + c + "???", GlobDelimiters.DOT)));
    }
    ProductSearch.StateLimitException e = assertThrows(ProductSearch.StateLimitException.class,
        () -> ProductSearch.atoms(parts, CallSiteLanguages.text(), 500));
    assertEquals(500, e.limit());
  }

  @Test
  void aGlobWhoseDeterminisationExplodesIsRefused() {
    assertThrows(ProductSearch.StateLimitException.class,
        () -> CallSiteLanguages.glob(GlobPattern.parse("*a" + "?".repeat(14), GlobDelimiters.DOT)));
  }

  @ParameterizedTest(name = "{0} {1} -> {2}")
  @CsvSource(delimiter = '|', value = {
    "*.example.com|api.example.com|true",
    "*.example.com|API.Example.COM|true",
    "*.example.com|example.com|false",
    "*.example.com|a.b.example.com|false",
    "**.example.com|a.b.example.com|true",
    "**.example.com|example.com|false",
    "Api.Example.com|api.example.COM|true",
    "api.example.com|api.example.co|false",
    "*-ai.x.com|gen-ai.x.com|true",
    "*.x.com|a/b.x.com|true",       // '/' is an ordinary character in a host glob
  })
  void hostPatternsFollowSpec33(String pattern, String host, boolean expected) {
    assertEquals(expected, CallSiteLanguages.hostPattern(pattern).matches(host.getBytes(UTF_8)));
  }

  @ParameterizedTest(name = "{0} {1} -> {2}")
  @CsvSource(delimiter = '|', value = {
    "v*|v1|true",
    "v*|v1.2|false",                // '*' does not cross '.'
    "v*|v1/2|true",                 // '/' is ordinary in the dot grammar
    "**|a.b|true",
    "a?c|abc|true",
    "a?c|a.c|false",
  })
  void valueGlobsUseTheDotGrammar(String pattern, String value, boolean expected) {
    assertEquals(expected, CallSiteLanguages.valueGlob(pattern).matches(value.getBytes(UTF_8)));
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiter = '|', value = {
    "/|true", "/a|true", "/a/|true", "/a/b|true", "//|false", "/a//b|false", "/.|false", "/a/..|false",
    "/...|true", "/.a|true", "/a%20b|true", "/a%2Fb|false", "/a%41|false", "/a%2a|false", "/a;b|false",
    "a|false", "''|false", "/a b|false", "/a%3B|false", "/%C3%A9|true", "/@:=|true",
  })
  void canonicalPathsAreTheirOwnCanonicalForm(String path, boolean expected) {
    assertEquals(expected, PATHS.matches(path.getBytes(UTF_8)));
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiter = '|', value = {
    "api.github.com|true", "a|true", "a.|false", ".a|false", "a..b|false", "1.a|true", "a.1|false",
    "10.0.0.1|false", "a.0x1f|false", "a.0xg|true", "a.01z|true", "Api.github.com|false", "::1|false", "''|false",
    "a.b-1|true",
  })
  void hostNamesLeaveIpLiteralSpellingsOut(String host, boolean expected) {
    assertEquals(expected, CallSiteLanguages.hostNames().matches(host.getBytes(UTF_8)));
  }

  @Test
  void textIsValidUtf8WithoutNul() {
    ByteDfa text = CallSiteLanguages.text();
    assertTrue(text.matches("".getBytes(UTF_8)));
    assertTrue(text.matches("é€😀".getBytes(UTF_8)));
    assertFalse(text.matches(new byte[] {0}));
    assertFalse(text.matches(new byte[] {(byte) 0xC3}));
    assertFalse(text.matches(new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80})); // a surrogate
    assertFalse(text.matches(new byte[] {(byte) 0xC0, (byte) 0x80})); // overlong
  }

  @Test
  void executablePathsAreCanonicalAbsolutePaths() {
    ByteDfa exe = CallSiteLanguages.executablePaths();
    assertTrue(exe.matches("/usr/bin/gh".getBytes(UTF_8)));
    assertTrue(exe.matches("/opt/é/x".getBytes(UTF_8)));
    assertFalse(exe.matches("/".getBytes(UTF_8)));
    assertFalse(exe.matches("/usr/bin/".getBytes(UTF_8)));
    assertFalse(exe.matches("/usr/./gh".getBytes(UTF_8)));
    assertFalse(exe.matches("usr/bin/gh".getBytes(UTF_8)));
    assertFalse(exe.matches("/usr//gh".getBytes(UTF_8)));
  }

  @Test
  void witnessesPreferReadableBytes() {
    ByteDfa any = CallSiteLanguages.valueGlob("?*");
    assertArrayEquals("a".getBytes(UTF_8), ProductSearch.witness(List.of(any), CallSiteLanguages.text(), 100).get());
  }
}
