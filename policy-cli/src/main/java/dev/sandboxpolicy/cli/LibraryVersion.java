package dev.sandboxpolicy.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/** The library version, from {@code version.properties} (filled in by Maven at build time). */
final class LibraryVersion {

  private static final String UNKNOWN = "unknown";
  private static final Properties PROPERTIES = load();

  private LibraryVersion() {}

  /** The version, e.g. {@code 0.1.0-SNAPSHOT}; {@code unknown} when the resource is missing. */
  static String get() {
    return property("version");
  }

  /** The project's home page (the POM's {@code url}); {@code unknown} when the resource is missing. */
  static String url() {
    return property("url");
  }

  /** {@code -V, --version} of every command: {@code policyctl VERSION}. */
  static final class Provider implements IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"policyctl " + get()};
    }
  }

  private static String property(String name) {
    String v = PROPERTIES.getProperty(name, UNKNOWN);
    return v.startsWith("${") ? UNKNOWN : v;
  }

  private static Properties load() {
    Properties p = new Properties();
    try (InputStream in = LibraryVersion.class.getResourceAsStream("version.properties")) {
      if (in != null) {
        p.load(in);
      }
    } catch (IOException e) {
      // an unreadable resource leaves every property unknown
    }
    return p;
  }
}
