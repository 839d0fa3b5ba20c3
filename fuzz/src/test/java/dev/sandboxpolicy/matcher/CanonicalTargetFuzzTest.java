package dev.sandboxpolicy.matcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.regex.Pattern;

/**
 * Coverage-guided fuzzing of the request-target canonicalizer (spec §3.6): any target either canonicalizes or is
 * rejected with a snake_case code; a canonical path is a fixed point, passes the allocation-free check, and is what
 * {@link L7Request} decides on; a path the canonicalizer rejects is rejected by {@link L7Request} with the same code.
 */
class CanonicalTargetFuzzTest {
  private static final Pattern SNAKE_CASE = Pattern.compile("[a-z][a-z0-9]*(_[a-z0-9]+)*");
  private static final NetworkRequest CONN = NetworkRequest.of("api.example.com", 443, "/usr/bin/curl");

  @FuzzTest(maxDuration = "60s")
  void canonicalFormsAreFixedPointsAndRejectionsHaveCodes(FuzzedDataProvider data) {
    boolean allowEncodedSlash = data.consumeBoolean();
    String target = data.consumeRemainingAsString();
    try {
      CanonicalTarget t = CanonicalTarget.parse(target, allowEncodedSlash);
      String path = t.path();
      assertTrue(path.startsWith("/"), path);
      assertEquals(path, CanonicalTarget.canonicalPath(path, allowEncodedSlash), "canonical is a fixed point");
      assertTrue(CanonicalTarget.isCanonicalPath(path) || path.contains("%2F"), "the fast check knows " + path);
      assertEquals(path, L7Request.of(CONN, "GET", path).path());
    } catch (RequestTargetException e) {
      assertTrue(SNAKE_CASE.matcher(e.code()).matches(), e.code());
    }
    String rawPath = target.startsWith("/") ? target : "/" + target;
    L7Request request = L7Request.of(CONN, "GET", rawPath);
    try {
      assertEquals(CanonicalTarget.canonicalPath(rawPath, true), request.path());
      assertTrue(request.pathRejection().isEmpty());
    } catch (RequestTargetException e) {
      assertEquals(e.code(), request.pathRejection().orElseThrow().code());
    }
  }
}
