/**
 * The value rules of the policy language on a model, without a parser or a JSON-Schema validator: what the matcher
 * checks before it compiles and what {@code dev.sandboxpolicy.schema} builds its text validation on.
 */
module dev.sandboxpolicy.rules {
  requires transitive dev.sandboxpolicy.model;

  exports dev.sandboxpolicy.rules;
}
