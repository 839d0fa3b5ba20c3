package dev.sandboxpolicy.matcher;

import dev.sandboxpolicy.model.SourceLocation;

/**
 * What an allow decision names: an endpoint (the network decision) or an allow rule (the request decision), with its
 * entry, its source position, its JSON pointer (built when asked for, so a compiled policy keeps no pointer strings)
 * and its allow decisions, built the first time each is used and then shared, so an allow allocates nothing after
 * its first occurrence and a policy keeps only the decisions it has given.
 */
abstract class DecisionSite {
  /** Allow decisions per site: {@link CompiledPolicy#CHECKED} enforcement variants, destination unchecked, checked. */
  private static final int VARIANTS = 2 * CompiledPolicy.CHECKED;

  final SourceLocation location;
  /**
   * The allow decisions by variant, each built on first use. Not final and not volatile on purpose: a thread that
   * sees no array or no decision builds one (decisions are immutable values with final fields, so a racy read sees
   * one whole); at worst two threads each build an equal decision once.
   */
  private Decision[] allowDecisions;

  DecisionSite(SourceLocation location) {
    this.location = location;
  }

  /** The entry this endpoint or rule belongs to. */
  abstract CompiledEntry entry();

  /** The JSON pointer of this endpoint or rule, built on each call (slow paths only). */
  abstract String pointer();

  /**
   * The allow decision of this site for {@code variant}: the enforcement variant ({@code CompiledPolicy.variant}),
   * plus {@link CompiledPolicy#CHECKED} when the destination was checked. Allocation-free after the first call.
   */
  final Decision allowDecision(int variant) {
    Decision[] decisions = allowDecisions;
    if (decisions != null) {
      Decision d = decisions[variant];
      if (d != null) {
        return d;
      }
    }
    return buildAllowDecision(variant);
  }

  private Decision buildAllowDecision(int variant) {
    Decision[] decisions = allowDecisions;
    if (decisions == null) {
      decisions = new Decision[VARIANTS];
      allowDecisions = decisions;
    }
    boolean checked = variant >= CompiledPolicy.CHECKED;
    Decision d = Decision.allow(entry().key, pointer(), location,
        Denial.ENFORCEMENTS.get(variant % CompiledPolicy.CHECKED),
        checked ? CompiledPolicy.DESTINATION_CHECKED_REASON : CompiledPolicy.DESTINATION_UNCHECKED_REASON);
    decisions[variant] = d;
    return d;
  }
}
