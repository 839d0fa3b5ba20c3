/**
 * The replay of {@code dev.sandboxpolicy.traffic} as an Apache Beam pipeline, for replaying a fleet's decision logs
 * before a new baseline policy rolls out: log globs in, one {@link dev.sandboxpolicy.traffic.ReplaySummary} out.
 *
 * <ul>
 *   <li>{@link dev.sandboxpolicy.traffic.beam.ReplayPipeline} — the transform, for use inside a pipeline of your
 *       own.
 *   <li>{@link dev.sandboxpolicy.traffic.beam.ReplayJob} — a runnable job ({@code main}) with its
 *       {@link dev.sandboxpolicy.traffic.beam.ReplayJobOptions}; run it on the DirectRunner, Flink, Spark or
 *       Dataflow by adding that runner and passing {@code --runner}.
 * </ul>
 *
 * <pre>{@code
 * Pipeline p = Pipeline.create(options);
 * PCollection<ReplaySummary> summary = p.apply(
 *     ReplayPipeline.of(List.of("gs://fleet-logs/2026-08-21/*.log.gz"), candidateYaml));
 * }</pre>
 */
package dev.sandboxpolicy.traffic.beam;
