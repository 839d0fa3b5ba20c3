/**
 * policy-explain, host redaction and the access-failure classifier.
 */
package dev.sandboxpolicy.explain;
