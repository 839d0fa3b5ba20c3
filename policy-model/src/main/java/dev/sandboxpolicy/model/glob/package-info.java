/**
 * Glob patterns of the policy language: syntax and parse errors, independent of any matching engine.
 */
package dev.sandboxpolicy.model.glob;
