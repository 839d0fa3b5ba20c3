/** Sandbox policy traffic: decision logs as typed events, replay against a candidate policy, advice. */
@SuppressWarnings("module") // the qualified export names a module built after this one
module dev.sandboxpolicy.traffic {
  requires transitive dev.sandboxpolicy.model;
  requires transitive dev.sandboxpolicy.matcher;
  requires dev.sandboxpolicy.analysis;
  requires dev.sandboxpolicy.merge;
  requires dev.sandboxpolicy.io;
  requires tools.jackson.core;
  requires tools.jackson.databind;

  exports dev.sandboxpolicy.traffic;
  // The inputs decoded alike by the traffic tools and the command line; not a public API.
  exports dev.sandboxpolicy.traffic.input to
      dev.sandboxpolicy.cli;
}
