package dev.sandboxpolicy.rules;

import dev.sandboxpolicy.model.FilesystemPolicy;
import dev.sandboxpolicy.model.JsonPointer;
import dev.sandboxpolicy.model.Landlock;
import dev.sandboxpolicy.model.LandlockCompatibility;
import dev.sandboxpolicy.model.Problem;
import dev.sandboxpolicy.model.ProblemCode;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** {@code filesystem_policy} path rules and the {@code landlock} rules (spec §1.2, §1.3, §2.2; upstream #2541). */
final class FilesystemRules {

  /** Spec §2.2: at most 256 paths in {@code read_only} and {@code read_write} together. */
  static final int MAX_PATHS = 256;
  /** Spec §2.2: a path is at most 4096 bytes (Linux {@code PATH_MAX}). */
  static final int MAX_PATH_BYTES = 4096;
  /** Spec §2.2: how much of an over-long path the message quotes. */
  static final int QUOTED_PREFIX = 77;

  private FilesystemRules() {}

  static void check(FilesystemPolicy fs, ProblemSink sink) {
    String base = "/filesystem_policy";
    int total = fs.readOnly().size() + fs.readWrite().size();
    if (total > MAX_PATHS) {
      sink.error(ProblemCode.FILESYSTEM_TOO_MANY_PATHS, base,
          "too many filesystem paths (" + total + " > " + MAX_PATHS + ")");
    }
    checkPaths(fs.readOnly(), base + "/read_only", false, sink);
    checkPaths(fs.readWrite(), base + "/read_write", true, sink);
  }

  private static void checkPaths(List<String> paths, String base, boolean readWrite, ProblemSink sink) {
    for (int i = 0; i < paths.size(); i++) {
      String path = paths.get(i);
      String at = JsonPointer.index(base, i);
      int bytes = path.getBytes(StandardCharsets.UTF_8).length;
      if (bytes > MAX_PATH_BYTES) {
        sink.error(ProblemCode.FILESYSTEM_PATH_TOO_LONG, at, "path exceeds maximum length (" + bytes + " > "
            + MAX_PATH_BYTES + "): " + path.substring(0, Math.min(QUOTED_PREFIX, path.length())) + "...");
        continue;
      }
      if (!path.startsWith("/")) {
        sink.error(ProblemCode.FILESYSTEM_PATH_RELATIVE, at, "path must be absolute (start with '/'): " + path);
      }
      if (hasDotDot(path)) {
        sink.error(ProblemCode.FILESYSTEM_PATH_TRAVERSAL, at, "path contains '..' traversal component: " + path);
      }
      if (readWrite && !path.isEmpty() && onlySlashes(path)) {
        sink.error(ProblemCode.FILESYSTEM_READ_WRITE_ROOT, at, "read-write path is overly broad: " + path);
      }
    }
  }

  static boolean hasDotDot(String path) {
    for (String component : path.split("/", -1)) {
      if (component.equals("..")) {
        return true;
      }
    }
    return false;
  }

  private static boolean onlySlashes(String path) {
    for (int i = 0; i < path.length(); i++) {
      if (path.charAt(i) != '/') {
        return false;
      }
    }
    return true;
  }

  /**
   * {@code landlock.compatibility} (upstream #2541): only {@code best_effort}, {@code hard_requirement} or empty
   * (best effort) are accepted, with upstream's message; and a hard requirement needs filesystem paths, since
   * Landlock is skipped when there are none and upstream then refuses to start the sandbox.
   */
  static void checkLandlock(Landlock landlock, FilesystemPolicy effective, ProblemSink sink) {
    String c = landlock.compatibility();
    String at = "/landlock/compatibility";
    if (!c.isEmpty() && LandlockCompatibility.fromWireName(c).isEmpty()) {
      sink.error(ProblemCode.LANDLOCK_COMPATIBILITY_UNKNOWN, at, "invalid landlock.compatibility " + Problem.quote(c)
          + "; accepted: " + LandlockCompatibility.BEST_EFFORT.wireName() + ", "
          + LandlockCompatibility.HARD_REQUIREMENT.wireName());
    } else if (landlock.isHardRequirement() && effective.readOnly().isEmpty() && effective.readWrite().isEmpty()
        && !effective.includeWorkdir()) {
      sink.error(ProblemCode.LANDLOCK_HARD_REQUIREMENT_WITHOUT_PATHS, at, "landlock.compatibility hard_requirement"
          + " with no filesystem paths: Landlock would not be applied, and OpenShell refuses to start such a sandbox;"
          + " list paths under filesystem_policy (read_only, read_write, or include_workdir: true), or use "
          + LandlockCompatibility.BEST_EFFORT.wireName());
    }
  }
}
