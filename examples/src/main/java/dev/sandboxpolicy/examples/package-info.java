/**
 * Small runnable programs a user copies from. Each has a {@code main} (run it from the repository root) and a
 * test that runs it:
 * <ul>
 *   <li>{@link dev.sandboxpolicy.examples.EmbedInFiveLines}: the README's five lines (read, compile, decide);
 *   <li>{@link dev.sandboxpolicy.examples.EditorValidation}: validate a policy in an editor-style loop;
 *   <li>{@link dev.sandboxpolicy.examples.LayerPresets}: layer presets onto a NemoClaw-style baseline and remove
 *       them, with NemoClaw's semantics and with the policy stack;
 *   <li>{@link dev.sandboxpolicy.examples.DecideBatch}: decide a batch of requests (network, then request);
 *   <li>{@link dev.sandboxpolicy.examples.HotReload}: hot-reload a policy while threads keep deciding.
 * </ul>
 */
package dev.sandboxpolicy.examples;
