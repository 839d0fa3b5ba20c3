package dev.sandboxpolicy.matcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Spec §3.6. */
class CanonicalTargetTest {

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "/a/./b%40c             | /a/b@c",
        "''                     | /",
        "/                      | /",
        "//a///b                | /a/b",
        "/a/b/                  | /a/b/",
        "/a/b/..                | /a/",
        "/a/b/.                 | /a/b/",
        "/a/..;x/b              | /b", // ;params stripped before dot handling
        "/a;v=1/b;x             | /a/b",
        "/hello%20world         | /hello%20world",
        "/%c3%a9                | /%C3%A9",
        "/%25                   | /%25",
        "/a b                   | /a%20b", // never reached: raw space is not a control byte, re-encoded
        "/x:y@z!$&'()*+,=~      | /x:y@z!$&'()*+,=~",
        "http://h.example/p/q   | /p/q",
        "https://h.example      | /",
        "/redirect/http://x/y   | /redirect/http:/x/y", // origin-form with :// is not absolute
        "/a%7e                  | /a~",
      })
  void canonicalPaths(String target, String expected) throws RequestTargetException {
    assertEquals(expected, CanonicalTarget.parse(target, false).path());
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "/a\tb          | control_character",
        "/é             | non_ascii",
        "/a#b           | fragment",
        "a/b            | path_not_absolute",
        "/a%2           | invalid_percent_encoding",
        "/a%zz          | invalid_percent_encoding",
        "/a%00          | encoded_control_character",
        "/a%0A          | encoded_control_character",
        "/a%7F          | encoded_control_character",
        "/a%2Fb         | encoded_slash",
        "/..            | path_traversal",
        "/a/../..       | path_traversal",
        "/?x=%          | invalid_query_encoding",
        "/?x=%ff        | query_not_utf8",
      })
  void rejections(String target, String code) {
    RequestTargetException e =
        assertThrows(RequestTargetException.class, () -> CanonicalTarget.parse(target, false));
    assertEquals(code, e.code());
  }

  @Test
  void encodedSlashIsKeptOpaqueWhenAllowed() throws RequestTargetException {
    CanonicalTarget t = CanonicalTarget.parse("/a%2fb/c", true);
    assertEquals("/a%2Fb/c", t.path());
    assertEquals(true, t.hasEncodedSlash());
    RequestTargetException e =
        assertThrows(RequestTargetException.class, () -> CanonicalTarget.parse("/a/..%2Fb", true));
    assertEquals("dot_segment", e.code());
  }

  @Test
  void tooLongPathIsRejected() {
    String path = "/" + "a".repeat(CanonicalTarget.MAX_PATH_BYTES);
    assertEquals("path_too_long",
        assertThrows(RequestTargetException.class, () -> CanonicalTarget.parse(path, false)).code());
  }

  @Test
  void queryMultimap() throws RequestTargetException {
    CanonicalTarget t = CanonicalTarget.parse("/s?x=1&&x=2&y&q=a+b%2Bc&=v&k=a=b", false);
    assertEquals(
        Map.of("x", List.of("1", "2"), "y", List.of(""), "q", List.of("a b+c"), "", List.of("v"),
            "k", List.of("a=b")),
        t.query());
    assertEquals(List.of("x", "y", "q", "", "k"), List.copyOf(t.query().keySet()));
    assertEquals(Optional.of("x=1&&x=2&y&q=a+b%2Bc&=v&k=a=b"), t.rawQuery());
    assertEquals(Optional.empty(), CanonicalTarget.parse("/s", false).rawQuery());
  }
}
