/**
 * Exact analysis of sandbox policies on the compiled automata: containment with counterexamples ({@link
 * dev.sandboxpolicy.analysis.PolicyAnalysis#prove}), a semantic diff with witness requests ({@link
 * dev.sandboxpolicy.analysis.PolicyAnalysis#compare}), rule hygiene ({@link
 * dev.sandboxpolicy.analysis.PolicyAnalysis#lint}) and the boundary requests people get wrong ({@link
 * dev.sandboxpolicy.analysis.PolicyAnalysis#surprises}). No YAML inside: policies come in as models.
 */
package dev.sandboxpolicy.analysis;
