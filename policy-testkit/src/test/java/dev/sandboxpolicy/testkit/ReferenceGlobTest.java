package dev.sandboxpolicy.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Truth tables of the reference glob primitive, taken from the examples of the language spec §3.2, §3.3, §6. */
class ReferenceGlobTest {

  @ParameterizedTest(name = "G({0}, \"/\", {1}) = {2}")
  @CsvSource(
      delimiter = '|',
      value = {
        "/api/**      | /api          | false",
        "/api/**      | /api/         | true",
        "/api/**      | /api/x/y      | true",
        "/api/*       | /api/x        | true",
        "/api/*       | /api/x/y      | false",
        "/api/*       | /api/         | true",
        "/api**       | /api/x        | false",
        "/api**       | /apix         | true",
        "**           | ''            | true",
        "**           | /a/b          | true",
        "**/x         | x             | true",
        "**/x         | /a/b/x        | true",
        "/a/**/b      | /a/b          | true",
        "/a/**/b      | /a/x/y/b      | true",
        "/a/**/b      | /ab           | false",
        "/v?/x        | /v1/x         | true",
        "/v?/x        | /v10/x        | false",
        "/[a-c]x      | /bx           | true",
        "/[!a-c]x     | /dx           | true",
        "/[!a-c]x     | /bx           | false",
        "/[]]         | /]            | true",
        "/[a-]        | /-            | true",
        "/{a,b}/c     | /b/c          | true",
        "/{a,b}/c     | /ab/c         | false",
        "/{a,{b,c}}   | /c            | true",
        "/\\*         | /*            | true",
        "/\\*         | /x            | false",
        "/API         | /api          | false",
        "/files/*.json | /files/a.json | true",
        "/files/*.json | /files/a/b.json | false",
      })
  void pathGlobs(String pattern, String value, boolean expected) {
    assertEquals(expected, ReferenceGlob.matches(pattern, "/", value));
  }

  @ParameterizedTest(name = "G({0}, \".\", {1}) = {2}")
  @CsvSource(
      delimiter = '|',
      value = {
        "*.example.com       | a.example.com     | true",
        "*.example.com       | example.com       | false",
        "*.example.com       | a.b.example.com   | false",
        "**.example.com      | a.b.example.com   | true",
        "**.example.com      | a.example.com     | true",
        "**.example.com      | example.com       | false",
        "*-ai.x.com          | open-ai.x.com     | true",
        "*-ai.x.com          | a.b-ai.x.com      | false",
        "*.s3.*.amazonaws.com | b.s3.eu.amazonaws.com | true",
        "*.s3.*.amazonaws.com | b.s3.eu.w.amazonaws.com | false",
        "*.example.com       | a/b.example.com   | true",
      })
  void hostGlobs(String pattern, String value, boolean expected) {
    assertEquals(expected, ReferenceGlob.matches(pattern, ".", value));
  }

  @ParameterizedTest(name = "G({0}, [], {1}) = {2}")
  @CsvSource(
      delimiter = '|',
      value = {
        "*        | v1.2      | false",
        "*        | v1        | true",
        "v1.*     | v1.2      | true",
        "*        | a/b       | true",
        "tools/*  | tools/call | true",
        "*        | ''        | true",
        "{main,dev} | dev     | true",
      })
  void valueGlobsUseDotAsDelimiter(String pattern, String value, boolean expected) {
    assertEquals(expected, ReferenceGlob.matches(pattern, "", value));
  }

  @ParameterizedTest(name = "invalid glob {0} is an evaluation error")
  @CsvSource(
      delimiter = '|',
      value = {"/a[b", "/a{b", "/a}b", "/a\\", "/[z-a]"})
  void invalidGlobsAreEvaluationErrors(String pattern) {
    assertThrows(ReferenceGlob.GlobError.class, () -> ReferenceGlob.matches(pattern, "/", "/ab"));
  }

  @Test
  void nulIsAnEvaluationError() {
    assertThrows(ReferenceGlob.GlobError.class, () -> ReferenceGlob.matches("/a\u0000", "/", "/a"));
    assertThrows(ReferenceGlob.GlobError.class, () -> ReferenceGlob.matches("/a", "/", "/a\u0000"));
    assertThrows(ReferenceGlob.GlobError.class, () -> ReferenceGlob.matches("*.x.com", ".", "a\u0000.x.com"));
  }
}
