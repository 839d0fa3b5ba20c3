/** YAML and JSON reading and writing of the policy model, with source positions, hard limits and a canonical form. */
module dev.sandboxpolicy.io {
  requires transitive dev.sandboxpolicy.model;
  requires tools.jackson.core;
  requires tools.jackson.dataformat.yaml;
  requires org.snakeyaml.engine;

  exports dev.sandboxpolicy.io;
}
