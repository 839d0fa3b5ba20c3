package dev.sandboxpolicy.analysis;

import dev.sandboxpolicy.matcher.L7Request;
import dev.sandboxpolicy.matcher.NetworkRequest;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.StringJoiner;

/**
 * A concrete thing one policy allows and another denies: a connection or request (the {@link Network} witness,
 * which the compiled matcher has re-decided under both policies before it was returned), or a grant of the static
 * sections (filesystem path, process identity, Landlock mode).
 *
 * <pre>{@code
 * if (witness instanceof Witness.Network n) {
 *   n.connection().host();                        // "api.github.com"
 *   n.request().map(L7Request::method);           // Optional["POST"] for a request witness
 * }
 * witness.describe();   // "POST api.github.com:443/repos/a by /usr/bin/git"
 * }</pre>
 */
public sealed interface Witness permits Witness.Network, Witness.Filesystem, Witness.Process, Witness.Landlock {

  /**
   * Returns the domain: {@code network}, {@code filesystem}, {@code process} or {@code landlock}.
   *
   * @return the domain's wire name
   */
  String domain();

  /**
   * Returns one line a person can act on.
   *
   * @return the description
   */
  String describe();

  /**
   * A connection (L4, no request) or a request on it (L7). The connection carries the executable and, when the
   * decision needs them, ancestors and the addresses the host resolved to (a destination difference); the request
   * carries method, canonical path and query.
   *
   * @param connection the connection
   * @param request the request, or empty for a connection witness
   */
  record Network(NetworkRequest connection, Optional<L7Request> request) implements Witness {
    /**
     * Checks the parts.
     *
     * @param connection the connection
     * @param request the request, or empty
     */
    public Network {
      Objects.requireNonNull(connection, "connection");
      Objects.requireNonNull(request, "request");
    }

    @Override
    public String domain() {
      return "network";
    }

    @Override
    public String describe() {
      StringBuilder sb = new StringBuilder();
      if (request.isPresent()) {
        L7Request r = request.get();
        sb.append(r.method()).append(' ').append(connection.host()).append(':').append(connection.port())
            .append(r.path());
        if (!r.query().isEmpty()) {
          StringJoiner q = new StringJoiner("&", "?", "");
          for (Map.Entry<String, List<String>> e : r.query().entrySet()) {
            for (String v : e.getValue()) {
              q.add(e.getKey() + "=" + v);
            }
          }
          sb.append(q);
        }
      } else {
        sb.append("connect ").append(connection.host()).append(':').append(connection.port());
      }
      if (!connection.resolvedAddresses().isEmpty()) {
        sb.append(" resolving to ").append(connection.resolvedAddresses().stream().map(Object::toString)
            .collect(java.util.stream.Collectors.joining(", ")));
      }
      sb.append(" by ").append(connection.binary());
      if (!connection.ancestors().isEmpty()) {
        sb.append(" (ancestors ").append(String.join(" -> ", connection.ancestors())).append(')');
      }
      return sb.toString();
    }
  }

  /**
   * A filesystem grant: {@code read} or {@code write} access to a path.
   *
   * @param access {@code read} or {@code write}
   * @param path the path
   */
  record Filesystem(String access, String path) implements Witness {
    /**
     * Checks the parts.
     *
     * @param access the access
     * @param path the path
     */
    public Filesystem {
      Objects.requireNonNull(access, "access");
      Objects.requireNonNull(path, "path");
    }

    @Override
    public String domain() {
      return "filesystem";
    }

    @Override
    public String describe() {
      return "filesystem " + access + " " + path;
    }
  }

  /**
   * A process identity the allowing policy runs as and the other does not.
   *
   * @param field {@code run_as_user} or {@code run_as_group}
   * @param boundary the value in the denying (narrower) policy, {@code ""} when omitted
   * @param candidate the value in the allowing (wider) policy, {@code ""} when omitted
   */
  record Process(String field, String boundary, String candidate) implements Witness {
    /**
     * Checks the parts.
     *
     * @param field the field
     * @param boundary the narrower value
     * @param candidate the wider value
     */
    public Process {
      Objects.requireNonNull(field, "field");
      Objects.requireNonNull(boundary, "boundary");
      Objects.requireNonNull(candidate, "candidate");
    }

    @Override
    public String domain() {
      return "process";
    }

    @Override
    public String describe() {
      return "process " + field + " '" + candidate + "' instead of '" + boundary + "'";
    }
  }

  /**
   * A weaker Landlock mode: the allowing policy runs without Landlock where the other requires it.
   *
   * @param boundary the denying policy's compatibility ({@code hard_requirement})
   * @param candidate the allowing policy's compatibility ({@code best_effort})
   */
  record Landlock(String boundary, String candidate) implements Witness {
    /**
     * Checks the parts.
     *
     * @param boundary the narrower mode
     * @param candidate the wider mode
     */
    public Landlock {
      Objects.requireNonNull(boundary, "boundary");
      Objects.requireNonNull(candidate, "candidate");
    }

    @Override
    public String domain() {
      return "landlock";
    }

    @Override
    public String describe() {
      return "landlock " + candidate + " instead of " + boundary;
    }
  }
}
