package dev.sandboxpolicy.model;

import java.util.Map;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * A sandbox policy document: the static sections (filesystem, Landlock, process) and the hot-reloadable network
 * policies and middlewares.
 *
 * <p>Map order is kept everywhere: {@link #networkPolicies()} iterates in document order.
 * <pre>{@code
 * Policy policy = PolicyReader.of(ReadMode.STRICT).readPolicy(yaml).orElseThrow();
 * for (var e : policy.networkPolicies().entrySet()) {
 *   System.out.println(e.getKey() + " -> " + e.getValue().endpoints().size() + " endpoints");
 * }
 * }</pre>
 */
@Value.Immutable
@ModelStyle
public abstract class Policy implements PolicyNode {

  Policy() {}

  /** The {@code version} as written (required by a strict read; upstream never checks the value). */
  public abstract Optional<Long> version();

  /**
   * The {@code filesystem_policy} section, when present. See {@link #effectiveFilesystemPolicy()} for what an absent
   * section means.
   */
  public abstract Optional<FilesystemPolicy> filesystemPolicy();

  /**
   * The filesystem policy the sandbox gets before baseline paths are added: the written section, or, when the
   * section is absent, one with {@code include_workdir: true} and no paths (upstream #3334: an omitted
   * {@code filesystem_policy} means {@code include_workdir: true}, an explicit {@code filesystem_policy: {}} means
   * {@code false}).
   *
   * <pre>{@code
   * policy("version: 1").effectiveFilesystemPolicy().includeWorkdir();                          // true
   * policy("version: 1\nfilesystem_policy: {}").effectiveFilesystemPolicy().includeWorkdir();  // false
   * }</pre>
   */
  public final FilesystemPolicy effectiveFilesystemPolicy() {
    return filesystemPolicy().orElse(ABSENT_FILESYSTEM_POLICY);
  }

  /** What an absent {@code filesystem_policy} section means. */
  private static final FilesystemPolicy ABSENT_FILESYSTEM_POLICY = FilesystemPolicy.builder().includeWorkdir(true).build();

  /** The {@code landlock} section, when present. */
  public abstract Optional<Landlock> landlock();

  /** The {@code process} section, when present. */
  public abstract Optional<ProcessPolicy> process();

  /** The network policy entries by key, in document order. */
  public abstract Map<String, NetworkPolicy> networkPolicies();

  /** The network middlewares by key, in document order. */
  public abstract Map<String, Middleware> networkMiddlewares();

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
  public static Builder builder(Policy from) {
    return new Builder().from(from);
  }

  /** Builds {@link Policy} values. */
  public static final class Builder extends ImmutablePolicy.Builder {
    Builder() {}
  }
}
