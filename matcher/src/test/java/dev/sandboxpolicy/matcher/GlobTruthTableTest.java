package dev.sandboxpolicy.matcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.sandboxpolicy.model.glob.tree.GlobParser;
import dev.sandboxpolicy.model.glob.GlobDelimiters;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Truth tables of the glob primitive per call-site grammar, written from spec §3.2 (see docs/glob-semantics.md). */
class GlobTruthTableTest {

  @ParameterizedTest(name = "host {0} ~ {1} = {2}")
  @CsvSource(
      delimiter = '|',
      value = {
        "*.example.com         | api.example.com         | true",
        "*.example.com         | example.com             | false", // never the apex
        "*.example.com         | a.b.example.com         | false", // exactly one label
        "*.example.com         | API.Example.COM         | true", // both sides lower-cased
        "**.example.com        | a.b.example.com         | true",
        "**.example.com        | a.example.com           | true",
        "**.example.com        | example.com             | false", // needs >= 1 label
        "*-ai.example.com      | gen-ai.example.com      | true", // intra-label
        "*-ai.example.com      | x.gen-ai.example.com    | false",
        "*.s3.*.amazonaws.com  | b.s3.us-east-1.amazonaws.com | true",
        "*.s3.*.amazonaws.com  | b.s3.a.b.amazonaws.com  | false",
        "api.*.com             | api.x.com               | true",
        "*.example.com         | a/b.example.com         | true", // '/' is an ordinary character
        "*                     | localhost               | true",
        "*                     | a.b                     | false",
        "**                    | a.b.c                   | true",
        "x**.example.com       | xy.example.com          | true", // not a whole label: two stars
        "x**.example.com       | x.y.example.com         | false",
        "*.example.com         | .example.com            | true", // empty label is allowed by the glob
      })
  void hosts(String pattern, String host, boolean expected) {
    assertEquals(expected, GlobMatcher.compileLowerCased(pattern, GlobDelimiters.DOT).matches(host));
  }

  @ParameterizedTest(name = "path {0} ~ {1} = {2}")
  @CsvSource(
      delimiter = '|',
      value = {
        "/api/**            | /api/x           | true",
        "/api/**            | /api/x/y         | true",
        "/api/**            | /api/            | true",
        "/api/**            | /api             | false", // §6.2: needs the slash
        "/api/*             | /api/x           | true",
        "/api/*             | /api/x/y         | false", // §6.3: '*' never crosses '/'
        "/api/*             | /api/            | true",
        "/api**             | /apix            | true", // §6.3: /api** == /api*
        "/api**             | /api/x           | false",
        "/a/**/b            | /a/b             | true",
        "/a/**/b            | /a/x/y/b         | true",
        "/a/**/b            | /ab              | false",
        "/a/**/b            | /a//b            | true", // (?:/|/.*/): the middle segment may be empty
        "/a//**//b          | /a//b            | false", // the two slashes of P/ and /S share at most one
        "/a//**//b          | /a///b           | true",
        "/**                | /                | true",
        "/**                | x/y              | false",
        "**/b               | b                | true",
        "**/b               | /b               | true",
        "**/b               | x/y/b            | true",
        "**/b               | xb               | false",
        "**                 | ''               | true",
        "/v1/?              | /v1/a            | true",
        "/v1/?              | /v1/ab           | false",
        "/v1/?              | /v1//            | false",
        "/v[0-9]/x          | /v7/x            | true",
        "/v[!0-9]/x         | /v7/x            | false",
        "/a[!x]b            | /a/b             | true", // a negated class matches '/'
        "/{users,groups}/*  | /groups/1        | true",
        "/{users,groups}/*  | /teams/1         | false",
        "/{a,}b             | /ab              | true",
        "/{a,}b             | /b               | false", // empty alternatives are dropped
        "/{a,{b,c}}         | /c               | true",
        "/a\\*b             | /a*b             | true",
        "/a\\*b             | /axb             | false",
        "/[]]               | /]               | true",
        "/[a-]              | /-               | true",
        "/hello%20world     | /hello%20world   | true",
        "/API               | /api             | false", // case-sensitive
        "/é?                | /éx              | true",
        "/?                 | /é               | false", // '?' is one byte upstream
        "/??                | /é               | true",
        "/a,b               | /a,b             | true",
      })
  void paths(String pattern, String path, boolean expected) {
    assertEquals(expected, GlobMatcher.compile(pattern, GlobDelimiters.SLASH).matches(path));
  }

  @ParameterizedTest(name = "value {0} ~ {1} = {2}")
  @CsvSource(
      delimiter = '|',
      value = {
        "*           | v1          | true",
        "*           | v1.2        | false", // §6.4: '.' separates
        "*           | a/b         | true", // '/' is ordinary
        "*           | ''          | true",
        "**          | v1.2        | true",
        "v*          | v1          | true",
        "v*.*        | v1.2        | true",
        "v*.*        | v1.2.3      | false",
        "tools/*     | tools/call  | true", // MCP method with the dot grammar
        "tools/*     | tools/x.y   | false",
        "*           | notifications/initialized | true",
        "get*        | getUser     | true",
        "get*        | GetUser     | false",
        "{a,b}.c     | b.c         | true",
        "[.]         | .           | false", // a class never matches the three-byte transformed delimiter
        "a\\.b       | a.b         | true",
      })
  void queryGraphqlAndMcpValues(String pattern, String value, boolean expected) {
    assertEquals(expected, GlobMatcher.compile(pattern, GlobDelimiters.DOT).matches(value));
  }

