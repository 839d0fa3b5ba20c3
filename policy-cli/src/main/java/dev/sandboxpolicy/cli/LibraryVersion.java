package dev.sandboxpolicy.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/** The library version, from {@code version.properties} (filled in by Maven at build time). */
final class LibraryVersion {

  private static final String UNKNOWN = "unknown";
  private static final String VERSION = load();

  private LibraryVersion() {}

  /** The version, e.g. {@code 0.1.0-SNAPSHOT}; {@code unknown} when the resource is missing. */
  static String get() {
    return VERSION;
  }

  /** {@code -V, --version} of every command: {@code policyctl VERSION}. */
  static final class Provider implements IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"policyctl " + get()};
    }
  }

  private static String load() {
    try (InputStream in = LibraryVersion.class.getResourceAsStream("version.properties")) {
      if (in == null) {
        return UNKNOWN;
      }
      Properties p = new Properties();
      p.load(in);
      String v = p.getProperty("version", UNKNOWN);
      return v.startsWith("${") ? UNKNOWN : v;
    } catch (IOException e) {
      return UNKNOWN;
    }
  }
}
