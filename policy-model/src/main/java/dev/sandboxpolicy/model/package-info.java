/**
 * Immutable value types for every part of the sandbox policy language.
 */
package dev.sandboxpolicy.model;
