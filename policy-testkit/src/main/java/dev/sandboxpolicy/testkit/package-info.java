/**
 * Seeded generators and a reference matcher for property tests.
 */
package dev.sandboxpolicy.testkit;
