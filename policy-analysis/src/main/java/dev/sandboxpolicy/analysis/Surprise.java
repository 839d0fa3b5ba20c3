package dev.sandboxpolicy.analysis;

/** Placeholder. */
public record Surprise(String kind) {}
