package dev.sandboxpolicy.benchmarks.workload;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One REST request of a benchmark mix: the connection it travels on, the method, the canonical path (spec §3.6) and
 * the decoded query multimap.
 *
 * @param connection the connection
 * @param method the raw method token
 * @param path the canonical path
 * @param query the decoded query parameters, every value in order
 */
public record RestCase(NetworkCase connection, String method, String path, Map<String, List<String>> query) {
  /** Copies the query. */
  public RestCase {
    Objects.requireNonNull(connection, "connection");
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(path, "path");
    query = Map.copyOf(query);
  }

  @Override
  public String toString() {
    return method + " " + path + (query.isEmpty() ? "" : " " + query) + " via " + connection;
  }
}
