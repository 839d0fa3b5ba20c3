package dev.sandboxpolicy.traffic;

import dev.sandboxpolicy.io.PolicyWriter;
import dev.sandboxpolicy.model.Policy;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@link UsageAnalysis} found: the entries, endpoints, allow rules and binaries of the current policy that no
 * logged decision used, the globs much wider than what was used, the narrowed policy that drops and narrows them,
 * and the replay proof that the narrowed policy still allows every logged request the current one allows.
 */
public final class UsageReport {

  /** A glob that logged traffic used only a few values of. */
  public record Narrowing(String pointer, String kind, String pattern, List<String> used) {
    /** @return {@code host}, {@code binary} or {@code path} and the pattern, e.g. {@code host *.github.com} */
    @Override
    public String toString() {
      return pointer + ": " + kind + " " + pattern + " was used only as " + String.join(", ", used);
    }
  }

  private final long decisions;
  private final long allowed;
  private final List<String> unusedEntries;
  private final List<String> unusedEndpoints;
  private final List<String> unusedRules;
  private final List<String> unusedBinaries;
  private final List<Narrowing> narrowings;
  private final Policy narrowed;
  private final long proofAllows;
  private final long proofBroken;
  private final long proofNewlyAllowed;
  private final long proofUndecidable;
  private final List<String> proofSamples;
  private final boolean complete;

  UsageReport(long decisions, long allowed, List<String> unusedEntries, List<String> unusedEndpoints,
      List<String> unusedRules, List<String> unusedBinaries, List<Narrowing> narrowings, Policy narrowed,
      long proofAllows, long proofBroken, long proofNewlyAllowed, long proofUndecidable, List<String> proofSamples,
      boolean complete) {
    this.decisions = decisions;
    this.allowed = allowed;
    this.unusedEntries = List.copyOf(unusedEntries);
    this.unusedEndpoints = List.copyOf(unusedEndpoints);
    this.unusedRules = List.copyOf(unusedRules);
    this.unusedBinaries = List.copyOf(unusedBinaries);
    this.narrowings = List.copyOf(narrowings);
    this.narrowed = narrowed;
    this.proofAllows = proofAllows;
    this.proofBroken = proofBroken;
    this.proofNewlyAllowed = proofNewlyAllowed;
    this.proofUndecidable = proofUndecidable;
    this.proofSamples = List.copyOf(proofSamples);
    this.complete = complete;
  }

  /** @return how many logged decisions were read */
  public long decisions() {
    return decisions;
  }

  /** @return how many of them the current policy allows (only these use an entry) */
  public long allowed() {
    return allowed;
  }

  /** @return the keys of entries no logged decision used */
  public List<String> unusedEntries() {
    return unusedEntries;
  }

  /** @return the endpoints no logged decision used ({@code pointer host:port}), in entries that were used */
  public List<String> unusedEndpoints() {
    return unusedEndpoints;
  }

  /** @return the allow rules no logged request used ({@code pointer METHOD path}), on endpoints that were used */
  public List<String> unusedRules() {
    return unusedRules;
  }

  /** @return the binaries no logged decision used ({@code key: path}), in entries that were used */
  public List<String> unusedBinaries() {
    return unusedBinaries;
  }

  /** @return the globs logged traffic used only a few values of */
  public List<Narrowing> narrowings() {
    return narrowings;
  }

  /**
   * Returns the current policy without the unused parts and with the wide globs replaced by the values used.
   *
   * @return the narrowed policy
   */
  public Policy narrowedPolicy() {
    return narrowed;
  }

  /**
   * Tells whether the replay proof holds: every logged request the current policy allows is allowed by the
   * narrowed policy, nothing new is allowed, and every distinct request was kept.
   *
   * @return true when it holds
   */
  public boolean proofHolds() {
    return proofBroken == 0 && proofNewlyAllowed == 0 && complete;
  }

  /** @return how many logged requests the current policy allows (the proof's subjects) */
  public long proofAllows() {
    return proofAllows;
  }

  /** @return how many of them the narrowed policy denies */
  public long proofBroken() {
    return proofBroken;
  }

  /** @return how many logged requests the narrowed policy allows and the current one does not */
  public long proofNewlyAllowed() {
    return proofNewlyAllowed;
  }

  /** @return how many logged requests could not be decided under one of the policies */
  public long proofUndecidable() {
    return proofUndecidable;
  }

  /** @return example lines of a failing proof */
  public List<String> proofSamples() {
    return proofSamples;
  }

  /**
   * Returns the report as JSON: {@code decisions}, {@code allowed}, {@code unused} ({@code entries},
   * {@code endpoints}, {@code rules}, {@code binaries}), {@code narrowings} ({@code pointer}, {@code kind},
   * {@code pattern}, {@code used}), {@code narrowed_policy} (YAML) and {@code proof} ({@code holds},
   * {@code logged_allows}, {@code broken}, {@code newly_allowed}, {@code undecidable}, {@code samples},
   * {@code complete}).
   *
   * @param pretty indent the output
   * @return the JSON text
   */
  public String toJson(boolean pretty) {
    Map<String, Object> o = new LinkedHashMap<>();
    o.put("decisions", decisions);
    o.put("allowed", allowed);
    Map<String, Object> unused = new LinkedHashMap<>();
    unused.put("entries", unusedEntries);
    unused.put("endpoints", unusedEndpoints);
    unused.put("rules", unusedRules);
    unused.put("binaries", unusedBinaries);
    o.put("unused", unused);
    List<Object> ns = new ArrayList<>();
    for (Narrowing n : narrowings) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("pointer", n.pointer());
      m.put("kind", n.kind());
      m.put("pattern", n.pattern());
      m.put("used", n.used());
      ns.add(m);
    }
    o.put("narrowings", ns);
    o.put("narrowed_policy", PolicyWriter.toYaml(narrowed));
    Map<String, Object> proof = new LinkedHashMap<>();
    proof.put("holds", proofHolds());
    proof.put("logged_allows", proofAllows);
    proof.put("broken", proofBroken);
    proof.put("newly_allowed", proofNewlyAllowed);
    proof.put("undecidable", proofUndecidable);
    proof.put("samples", proofSamples);
    proof.put("complete", complete);
    o.put("proof", proof);
    return PolicyWriter.json(o, pretty);
  }
}
