package dev.sandboxpolicy.traffic;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Test helpers: the log fixtures under src/test/resources/logs, written from the logs spec. */
final class Logs {
  private Logs() {}

  static Path fixture(String name) {
    try {
      return Path.of(Logs.class.getResource("/logs/" + name).toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Every event of a file, and the reader's counts. */
  record Read(List<LogEvent> events, ReadStats stats) {
    LogEvent atLine(long line) {
      return events.stream().filter(e -> e.line() == line).findFirst()
          .orElseThrow(() -> new AssertionError("no event at line " + line + " in " + events));
    }
  }

  static Read read(Path file) {
    try (LogReader r = LogReader.open(file)) {
      List<LogEvent> events = new ArrayList<>();
      for (LogEvent e = r.next(); e != null; e = r.next()) {
        events.add(e);
      }
      return new Read(events, r.stats());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Read read(String fixture) {
    return read(fixture(fixture));
  }
}
