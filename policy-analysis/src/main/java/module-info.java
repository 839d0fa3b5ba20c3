/** Sandbox policy analysis: containment, semantic diff, lint */
module dev.sandboxpolicy.analysis {
  requires transitive dev.sandboxpolicy.model;
  requires transitive dev.sandboxpolicy.matcher;
}
