package dev.sandboxpolicy.matcher;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.sandboxpolicy.model.automaton.RouteSelectorPattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The Rust endpoint-path selector of route selection (spec §3.5 step 2), which differs from the Rego glob. */
class RouteSelectorTest {
  @ParameterizedTest(name = "{0} ~ {1} = {2}")
  @CsvSource(
      delimiter = '|',
      value = {
        "''            | /anything/at/all | true",
        "**            | /x               | true",
        "/**           | /x/y             | true",
        "/api/**       | /api             | true", // P/** matches P itself (Rego says no)
        "/api/**       | /api/x/y         | true",
        "/api/**       | /apix            | false",
        "/api/*        | /api/x/y         | true", // '*' crosses '/' here
        "/api/*/v      | /api/a/b/v       | true",
        "/a?c          | /a/c             | true", // '?' is any character, '/' included
        "/a/**/b       | /a/b             | true", // a whole-component ** may be empty ...
        "/a/**/b       | /a/x/y/b         | true",
        "/a/**/b       | /a/xb            | false", // ... or end at a '/'
        "**/b          | /x/b             | true",
        "**/b          | b                | true",
        "/a/**/b/**    | /a/b/c/d         | true",
        "/a*/b         | /a/x/b           | true", // '*' crosses '/'
        "/a*/b         | /ab              | false",
        "/a?c          | /abbc            | false",
        "/v[0-9]/x     | /v2/x            | true",
        "/v[!0-9]/x    | /v2/x            | false",
        "/é?           | /éé              | true", // characters, not bytes
        "/a**b         | /a**b            | true", // invalid for the Rust glob crate: identical string only
        "/a**b         | /axxb            | false",
        "/a[b          | /a[b             | true",
        "/a[b          | /ab              | false",
      })
  void selector(String pattern, String path, boolean expected) {
    assertEquals(expected, RouteSelectorPattern.parse(pattern).matches(path));
  }

  @ParameterizedTest(name = "specificity of {0} = {1}")
  @CsvSource({"'', 0", "/**, 1", "/api/*, 5", "/v1/users, 9"})
  void specificityCountsNonStarCharacters(String pattern, int expected) {
    assertEquals(expected, RouteSelectorPattern.parse(pattern).specificity());
  }
}
