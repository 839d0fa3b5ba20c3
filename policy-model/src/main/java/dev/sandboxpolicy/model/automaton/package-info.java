/**
 * Automata of the policy language's patterns and exact operations on their languages, shared by the matcher (which
 * runs glob automata on the hot path), the endpoint ambiguity check (which asks whether two path selectors can select
 * a common request path) and the analysis (containment and semantic diff with witnesses). Not a public API: the
 * module exports this package only to those modules.
 *
 * <p>{@link dev.sandboxpolicy.model.automaton.ByteNfa} is the one automaton builder (from parsed glob nodes); {@link
 * dev.sandboxpolicy.model.automaton.ByteDfa} its bounded determinisation; {@link
 * dev.sandboxpolicy.model.automaton.CallSiteLanguages} the language of each call site over the value as the request
 * carries it, and the universes of values; {@link dev.sandboxpolicy.model.automaton.ProductSearch} emptiness,
 * inclusion and atoms with witnesses, bounded in states.
 */
package dev.sandboxpolicy.model.automaton;
