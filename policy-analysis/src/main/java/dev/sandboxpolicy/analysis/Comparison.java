package dev.sandboxpolicy.analysis;

import dev.sandboxpolicy.model.WireNamed;
import java.util.List;
import java.util.Objects;

/**
 * The answer of {@link PolicyAnalysis#compare}: how the traffic (and static grants) {@code after} allows relate to
 * what {@code before} allows, and every region where they differ, each with a witness.
 *
 * <pre>{@code
 * Comparison c = PolicyAnalysis.compare(before, after);
 * c.relation();               // WIDER
 * c.widened().get(0).witness().describe();
 * }</pre>
 *
 * <p>Warning: when {@link #unsupported()} is not empty, the relation covers only what the analysis models; a
 * difference in an unmodelled feature is not reported.
 *
 * @param relation how {@code after} relates to {@code before}
 * @param widened what {@code after} allows and {@code before} denies, one region per allowing rule
 * @param narrowed what {@code before} allows and {@code after} denies
 * @param unsupported what the analysis does not model in either policy
 */
public record Comparison(Relation relation, List<Region> widened, List<Region> narrowed, List<String> unsupported) {

  /** How one policy relates to another. */
  public enum Relation implements WireNamed {
    /** Both allow exactly the same (reordering or splitting entries gives this). */
    EQUIVALENT("equivalent"),
    /** {@code after} allows everything {@code before} does, and more. */
    WIDER("wider"),
    /** {@code after} allows a strict subset of what {@code before} does. */
    NARROWER("narrower"),
    /** Each allows something the other denies. */
    INCOMPARABLE("incomparable");

    private final String wireName;

    Relation(String wireName) {
      this.wireName = wireName;
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

    static Relation of(boolean widened, boolean narrowed) {
      return widened ? (narrowed ? INCOMPARABLE : WIDER) : (narrowed ? NARROWER : EQUIVALENT);
    }
  }

  /**
   * Checks the parts and copies the lists.
   *
   * @param relation the relation
   * @param widened the widened regions
   * @param narrowed the narrowed regions
   * @param unsupported the unmodelled features
   */
  public Comparison {
    Objects.requireNonNull(relation, "relation");
    widened = List.copyOf(widened);
    narrowed = List.copyOf(narrowed);
    unsupported = List.copyOf(unsupported);
    if (relation != Relation.of(!widened.isEmpty(), !narrowed.isEmpty())) {
      throw new IllegalArgumentException("relation " + relation + " does not match the regions");
    }
  }
}
