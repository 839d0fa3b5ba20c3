package dev.sandboxpolicy.analysis;

import java.util.List;
import java.util.Objects;

/**
 * One part of what changed between two policies: traffic (or a static grant) that one policy allows and the other
 * does not, with one concrete witness, what each policy does with it, and the scope of the allowing rule (binaries
 * x host x ports x method x path) that the region comes from.
 *
 * <pre>{@code
 * for (Region r : PolicyAnalysis.compare(before, after).widened()) {
 *   r.witness().describe();   // "connect api.github.com:443 by /usr/bin/git"
 *   r.after().describe();     // "allowed by github (/network_policies/github/endpoints/1, line 9)"
 *   r.before().describe();    // "denied: endpoint api.github.com:443 is not allowed by any policy"
 * }
 * }</pre>
 *
 * @param layer {@code connection}, {@code request}, {@code filesystem}, {@code process} or {@code landlock}
 * @param witness a concrete member of the region
 * @param before what the earlier (or boundary) policy does with the witness
 * @param after what the later (or candidate) policy does with it
 * @param scope the allowing side's entry, endpoint and rule, as patterns
 */
public record Region(String layer, Witness witness, Origin before, Origin after, Scope scope) {

  /**
   * Checks the parts.
   *
   * @param layer the layer
   * @param witness the witness
   * @param before the earlier policy's origin
   * @param after the later policy's origin
   * @param scope the scope
   */
  public Region {
    Objects.requireNonNull(layer, "layer");
    Objects.requireNonNull(witness, "witness");
    Objects.requireNonNull(before, "before");
    Objects.requireNonNull(after, "after");
    Objects.requireNonNull(scope, "scope");
  }

  /**
   * The patterns of the allowing entry, endpoint and rule: the region is the part of this scope that the other policy
   * denies. Fields that do not apply are empty.
   *
   * @param binaries the entry's binary patterns
   * @param host the endpoint host pattern ({@code ""}: any host)
   * @param ports the ports on which the region was found
   * @param method the rule's method ({@code ""} for a connection region)
   * @param path the rule's path ({@code ""} for a connection region)
   */
  public record Scope(List<String> binaries, String host, List<Integer> ports, String method, String path) {
    /**
     * Copies the lists.
     *
     * @param binaries the binaries
     * @param host the host
     * @param ports the ports
     * @param method the method
     * @param path the path
     */
    public Scope {
      binaries = List.copyOf(binaries);
      Objects.requireNonNull(host, "host");
      ports = List.copyOf(ports);
      Objects.requireNonNull(method, "method");
      Objects.requireNonNull(path, "path");
    }

    /** The scope of a region without network patterns (a static section). */
    static final Scope NONE = new Scope(List.of(), "", List.of(), "", "");

    /**
     * Returns a one-line description.
     *
     * @return e.g. {@code [/usr/bin/git] x github.com x [443] x GET /repos/**}
     */
    public String describe() {
      if (this.equals(NONE)) {
        return "";
      }
      StringBuilder sb = new StringBuilder();
      sb.append(binaries).append(" x ").append(host.isEmpty() ? "any host" : host).append(" x ").append(ports);
      if (!method.isEmpty() || !path.isEmpty()) {
        sb.append(" x ").append(method.isEmpty() ? "*" : method).append(' ').append(path.isEmpty() ? "**" : path);
      }
      return sb.toString();
    }
  }
}
