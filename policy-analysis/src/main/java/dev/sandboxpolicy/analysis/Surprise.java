package dev.sandboxpolicy.analysis;

import dev.sandboxpolicy.model.SourceLocation;
import dev.sandboxpolicy.model.WireNamed;
import java.util.Objects;
import java.util.Optional;

/**
 * A boundary request whose answer people get wrong, probed against one policy and decided by its compiled matcher:
 * the apex of {@code *.example.com}, {@code /api} against {@code /api/**}, case, trailing dots, encoded slashes,
 * IPv4-mapped addresses, {@code HEAD} under a {@code GET} rule, a dot in a query value, an {@code enforcement} value
 * that means audit.
 *
 * <pre>{@code
 * for (Surprise s : PolicyAnalysis.surprises(policy)) {
 *   System.out.println(s.pointer() + ": " + s.request() + " -> " + s.outcome() + ". " + s.explanation());
 * }
 * // /network_policies/github/endpoints/0: connect github.com:443 by /usr/bin/git -> denied. '*.github.com' ...
 * }</pre>
 *
 * @param kind what is probed ({@link Kind})
 * @param pointer the pattern's endpoint or rule
 * @param location its position in the policy text
 * @param pattern the pattern as written
 * @param request the probed connection or request, as a person would write it
 * @param witness the probed connection or request as decided, when it is one ({@code encoded_slash} probes are
 *     refused before any decision)
 * @param outcome {@code allowed}, {@code denied}, {@code audited}, {@code not_inspected} or {@code rejected}
 * @param explanation why, in one sentence
 */
public record Surprise(Kind kind, String pointer, SourceLocation location, String pattern, String request,
    Optional<Witness.Network> witness, String outcome, String explanation) {

  /** The kinds of surprising requests. */
  public enum Kind implements WireNamed {
    /** {@code example.com} against {@code *.example.com} or {@code **.example.com}: the apex is not a subdomain. */
    WILDCARD_APEX("wildcard_apex"),
    /** {@code a.b.example.com} against {@code *.example.com}: {@code *} is one label. */
    WILDCARD_DEPTH("wildcard_depth"),
    /** An exact host in another case: hosts compare case-insensitively. */
    HOST_CASE("host_case"),
    /** The host with a trailing dot: one trailing dot is ignored. */
    TRAILING_DOT("trailing_dot"),
    /** {@code /api} against {@code /api/**}: the rule needs the slash. */
    PATH_WITHOUT_SLASH("path_without_slash"),
    /** A path in another case: paths compare case-sensitively. */
    PATH_CASE("path_case"),
    /** {@code /a%2Fb} for {@code /a/b}: an encoded slash is refused unless the endpoint allows it. */
    ENCODED_SLASH("encoded_slash"),
    /** {@code HEAD} under a {@code GET} rule: allowed (and denied by a {@code GET} deny rule). */
    HEAD_UNDER_GET("head_under_get"),
    /** A query value with a dot against a {@code *} glob: {@code *} does not cross {@code .}. */
    QUERY_DOT("query_dot"),
    /** An IPv4 endpoint reached by its IPv4-mapped IPv6 spelling. */
    IPV4_MAPPED("ipv4_mapped"),
    /** An {@code enforcement} value other than exactly {@code enforce}: the endpoint only audits. */
    AUDIT_ENFORCEMENT("audit_enforcement");

    private final String wireName;

    Kind(String wireName) {
      this.wireName = wireName;
    }

    /**
     * Returns the stable snake_case name used in JSON.
     *
     * @return the wire name
     */
    @Override
    public String wireName() {
      return wireName;
    }
  }

  /**
   * Checks the parts.
   *
   * @param kind the kind
   * @param pointer the pointer
   * @param location the location
   * @param pattern the pattern
   * @param request the request
   * @param witness the decided witness
   * @param outcome the outcome
   * @param explanation the explanation
   */
  public Surprise {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(pointer, "pointer");
    Objects.requireNonNull(location, "location");
    Objects.requireNonNull(pattern, "pattern");
    Objects.requireNonNull(request, "request");
    Objects.requireNonNull(witness, "witness");
    Objects.requireNonNull(outcome, "outcome");
    Objects.requireNonNull(explanation, "explanation");
  }
}
