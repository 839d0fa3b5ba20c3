/**
 * Reading and writing policy, preset, tier and blueprint documents (YAML and JSON) with source positions.
 */
package dev.sandboxpolicy.io;
