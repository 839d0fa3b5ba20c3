/**
 * JSON Schemas and the semantic validator for policy, preset and blueprint documents.
 */
package dev.sandboxpolicy.schema;
