/**
 * JMH benchmarks of the hot path against baselines.
 */
package dev.sandboxpolicy.benchmarks;