  @ParameterizedTest(name = "binary {0} ~ {1} = {2}")
  @CsvSource(
      delimiter = '|',
      value = {
        "/usr/bin/*        | /usr/bin/python3     | true",
        "/usr/bin/*        | /usr/bin/sub/python3 | false",
        "/usr/**/python*   | /usr/local/bin/python3.11 | true",
        "/usr/**           | /usr/lib/x           | true",
        "/usr/**           | /usr                 | false",
        "/usr/bin/python*  | /usr/bin/python3.11  | true", // '.' is ordinary in the slash grammar
        "/opt/*/bin/node   | /opt/a/bin/node      | true",
      })
  void binaries(String pattern, String path, boolean expected) {
    assertEquals(expected, GlobMatcher.compile(pattern, GlobDelimiters.SLASH).matches(path));
  }

  @Test
  void nulInValueIsAnEvaluationError() {
    GlobMatcher m = GlobMatcher.compile("*", GlobDelimiters.DOT);
    assertEquals(GlobMatcher.ERROR, m.evaluate("a\0b"));
    assertThrows(IllegalArgumentException.class, () -> m.matches("\0"));
    // Even a literal pattern errors rather than reporting a mismatch.
    assertEquals(GlobMatcher.ERROR, GlobMatcher.compile("abc", GlobDelimiters.DOT).evaluate("abc\0"));
  }

  @Test
  void pathologicalPatternsRunInLinearTime() {
    StringBuilder value = new StringBuilder();
    for (int i = 0; i < 100_000; i++) {
      value.append('a');
    }
    String input = value.toString();
    GlobMatcher m = GlobMatcher.compile("*a*a*a*a*a*a*a*a*a*a*b", GlobDelimiters.SLASH);
    GlobMatcher n = GlobMatcher.compile("**/a/**/a/**/a/**/a/**/b", GlobDelimiters.SLASH);
    String slashes = input.replace("aa", "a/");
    assertTimeoutPreemptively(
        Duration.ofSeconds(2),
        () -> {
          assertEquals(false, m.matches(input));
          assertEquals(true, m.matches(input + "b"));
          assertEquals(false, n.matches(slashes));
        });
  }

  @Test
  void patternsBeyondTheDfaLimitFallBackToTheNfa() {
    StringBuilder p = new StringBuilder("*a");
    for (int i = 0; i < 16; i++) {
      p.append('?');
    }
    GlobMatcher m = GlobMatcher.compile(p.toString(), GlobDelimiters.SLASH);
    assertEquals(false, ByteAutomaton.compile(nodes(m.pattern())).isDeterministic());
    String yes = "xxxxa0123456789abcdef";
    String no = "xxxxb0123456789abcdef";
    assertEquals(true, m.matches(yes));
    assertEquals(false, m.matches(no));
    assertEquals(false, m.matches("a0123456789abcde"));
  }

  @ParameterizedTest(name = "{0} -> {1} at {2}")
  @CsvSource(
      delimiter = '|',
      value = {
        "/a/{b|glob_unclosed_alternates|3",
        "/a/[b|glob_unclosed_class|3",
        "/a/b}|glob_unopened_alternates|4",
        "/a/[z-a]|glob_invalid_range|4",
        "/a\\|glob_dangling_escape|2",
      })
  void aPatternThatDoesNotCompileIsRefusedWithTheCodeOfThePublicParse(String pattern, String code, int offset) {
    for (boolean folded : new boolean[] {false, true}) {
      dev.sandboxpolicy.model.glob.GlobSyntaxException e = assertThrows(
          dev.sandboxpolicy.model.glob.GlobSyntaxException.class,
          () -> compile(pattern, folded));
      assertEquals(code, e.error().code(), pattern);
      assertEquals(offset, e.error().offset(), pattern);
      assertEquals(e.error(), assertThrows(dev.sandboxpolicy.model.glob.GlobSyntaxException.class,
          () -> dev.sandboxpolicy.model.glob.GlobPattern.parse(pattern, GlobDelimiters.SLASH)).error());
    }
  }

  private static GlobMatcher compile(String pattern, boolean folded) {
    return folded ? GlobMatcher.compileLowerCased(pattern, GlobDelimiters.SLASH)
        : GlobMatcher.compile(pattern, GlobDelimiters.SLASH);
  }

  private static java.util.List<dev.sandboxpolicy.model.glob.tree.GlobNode> nodes(
      dev.sandboxpolicy.model.glob.GlobPattern p) {
    return GlobParser.parse(p.source(), p.delimiters().toCharArray());
  }
}
