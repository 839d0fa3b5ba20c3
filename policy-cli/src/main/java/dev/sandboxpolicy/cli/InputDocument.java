package dev.sandboxpolicy.cli;

import dev.sandboxpolicy.io.DocumentFormat;
import dev.sandboxpolicy.io.ReadLimits;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The raw bytes of one document named on the command line (a file, or {@code -} for standard input), with the
 * name used in messages and the format chosen by its extension.
 *
 * <p>At most {@link ReadLimits#DEFAULT_MAX_DOCUMENT_BYTES} + 1 bytes are read, so an oversized file is reported
 * by the reader ({@code document_too_large}) without being read whole.
 */
record InputDocument(String name, byte[] bytes, DocumentFormat format) {

  /** The name standard input gets in messages. */
  static final String STDIN_NAME = "<stdin>";

  /** Reads {@code arg}: a file relative to the working directory, or {@code -} for standard input. */
  static InputDocument read(String arg, Terminal terminal) throws CommandFailure {
    int limit = ReadLimits.DEFAULT_MAX_DOCUMENT_BYTES + 1;
    if (arg.equals("-")) {
      try {
        return new InputDocument(STDIN_NAME, terminal.in().readNBytes(limit), DocumentFormat.YAML);
      } catch (IOException e) {
        throw CommandFailure.io("cannot read standard input: " + e.getMessage());
      }
    }
    Path path = terminal.resolve(arg);
    if (Files.isDirectory(path)) {
      throw CommandFailure.io("cannot read " + arg + ": it is a directory");
    }
    try (InputStream in = Files.newInputStream(path)) {
      return new InputDocument(arg, in.readNBytes(limit), DocumentFormat.forFileName(arg));
    } catch (NoSuchFileException e) {
      throw CommandFailure.io("cannot read " + arg + ": no such file");
    } catch (IOException | SecurityException e) {
      throw CommandFailure.io("cannot read " + arg + ": " + e.getMessage());
    }
  }

  /** The text, when the bytes are valid UTF-8 (a leading byte-order mark is dropped). */
  Optional<String> utf8Text() {
    try {
      String text =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(bytes))
              .toString();
      return Optional.of(text.startsWith("\uFEFF") ? text.substring(1) : text);
    } catch (CharacterCodingException e) {
      return Optional.empty();
    }
  }
}
