package dev.sandboxpolicy.traffic;

import dev.sandboxpolicy.io.PolicyWriter;
import dev.sandboxpolicy.model.Binary;
import dev.sandboxpolicy.model.Endpoint;
import dev.sandboxpolicy.model.Policy;
import dev.sandboxpolicy.model.Preset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What {@link Advisor#advise(String)} proposes: a custom preset that allows the logged denials it targets and
 * nothing the logs do not justify, the denials it skips (with why), what the preset widens, and the replay proof.
 *
 * <pre>{@code
 * Advice advice = advisor.advise("my-agent-extras");
 * if (advice.proof().holds()) {
 *   Files.writeString(Path.of("my-agent-extras.yaml"), advice.presetYaml());
 * }
 * }</pre>
 */
public final class Advice {
  private final Preset preset;
  private final String presetYaml;
  private final List<Proposal> proposals;
  private final List<SkippedDenial> skipped;
  private final Widening widening;
  private final AdviceProof proof;
  private final Policy merged;

  Advice(Preset preset, String presetYaml, List<Proposal> proposals, List<SkippedDenial> skipped,
      Widening widening, AdviceProof proof, Policy merged) {
    this.preset = preset;
    this.presetYaml = presetYaml;
    this.proposals = List.copyOf(proposals);
    this.skipped = List.copyOf(skipped);
    this.widening = widening;
    this.proof = proof;
    this.merged = merged;
  }

  /**
   * Returns the proposed preset, empty when no logged denial called for one.
   *
   * @return the preset
   */
  public Optional<Preset> preset() {
    return Optional.ofNullable(preset);
  }

  /**
   * Returns the preset as YAML, ready for {@code policyctl merge} / {@code nemoclaw policy-add --from-file}; it
   * passes every custom-preset check. {@code ""} when there is no preset.
   *
   * @return the YAML text
   */
  public String presetYaml() {
    return presetYaml;
  }

  /**
   * Returns the proposed entries with their justification.
   *
   * @return the proposals
   */
  public List<Proposal> proposals() {
    return proposals;
  }

  /**
   * Returns the logged denials that get no proposal, grouped by destination, binary and reason.
   *
   * @return the skipped denials
   */
  public List<SkippedDenial> skipped() {
    return skipped;
  }

  /**
   * Returns the semantic difference between the current policy and the current policy with the preset merged
   * ({@code policy-analysis} compare): every widened region with a witness and the rule that allows it, and any
   * narrowed region (a preset that only adds entries should narrow nothing; when it does, this says where).
   *
   * @return the widening
   */
  public Widening widening() {
    return widening;
  }

  /**
   * The semantic difference a preset makes, as {@code policy-analysis} computes it.
   *
   * @param relation {@code equivalent}, {@code wider}, {@code narrower} or {@code incomparable}
   * @param widened one line per widened region: witness, scope of the allowing rule, the allowing origin
   * @param narrowed one line per narrowed region
   * @param unsupported what the analysis does not model in these policies (a difference there is not reported)
   */
  public record Widening(String relation, List<String> widened, List<String> narrowed, List<String> unsupported) {
    /** No preset, no difference. */
    static final Widening NONE = new Widening("equivalent", List.of(), List.of(), List.of());

    /**
     * Copies the lists.
     *
     * @param relation the relation
     * @param widened the widened regions
     * @param narrowed the narrowed regions
     * @param unsupported the unmodelled features
     */
    public Widening {
      widened = List.copyOf(widened);
      narrowed = List.copyOf(narrowed);
      unsupported = List.copyOf(unsupported);
    }
  }

  /**
   * Returns the replay proof.
   *
   * @return the proof
   */
  public AdviceProof proof() {
    return proof;
  }

  /**
   * Returns the current policy with the preset merged (as {@code policy-add} would apply it).
   *
   * @return the merged policy
   */
  public Policy mergedPolicy() {
    return merged;
  }

  /**
   * Returns the advice as JSON: {@code preset} (the YAML text or null), {@code proposals} ({@code key},
   * {@code reuses}, {@code denials}, {@code endpoints}, {@code binaries}, {@code justification}), {@code skipped}
   * ({@code host}, {@code port}, {@code binary}, {@code reason}, {@code description}, {@code count}, {@code file},
   * {@code line}), {@code widening} ({@code relation}, {@code widened}, {@code narrowed}, {@code unsupported}) and
   * {@code proof} ({@code holds}, {@code targets}, {@code targets_allowed},
   * {@code targets_still_denied}, {@code logged_allows}, {@code logged_allows_broken}, {@code broken},
   * {@code undecidable}, {@code complete}).
   *
   * @param pretty indent the output
   * @return the JSON text
   */
  public String toJson(boolean pretty) {
    Map<String, Object> o = new LinkedHashMap<>();
    o.put("preset_name", preset == null ? null : preset.name());
    o.put("preset", preset == null ? null : presetYaml);
    List<Object> ps = new ArrayList<>();
    for (Proposal p : proposals) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("key", p.key());
      m.put("reuses", p.reusedKey().orElse(null));
      m.put("denials", p.denials());
      List<Object> eps = new ArrayList<>();
      for (Endpoint e : p.entry().endpoints()) {
        eps.add(Advisor.describe(e));
      }
      m.put("endpoints", eps);
      m.put("binaries", p.entry().binaries().stream().map(Binary::path).toList());
      m.put("justification", p.justification());
      ps.add(m);
    }
    o.put("proposals", ps);
    List<Object> ss = new ArrayList<>();
    for (SkippedDenial s : skipped) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("host", s.host());
      m.put("port", s.port());
      m.put("binary", s.binary());
      m.put("reason", s.reason().wireName());
      m.put("description", s.reason().description());
      m.put("count", s.count());
      m.put("file", s.source());
      m.put("line", s.line());
      ss.add(m);
    }
    o.put("skipped", ss);
    Map<String, Object> w = new LinkedHashMap<>();
    w.put("relation", widening.relation());
    w.put("widened", widening.widened());
    w.put("narrowed", widening.narrowed());
    w.put("unsupported", widening.unsupported());
    o.put("widening", w);
    Map<String, Object> pr = new LinkedHashMap<>();
    pr.put("holds", proof.holds());
    pr.put("targets", proof.targets());
    pr.put("targets_allowed", proof.targetsAllowed());
    pr.put("targets_still_denied", proof.targetsStillDenied());
    pr.put("logged_allows", proof.loggedAllows());
    pr.put("logged_allows_broken", proof.loggedAllowsBroken());
    pr.put("broken", proof.brokenSamples());
    pr.put("undecidable", proof.undecidable());
    pr.put("complete", proof.complete());
    o.put("proof", pr);
    return PolicyWriter.json(o, pretty);
  }
}
