/** Sandbox policy traffic: decision logs, replay, advice */
module dev.sandboxpolicy.traffic {
  requires transitive dev.sandboxpolicy.model;
  requires transitive dev.sandboxpolicy.matcher;
  requires dev.sandboxpolicy.analysis;
  requires dev.sandboxpolicy.merge;
}
