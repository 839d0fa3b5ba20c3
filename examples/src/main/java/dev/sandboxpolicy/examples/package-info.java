/**
 * Small runnable programs that show how to embed the library.
 */
package dev.sandboxpolicy.examples;
