/**
 * The sandbox policy model: immutable value types for policies, presets, tiers and blueprint additions, network
 * value types and glob patterns. No parser: reading and writing text is {@code dev.sandboxpolicy.io}'s.
 */
module dev.sandboxpolicy.model {
  requires static org.immutables.value.annotations;

  exports dev.sandboxpolicy.model;
  exports dev.sandboxpolicy.model.net;
  exports dev.sandboxpolicy.model.glob;
}
