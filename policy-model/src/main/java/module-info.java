/**
 * The sandbox policy model: immutable value types for policies, presets, tiers and blueprint additions,
 * YAML/JSON reading and writing with source positions, network value types and glob patterns.
 */
module dev.sandboxpolicy.model {
  requires static org.immutables.value.annotations;
  requires tools.jackson.core;
  requires tools.jackson.dataformat.yaml;

  exports dev.sandboxpolicy.model;
  exports dev.sandboxpolicy.model.io;
  exports dev.sandboxpolicy.model.net;
  exports dev.sandboxpolicy.model.glob;
}
