package dev.sandboxpolicy.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 19 item 5: {@code -o} replaces only regular files (or creates new ones), atomically and durably. */
class OutputFileSafetyTest {

  @TempDir Path dir;

  private CliRun fmtTo(String out) {
    CliRun.write(dir, "in.yaml", CliRun.POLICY);
    return CliRun.run(dir, "fmt", "in.yaml", "-o", out);
  }

  private String canonical() {
    return CliRun.run(dir, "fmt", "in.yaml").out();
  }

  private List<Path> leftovers() throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(p -> p.getFileName().toString().contains(AtomicFile.TEMP_MARKER)).toList();
    }
  }

  @Test
  void aSymbolicLinkIsRefusedAndLeftAsItIs() throws IOException {
    Path real = CliRun.write(dir, "real.yaml", "real\n");
    Path link = Files.createSymbolicLink(dir.resolve("link.yaml"), real);
    CliRun r = fmtTo("link.yaml");
    assertEquals(ExitCode.USAGE, r.status(), r::toString);
    assertTrue(r.err().contains("cannot write link.yaml: it is a symbolic link"), r.err());
    assertTrue(Files.isSymbolicLink(link));
    assertEquals("real\n", Files.readString(real));
    assertEquals(List.of(), leftovers());
  }

  @Test
  void aFifoAndADirectoryAreRefused() throws Exception {
    Path fifo = dir.resolve("fifo");
    Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).start();
    assumeTrue(mkfifo.waitFor(10, TimeUnit.SECONDS) && mkfifo.exitValue() == 0, "mkfifo is not available");
    CliRun r = fmtTo("fifo");
    assertEquals(ExitCode.USAGE, r.status(), r::toString);
    assertTrue(r.err().contains("cannot write fifo: it is not a regular file"), r.err());
    assertTrue(Files.exists(fifo, LinkOption.NOFOLLOW_LINKS) && !Files.isRegularFile(fifo, LinkOption.NOFOLLOW_LINKS),
        "still a FIFO");
    Files.createDirectory(dir.resolve("sub"));
    CliRun d = fmtTo("sub");
    assertTrue(d.err().contains("cannot write sub: it is a directory"), d.err());
    assertEquals(List.of(), leftovers());
  }

  @Test
  void aFileWithSeveralHardLinksIsRefused() throws IOException {
    Path a = CliRun.write(dir, "a.yaml", "shared\n");
    Path b = Files.createLink(dir.resolve("b.yaml"), a);
    CliRun r = fmtTo("b.yaml");
    assertEquals(ExitCode.USAGE, r.status(), r::toString);
    assertTrue(r.err().contains("it has 2 hard links"), r.err());
    assertEquals("shared\n", Files.readString(a));
    assertEquals("shared\n", Files.readString(b));
  }

  @Test
  void theModeAndOwnerOfTheReplacedFileAreKept() throws IOException {
    Path out = CliRun.write(dir, "out.yaml", "old\n");
    Files.setPosixFilePermissions(out, PosixFilePermissions.fromString("rw-r-----"));
    boolean root = "root".equals(System.getProperty("user.name"));
    UserPrincipal nobody = null;
    if (root) {
      try {
        nobody = dir.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("nobody");
        Files.setOwner(out, nobody);
      } catch (IOException e) {
        nobody = null;
      }
    }
    CliRun r = fmtTo("out.yaml");
    assertEquals(ExitCode.OK, r.status(), r::toString);
    assertEquals(canonical(), Files.readString(out));
    assertEquals("rw-r-----", PosixFilePermissions.toString(Files.getPosixFilePermissions(out)));
    if (nobody != null) {
      assertEquals(nobody, Files.getOwner(out), "the owner is kept");
    }
    assertEquals(List.of(), leftovers());
  }

  @Test
  void dashIsStandardOutput() {
    CliRun r = fmtTo("-");
    assertEquals(ExitCode.OK, r.status(), r::toString);
    assertEquals(canonical(), r.out());
    assertFalse(Files.exists(dir.resolve("-")), "no file named '-'");
  }

  @Test
  void permissionDeniedNamesTheTarget() throws IOException {
    Path locked = Files.createDirectory(dir.resolve("locked"));
    Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("r-xr-xr-x"));
    try {
      // As root directory modes do not apply; sysfs refuses new files with EACCES even to root.
      String target = Files.isWritable(locked) ? "/sys/kernel/policyctl-test-" + ProcessHandle.current().pid()
          : "locked/out.yaml";
      assumeTrue(!target.startsWith("/sys/") || Files.isDirectory(Path.of("/sys/kernel")), "no place to be denied");
      CliRun r = fmtTo(target);
      assertEquals(ExitCode.USAGE, r.status(), r::toString);
      assertTrue(r.err().contains("cannot write " + target + ": Permission denied"), r.err());
    } finally {
      Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
  }

  @Test
  void staleTemporaryFilesOfDeadRunsAreRemovedAndLiveOnesKept() throws IOException {
    Path dead = CliRun.write(dir, AtomicFile.tempName("out.yaml", Long.MAX_VALUE - 7), "half");
    Path alive = CliRun.write(dir, AtomicFile.tempName("out.yaml", 1), "another writer's"); // pid 1 runs
    Path other = CliRun.write(dir, AtomicFile.tempName("other.yaml", Long.MAX_VALUE - 7), "not ours");
    CliRun r = fmtTo("out.yaml");
    assertEquals(ExitCode.OK, r.status(), r::toString);
    assertFalse(Files.exists(dead), "a dead run's leftover is removed");
    assertTrue(Files.exists(alive), "a running process's temporary file is left alone");
    assertTrue(Files.exists(other), "another target's temporary file is left alone");
  }

  /**
   * kill -9 during writes: a child replaces the target in a loop and is killed at a random moment, several times.
   * The target is always one complete revision; the temporary files the kills leak are counted, and the next run
   * removes every one of them.
   */
  @Test
  void killNineNeverLeavesAPartialTargetAndLeaksAreCleanedByTheNextRun() throws Exception {
    Path target = dir.resolve("policy.yaml");
    SplittableRandom random = new SplittableRandom(0x19_05L);
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    int leaked = 0;
    int kills = 6;
    for (int i = 0; i < kills; i++) {
      Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
          AtomicWriteLoop.class.getName(), target.toString()).redirectErrorStream(true).start();
      try (BufferedReader out =
          new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
        String line = out.readLine();
        assertEquals("ready", line, "the child started writing");
        Thread.sleep(random.nextInt(40));
        child.destroyForcibly(); // SIGKILL
        assertTrue(child.waitFor(10, TimeUnit.SECONDS));
      }
      String text = Files.readString(target);
      int n = Integer.parseInt(text.substring("# revision ".length(), text.indexOf('\n')));
      assertEquals(AtomicWriteLoop.revision(n), text, "kill " + i + ": the target is one complete revision");
      leaked += leftovers().size();
    }
    System.out.println("[robustness] kill -9 during -o | " + kills + " kills | temporary files leaked before the"
        + " next run: " + leaked);
    AtomicFile.write(target, "final\n", "policy.yaml");
    assertEquals("final\n", Files.readString(target));
    assertEquals(List.of(), leftovers(), "the next run removed every leftover");
  }
}
