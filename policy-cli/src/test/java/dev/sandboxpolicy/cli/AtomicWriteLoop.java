package dev.sandboxpolicy.cli;

import java.nio.file.Path;

/**
 * A child process for {@link OutputFileSafetyTest}: replaces the target with numbered revisions through {@link
 * AtomicFile} as fast as it can, announcing the first one on standard output, until it is killed.
 */
final class AtomicWriteLoop {

  private AtomicWriteLoop() {}

  /** The text of revision {@code n}: a header, 256 KiB of body and a trailer naming the same revision. */
  static String revision(int n) {
    return "# revision " + n + "\n" + ("x".repeat(127) + "\n").repeat(2048) + "# end of revision " + n + "\n";
  }

  public static void main(String[] args) throws Exception {
    Path target = Path.of(args[0]);
    for (int n = 0; ; n++) {
      AtomicFile.write(target, revision(n), target.toString());
      if (n == 0) {
        System.out.println("ready");
        System.out.flush();
      }
    }
  }
}
