/**
 * The sandbox policy model: immutable value types for policies, presets, tiers and blueprint additions, network
 * value types and glob patterns. No parser: reading and writing text is {@code dev.sandboxpolicy.io}'s.
 */
@SuppressWarnings("module") // the qualified export names modules built after this one
module dev.sandboxpolicy.model {
  requires static org.immutables.value.annotations;

  exports dev.sandboxpolicy.model;
  exports dev.sandboxpolicy.model.net;
  exports dev.sandboxpolicy.model.glob;
  exports dev.sandboxpolicy.model.glob.tree to
      dev.sandboxpolicy.matcher;
  exports dev.sandboxpolicy.model.internal to
      dev.sandboxpolicy.io,
      dev.sandboxpolicy.rules,
      dev.sandboxpolicy.merge,
      dev.sandboxpolicy.cli;
  exports dev.sandboxpolicy.model.automaton to
      dev.sandboxpolicy.rules,
      dev.sandboxpolicy.matcher,
      dev.sandboxpolicy.analysis,
      dev.sandboxpolicy.testkit;
}
