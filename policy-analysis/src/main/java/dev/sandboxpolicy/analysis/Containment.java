package dev.sandboxpolicy.analysis;

import dev.sandboxpolicy.model.WireNamed;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The answer of {@link PolicyAnalysis#prove}: is everything the candidate allows also allowed by the boundary?
 *
 * <ul>
 *   <li>{@link Result#WITHIN_BOUNDARY}: yes, over every modelled domain; nothing was left unmodelled.
 *   <li>{@link Result#EXCEEDS_BOUNDARY}: no; {@link #counterexample()} is something the candidate allows and the
 *       boundary denies ({@link #candidate()} and {@link #boundary()} say what each policy does with it).
 *   <li>{@link Result#UNSUPPORTED}: no counterexample was found, but {@link #unsupported()} names what the analysis
 *       does not model, so containment is not proven. Only {@code within_boundary} authorises.
 * </ul>
 *
 * <pre>{@code
 * Containment c = PolicyAnalysis.prove(boundary, candidate);
 * switch (c.result()) {
 *   case WITHIN_BOUNDARY -> apply(candidate);
 *   case EXCEEDS_BOUNDARY -> refuse(c.counterexample().get().describe());
 *   case UNSUPPORTED -> review(c.unsupported());
 * }
 * }</pre>
 *
 * @param result the result
 * @param counterexample the counterexample, present exactly for {@link Result#EXCEEDS_BOUNDARY}
 * @param boundary what the boundary does with the counterexample (denies it), when present
 * @param candidate what the candidate does with it (lets it through), when present
 * @param unsupported what the analysis does not model in either policy (may be non-empty with an exceeding result)
 */
public record Containment(
    Result result,
    Optional<Witness> counterexample,
    Optional<Origin> boundary,
    Optional<Origin> candidate,
    List<String> unsupported) {

  /** The result of a containment check, as {@code openshell-prover check} names it. */
  public enum Result implements WireNamed {
    /** Everything the candidate allows, the boundary allows (exit status 0). */
    WITHIN_BOUNDARY("within_boundary", 0),
    /** The candidate allows something the boundary denies (exit status 1). */
    EXCEEDS_BOUNDARY("exceeds_boundary", 1),
    /** Not proven: a feature in use is not modelled (exit status 3). */
    UNSUPPORTED("unsupported", 3);

    private final String wireName;
    private final int exitCode;

    Result(String wireName, int exitCode) {
      this.wireName = wireName;
      this.exitCode = exitCode;
    }

    /**
     * Returns the stable snake_case name used in JSON.
     *
     * @return the wire name
     */
    @Override
    public String wireName() {
      return wireName;
    }

    /**
     * Returns the process exit status of {@code policyctl prove} (and {@code openshell-prover check}).
     *
     * @return 0, 1 or 3
     */
    public int exitCode() {
      return exitCode;
    }
  }

  /**
   * Checks the parts and copies the list.
   *
   * @param result the result
   * @param counterexample the counterexample
   * @param boundary the boundary's origin
   * @param candidate the candidate's origin
   * @param unsupported the unmodelled features
   */
  public Containment {
    Objects.requireNonNull(result, "result");
    Objects.requireNonNull(counterexample, "counterexample");
    Objects.requireNonNull(boundary, "boundary");
    Objects.requireNonNull(candidate, "candidate");
    unsupported = List.copyOf(unsupported);
    if (counterexample.isPresent() != (result == Result.EXCEEDS_BOUNDARY)) {
      throw new IllegalArgumentException("a counterexample goes with exceeds_boundary, and only with it");
    }
  }
}
