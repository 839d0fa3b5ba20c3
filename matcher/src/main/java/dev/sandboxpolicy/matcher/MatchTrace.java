package dev.sandboxpolicy.matcher;

import dev.sandboxpolicy.model.SourceLocation;
import dev.sandboxpolicy.model.WireNamed;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What one decision exercised in a compiled policy: every entry, endpoint, binary, allow rule and deny rule that
 * matched the request, not only the one that decided. This is what rule coverage is made of ({@code policyctl
 * test --coverage}); the decision itself is {@link #decision()}.
 *
 * <pre>{@code
 * MatchTrace t = compiled.trace(NetworkRequest.of("api.github.com", 443, "/usr/bin/gh"));
 * t.decision().isAllowed();   // true
 * t.matched();                // [/network_policies/github, /network_policies/github/endpoints/0,
 *                             //  /network_policies/github/binaries/0]
 * compiled.traceItems();      // every item a trace can name, with its kind and source position
 * }</pre>
 *
 * <p>What counts as matched, item by item (the {@link Kind}s):
 *
 * <ul>
 *   <li>an <b>endpoint</b> matched the request's host and port <em>and</em> a binary of its entry matched the
 *       executable or an ancestor (in endpoint-only mode, any binary): the endpoint allows the connection;
 *   <li>an <b>entry</b> has such an endpoint;
 *   <li>a <b>binary</b> matched the executable or an ancestor, in a request whose host and port matched an endpoint
 *       of its entry (none in endpoint-only mode, where binaries are not consulted);
 *   <li>an <b>allow rule</b> or a <b>deny rule</b> matched the request (for JSON-RPC, MCP and GraphQL: one of its
 *       calls or operations) on an endpoint that allows the connection and whose path selector matches, in a
 *       request decision that reached the rules. An {@code access} preset is one allow rule (pointer
 *       {@code .../access}), and so is an MCP endpoint's {@code allow_all_known_mcp_methods} without rules
 *       ({@code .../mcp}). Rules are matched as the decision matches them (deny rules on every method, allow rules of
 *       a {@code json-rpc} or {@code mcp} endpoint only in a {@code POST}), but every rule is tried, not only the
 *       first that matches.
 * </ul>
 *
 * <p>A request refused before the rules (the connection is refused, no inspected endpoint, no route, a hard denial
 * such as a GraphQL parse error or an encoded slash) matches no rule. A decision that failed closed ({@link
 * Verdict#ERROR}) matches nothing at all: its evaluation did not finish.
 */
public final class MatchTrace {

  /** The kinds of policy items a trace names. */
  public enum Kind implements WireNamed {
    /** A network-policy entry, {@code /network_policies/KEY}. */
    ENTRY("entry"),
    /** An endpoint, {@code /network_policies/KEY/endpoints/I}. */
    ENDPOINT("endpoint"),
    /** A binary, {@code /network_policies/KEY/binaries/I}. */
    BINARY("binary"),
    /** An allow rule: {@code .../rules/I}, or an endpoint's {@code .../access} preset, or {@code .../mcp}. */
    ALLOW_RULE("allow_rule"),
    /** A deny rule, {@code .../deny_rules/I}. */
    DENY_RULE("deny_rule");

    private final String wireName;

    Kind(String wireName) {
      this.wireName = wireName;
    }

    @Override
    public String wireName() {
      return wireName;
    }
  }

  /**
   * One item of a compiled policy that a trace can name.
   *
   * @param kind what it is
   * @param pointer its JSON pointer in the policy
   * @param location where it is written ({@link SourceLocation#NONE} when the policy was not read from text)
   */
  public record Item(Kind kind, String pointer, SourceLocation location) {
    /** Checks the components. */
    public Item {
      Objects.requireNonNull(kind, "kind");
      Objects.requireNonNull(pointer, "pointer");
      Objects.requireNonNull(location, "location");
    }
  }

  private final Decision decision;
  private final Set<String> matched;

  MatchTrace(Decision decision, Set<String> matched) {
    this.decision = decision;
    this.matched = java.util.Collections.unmodifiableSet(new LinkedHashSet<>(matched));
  }

  /**
   * Returns the decision, exactly as {@link CompiledPolicy#decideNetwork} or {@link CompiledPolicy#decideRequest}
   * gives it.
   *
   * @return the decision
   */
  public Decision decision() {
    return decision;
  }

  /**
   * Returns the pointers of every item the request matched, each one of {@link CompiledPolicy#traceItems()}.
   *
   * @return an unmodifiable set, in the order found
   */
  public Set<String> matched() {
    return matched;
  }

  /**
   * Tells whether the item at {@code pointer} matched.
   *
   * @param pointer an item's pointer
   * @return true if it matched
   */
  public boolean matched(String pointer) {
    return matched.contains(pointer);
  }

  /**
   * Returns the matched items among {@code items} (usually {@link CompiledPolicy#traceItems()}), in their order.
   *
   * @param items the items to look for
   * @return the matched ones
   */
  public List<Item> matchedAmong(List<Item> items) {
    return items.stream().filter(i -> matched.contains(i.pointer())).toList();
  }

  @Override
  public String toString() {
    return "MatchTrace{" + decision + ", matched=" + matched + "}";
  }
}
