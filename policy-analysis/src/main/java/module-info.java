/** Sandbox policy analysis: containment, semantic diff, lint and surprises, exact on the compiled automata. */
module dev.sandboxpolicy.analysis {
  requires transitive dev.sandboxpolicy.model;
  requires transitive dev.sandboxpolicy.matcher;

  exports dev.sandboxpolicy.analysis;
}
