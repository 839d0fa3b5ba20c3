package dev.sandboxpolicy.model;

import java.util.List;
import java.util.Map;
import org.immutables.value.Value;

/**
 * The {@code filesystem_policy} section: which paths the sandbox may read, and read and write.
 *
 * <p>Static: applied once when the sandbox starts and locked afterwards.
 */
@Value.Immutable
@ModelStyle
public abstract class FilesystemPolicy implements PolicyNode {

  FilesystemPolicy() {}

  /**
   * Whether the working directory is added read-write: {@code false} when the section is present without the key.
   * An absent section means {@code true} ({@link Policy#effectiveFilesystemPolicy()}).
   */
  @Value.Default
  public boolean includeWorkdir() {
    return false;
  }

  /** Absolute paths the sandbox may read. */
  public abstract List<String> readOnly();

  /** Absolute paths the sandbox may read and write. */
  public abstract List<String> readWrite();

  @Override
  @Value.Auxiliary
  @Value.Default
  public SourceLocation location() {
    return SourceLocation.NONE;
  }

  @Override
  @AllowNulls
  public abstract Map<String, Object> unknownFields();

  /** Returns a new builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** Returns a builder initialised with the values of {@code from}. */
  public static Builder builder(FilesystemPolicy from) {
    return new Builder().from(from);
  }

  /** Builds {@link FilesystemPolicy} values. */
  public static final class Builder extends ImmutableFilesystemPolicy.Builder {
    Builder() {}
  }
}
