package dev.sandboxpolicy.examples;

import dev.sandboxpolicy.io.DocumentFormat;
import dev.sandboxpolicy.io.PolicyReader;
import dev.sandboxpolicy.io.PolicyWriter;
import dev.sandboxpolicy.io.ReadMode;
import dev.sandboxpolicy.io.ReadResult;
import dev.sandboxpolicy.matcher.CompiledPolicy;
import dev.sandboxpolicy.matcher.MatcherOptions;
import dev.sandboxpolicy.matcher.NetworkRequest;
import dev.sandboxpolicy.matcher.PolicyCompileException;
import dev.sandboxpolicy.matcher.PolicyHolder;
import dev.sandboxpolicy.matcher.PolicyWatcher;
import dev.sandboxpolicy.model.Policy;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;

/**
 * Hot reload from a file with {@link PolicyWatcher}: the watcher publishes a new content of the policy file into a
 * {@link PolicyHolder} only once it has stayed unchanged for the debounce interval and validates, and the writer
 * replaces the file by rename (a temporary file in the same directory moved over it), so no half-written policy is
 * ever live.
 *
 * <p>The demo writes a policy that lets pip reach pypi.org, starts watching it, then replaces it (by rename) with
 * the same policy without the {@code pypi} entry and waits until the decision changes. Run from the repository
 * root: {@code java dev.sandboxpolicy.examples.WatchPolicyFile}.
 */
public final class WatchPolicyFile {

  /** What the demo observed. */
  public record Report(boolean allowedBefore, boolean allowedAfter, long revision) {}

  private WatchPolicyFile() {}

  /**
   * Replaces {@code file} by rename, the way every writer of a watched policy must.
   *
   * @param file the policy file
   * @param text its new content
   * @throws IOException when the file cannot be written
   */
  public static void writeByRename(Path file, String text) throws IOException {
    Path temp = Files.createTempFile(file.toAbsolutePath().getParent(), "." + file.getFileName(), ".tmp");
    Files.writeString(temp, text, StandardCharsets.UTF_8);
    Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }

  /**
   * Reads, validates and compiles a content of the file: what the watcher publishes, or refuses.
   *
   * @param content the file's bytes
   * @return the compiled policy
   * @throws PolicyCompileException when the content is not a valid policy
   */
  static CompiledPolicy load(byte[] content) throws PolicyCompileException {
    ReadResult<Policy> read = PolicyReader.of(ReadMode.STRICT).readPolicy(content, DocumentFormat.YAML);
    if (read.hasErrors() || read.value().isEmpty()) {
      throw new PolicyCompileException(read.problems());
    }
    return CompiledPolicy.compile(read.value().get());
  }

  /**
   * Watches {@code file}, starting from {@code with}, then swaps in {@code without} by rename.
   *
   * @param file where the policy lives
   * @param with a policy that allows pip to reach pypi.org:443
   * @param without a policy that does not
   * @return what was decided before and after the swap
   * @throws Exception when the file cannot be written or the watcher is interrupted
   */
  public static Report run(Path file, Policy with, Policy without) throws Exception {
    writeByRename(file, PolicyWriter.toYaml(with));
    PolicyHolder live = PolicyHolder.quarantined(MatcherOptions.defaults());
    NetworkRequest pip = NetworkRequest.of("pypi.org", 443, "/usr/bin/pip");
    try (PolicyWatcher watcher = PolicyWatcher.builder(file, live, WatchPolicyFile::load)
        .debounce(Duration.ofMillis(50)).pollInterval(Duration.ofMillis(20)).build()) {
      watcher.start(); // the current content is live when start returns
      boolean before = live.decideNetwork(pip).isAllowed();
      writeByRename(file, PolicyWriter.toYaml(without));
      long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
      while (live.decideNetwork(pip).isAllowed() && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      return new Report(before, live.decideNetwork(pip).isAllowed(), live.revision());
    }
  }

  /**
   * Prints what the demo observed.
   *
   * @param args ignored
   * @throws Exception when the bundled policy cannot be read
   */
  public static void main(String[] args) throws Exception {
    Policy with = PolicyReader.of(ReadMode.STRICT).readPolicy(Path.of("examples/policies/sandbox.yaml")).orElseThrow();
    Path dir = Files.createTempDirectory("watch");
    System.out.println(run(dir.resolve("policy.yaml"), with, HotReload.without(with, "pypi")));
  }
}
