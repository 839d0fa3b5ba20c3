/**
 * The preset layer: policy-add, policy-remove, the policy stack, names, tiers and blueprint additions.
 */
package dev.sandboxpolicy.merge;
