/**
 * policyctl, the command line and the stdio protocol.
 */
package dev.sandboxpolicy.cli;
