/** Sandbox policy traffic: decision logs as typed events, replay against a candidate policy, advice. */
module dev.sandboxpolicy.traffic {
  requires transitive dev.sandboxpolicy.model;
  requires transitive dev.sandboxpolicy.matcher;
  requires dev.sandboxpolicy.analysis;
  requires dev.sandboxpolicy.merge;
  requires dev.sandboxpolicy.io;
  requires tools.jackson.core;
  requires tools.jackson.databind;

  exports dev.sandboxpolicy.traffic;
}
