package dev.sandboxpolicy.benchmarks.baseline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The baseline's glob translation against the examples of spec §3.2 and §3.3. */
class RegexGlobTest {

  @ParameterizedTest(name = "host {0} ~ {1} = {2}")
  @CsvSource({
    "*.example.com, api.example.com, true",
    "*.example.com, example.com, false",
    "*.example.com, a.b.example.com, false",
    "**.example.com, a.example.com, true",
    "**.example.com, a.b.example.com, true",
    "**.example.com, example.com, false",
    "*-ai.x.com, foo-ai.x.com, true",
    "*-ai.x.com, foo.bar-ai.x.com, false",
    "*.s3.*.amazonaws.com, bucket.s3.us-east-1.amazonaws.com, true",
    "*.s3.*.amazonaws.com, bucket.s3.amazonaws.com, false",
  })
  void hostGlobsUseDotAsDelimiter(String pattern, String host, boolean expected) {
    assertEquals(expected, RegexGlob.compile(pattern, '.').matches(host));
  }

  @ParameterizedTest(name = "path {0} ~ {1} = {2}")
  @CsvSource({
    "/api/**, /api/x/y, true",
    "/api/**, /api/, true",
    "/api/**, /api, false",
    "/v1/*, /v1/a, true",
    "/v1/*, /v1/a/b, false",
    "/api**, /apixy, true",
    "/api**, /api/x, false",
    "**/x, x, true",
    "**/x, a/b/x, true",
    "/a/**/b, /a/b, true",
    "/a/**/b, /a/x/y/b, true",
    "/a/**/b, /a/xb, false",
    "**, '', true",
    "**, /any/thing, true",
    "'/{a,b}/c', /b/c, true",
    "'/{a,b}/c', /d/c, false",
    "'/{a,}/c', /a/c, true",
    "/[a-c]x, /bx, true",
    "/[a-c]x, /dx, false",
    "/[!a]x, /bx, true",
    "/[!a]x, /ax, false",
    "/f?o, /foo, true",
    "/f?o, /f/o, false",
    "/a\\*b, /a*b, true",
    "/a\\*b, /axb, false",
  })
  void pathGlobsUseSlashAsDelimiter(String pattern, String path, boolean expected) {
    assertEquals(expected, RegexGlob.compile(pattern, '/').matches(path));
  }

  @ParameterizedTest(name = "value {0} ~ {1} = {2}")
  @CsvSource({
    "v*, v1, true",
    "v*, v1.2, false",
    "a*, a/b, true",
    "tools/*, tools/call, true",
    "*, a.b, false",
  })
  void noDelimitersMeansDot(String pattern, String value, boolean expected) {
    assertEquals(expected, RegexGlob.compile(pattern).matches(value));
  }

  @ParameterizedTest
  @CsvSource({"/a[b", "/a{b", "/a}b", "/a\\", "/[z-a]"})
  void malformedGlobsDoNotCompile(String pattern) {
    assertThrows(IllegalArgumentException.class, () -> RegexGlob.compile(pattern, '/'));
  }

  @org.junit.jupiter.api.Test
  void nulIsAnEvaluationError() {
    RegexGlob glob = RegexGlob.compile("/a/*", '/');
    assertThrows(IllegalArgumentException.class, () -> glob.matches("/a/\0"));
  }
}
