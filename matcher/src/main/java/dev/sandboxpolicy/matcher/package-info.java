/**
 * Compiled matchers and the network and request decisions.
 */
package dev.sandboxpolicy.matcher;
