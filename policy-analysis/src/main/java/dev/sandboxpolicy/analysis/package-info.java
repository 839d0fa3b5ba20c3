/** Sandbox policy analysis: containment, semantic diff, lint (work in progress). */
package dev.sandboxpolicy.analysis;
