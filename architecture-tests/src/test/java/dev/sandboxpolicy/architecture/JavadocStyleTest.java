package dev.sandboxpolicy.architecture;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Javadoc examples are plain {@code <pre>{@code ...}</pre>}: {@code {@snippet}} breaks Javadoc on JDK 17. */
class JavadocStyleTest {

  @Test
  void noSnippetTagsInMainSources() throws IOException {
    List<String> found = new ArrayList<>();
    for (LibraryModule m : LibraryModule.values()) {
      Path sources = Path.of("..", m.folder(), "src", "main", "java");
      if (!Files.isDirectory(sources)) {
        continue;
      }
      try (Stream<Path> files = Files.walk(sources)) {
        for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
          List<String> lines = Files.readAllLines(f);
          for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains("{@snippet")) {
              found.add(f + ":" + (i + 1));
            }
          }
        }
      }
    }
    assertEquals(List.of(), found, "use <pre>{@code ...}</pre> instead of {@snippet}");
  }
}
