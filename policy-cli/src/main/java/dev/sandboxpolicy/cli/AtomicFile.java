package dev.sandboxpolicy.cli;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.util.Optional;

/**
 * Writes the file named by {@code -o} so that readers see either the old content or the new one, never half of it,
 * and so that nothing but a regular file (or a new path) is ever replaced.
 *
 * <ol>
 *   <li>The target must be a new path or a regular file with one link. A symbolic link, a directory, a device, a
 *       FIFO, a socket or a file with several hard links is refused: replacing it by rename would destroy what it
 *       is ({@code -o /dev/null} as root would replace the device) or split the links.
 *   <li>The text goes to a temporary file beside the target, named {@code .NAME.policyctl-PID.tmp}; it is written,
 *       given the target's mode, owner and group, and fsync'ed.
 *   <li>The directory is fsync'ed, the temporary file is renamed over the target (atomically), and the directory is
 *       fsync'ed again, so the rename survives a crash.
 *   <li>A run removes the temporary files that earlier runs for the same target left behind when they were killed
 *       (their process is gone).
 * </ol>
 *
 * <p>On failure the temporary file is deleted and the target is untouched; an error names the target and says
 * "Permission denied" when that is the cause. {@code -} is standard output (see {@link OutputOption}), never a file.
 */
final class AtomicFile {

  /** The middle of a temporary file's name: {@code .NAME} + this + {@code PID.tmp}. */
  static final String TEMP_MARKER = ".policyctl-";
  /** The end of a temporary file's name. */
  static final String TEMP_SUFFIX = ".tmp";

  private AtomicFile() {}

  /** Replaces {@code target} with {@code text} (UTF-8). */
  static void write(Path target, String text, String displayName) throws CommandFailure {
    Path absolute = target.toAbsolutePath();
    Path dir = absolute.getParent();
    Optional<PosixFileAttributes> existing = checkTarget(absolute, displayName);
    removeStaleTemporaries(dir, absolute.getFileName().toString());
    Path temp = dir.resolve(tempName(absolute.getFileName().toString(), ProcessHandle.current().pid()));
    boolean moved = false;
    try {
      try (FileChannel channel =
          FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
        ByteBuffer bytes = ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
        while (bytes.hasRemaining()) {
          channel.write(bytes);
        }
        if (existing.isPresent()) {
          keepModeAndOwner(temp, existing.get());
        }
        channel.force(true);
      }
      fsyncDirectory(dir);
      try {
        Files.move(temp, absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temp, absolute, StandardCopyOption.REPLACE_EXISTING);
      }
      moved = true;
      fsyncDirectory(dir);
    } catch (IOException | SecurityException e) {
      throw CommandFailure.io("cannot write " + displayName + ": " + describe(e));
    } finally {
      if (!moved) {
        try {
          Files.deleteIfExists(temp);
        } catch (IOException e) {
          // best effort: the target is untouched either way, and a later run removes the leftover
        }
      }
    }
  }

  /** {@code .NAME.policyctl-PID.tmp}. */
  static String tempName(String targetName, long pid) {
    return "." + targetName + TEMP_MARKER + pid + TEMP_SUFFIX;
  }

  /**
   * Refuses a target that is not a new path or a regular file with one link; returns its POSIX attributes when it
   * exists (empty for a new path, or where the file system has no POSIX attributes).
   */
  private static Optional<PosixFileAttributes> checkTarget(Path target, String displayName) throws CommandFailure {
    BasicFileAttributes basic;
    try {
      basic = Files.readAttributes(target, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    } catch (NoSuchFileException e) {
      Path dir = target.getParent();
      if (dir == null || !Files.isDirectory(dir)) {
        throw CommandFailure.io("cannot write " + displayName + ": its directory does not exist");
      }
      return Optional.empty();
    } catch (IOException | SecurityException e) {
      throw CommandFailure.io("cannot write " + displayName + ": " + describe(e));
    }
    if (basic.isSymbolicLink()) {
      throw CommandFailure.io("cannot write " + displayName + ": it is a symbolic link (write to the file it points"
          + " at, or remove the link first)");
    }
    if (basic.isDirectory()) {
      throw CommandFailure.io("cannot write " + displayName + ": it is a directory");
    }
    if (!basic.isRegularFile()) {
      throw CommandFailure.io("cannot write " + displayName + ": it is not a regular file (a device, FIFO or socket"
          + " would be replaced; use '-o -' for standard output)");
    }
    try {
      Object links = Files.getAttribute(target, "unix:nlink", LinkOption.NOFOLLOW_LINKS);
      if (links instanceof Integer n && n > 1) {
        throw CommandFailure.io("cannot write " + displayName + ": it has " + n + " hard links, which replacing it"
            + " would split");
      }
    } catch (UnsupportedOperationException | IllegalArgumentException | IOException e) {
      // no unix view: no hard-link count to check
    }
    try {
      PosixFileAttributeView view =
          Files.getFileAttributeView(target, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS);
      return view == null ? Optional.empty() : Optional.of(view.readAttributes());
    } catch (IOException e) {
      throw CommandFailure.io("cannot write " + displayName + ": " + describe(e));
    }
  }

  /** Gives {@code temp} the mode, owner and group of the file it replaces. */
  private static void keepModeAndOwner(Path temp, PosixFileAttributes of) throws IOException {
    PosixFileAttributeView view = Files.getFileAttributeView(temp, PosixFileAttributeView.class);
    if (!of.owner().equals(Files.getOwner(temp))) {
      view.setOwner(of.owner()); // needs privilege; fails (and so refuses the write) rather than change the owner
    }
    view.setGroup(of.group());
    view.setPermissions(of.permissions());
  }

  /** Deletes {@code .NAME.policyctl-PID.tmp} files whose process no longer runs. */
  private static void removeStaleTemporaries(Path dir, String targetName) {
    String prefix = "." + targetName + TEMP_MARKER;
    DirectoryStream.Filter<Path> leftovers = p -> {
      String name = p.getFileName().toString();
      return name.startsWith(prefix) && name.endsWith(TEMP_SUFFIX)
          && name.length() > prefix.length() + TEMP_SUFFIX.length();
    };
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir, leftovers)) {
      for (Path p : entries) {
        String name = p.getFileName().toString();
        String pid = name.substring(prefix.length(), name.length() - TEMP_SUFFIX.length());
        long id;
        try {
          id = Long.parseLong(pid);
        } catch (NumberFormatException e) {
          continue;
        }
        if (id != ProcessHandle.current().pid() && ProcessHandle.of(id).isEmpty()
            && Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
          Files.deleteIfExists(p);
        }
      }
    } catch (IOException | SecurityException e) {
      // best effort: a leftover never affects the target
    }
  }

  private static void fsyncDirectory(Path dir) {
    try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
      channel.force(true);
    } catch (IOException e) {
      // some platforms, file systems and directory modes do not allow syncing a directory; the file itself was synced
    }
  }

  /** The cause in words, "Permission denied" for an access failure. */
  private static String describe(Exception e) {
    if (e instanceof AccessDeniedException) {
      return "Permission denied";
    }
    if (e instanceof FileSystemException f && f.getReason() != null) {
      return f.getReason();
    }
    return e.getMessage() == null ? e.toString() : e.getMessage();
  }
}
