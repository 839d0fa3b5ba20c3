package dev.sandboxpolicy.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writes a file so that readers see either the old content or the new one, never half of it: the text goes to a
 * temporary file in the same directory, which is then moved over the target (atomically where the file system
 * can). On failure the temporary file is deleted and the target is untouched.
 */
final class AtomicFile {

  private AtomicFile() {}

  /** Replaces {@code target} with {@code text} (UTF-8). */
  static void write(Path target, String text, String displayName) throws CommandFailure {
    Path dir = target.toAbsolutePath().getParent();
    if (Files.isDirectory(target)) {
      throw CommandFailure.io("cannot write " + displayName + ": it is a directory");
    }
    Path temp = null;
    try {
      temp = Files.createTempFile(dir, "." + target.getFileName() + ".", ".tmp");
      Files.writeString(temp, text, StandardCharsets.UTF_8);
      try {
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
      }
      temp = null;
    } catch (IOException | SecurityException e) {
      throw CommandFailure.io("cannot write " + displayName + ": " + e.getMessage());
    } finally {
      if (temp != null) {
        try {
          Files.deleteIfExists(temp);
        } catch (IOException e) {
          // best effort: the target is untouched either way
        }
      }
    }
  }
}
