package dev.sandboxpolicy.traffic;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The changed events of one (change, network-policy key, destination, binary): how many there were and the first
 * {@value #MAX_SAMPLES} of them by source and line. The key is the candidate's allowing entry for a {@link
 * Change#DENY_TO_ALLOW} and the reference's for an {@link Change#ALLOW_TO_DENY}; {@code -} when none is known.
 */
public final class ChangeGroup implements Serializable {
  private static final long serialVersionUID = 1L;

  /** How many example events a group keeps. */
  public static final int MAX_SAMPLES = 3;

  private final Change change;
  private final String policy;
  private final String host;
  private final int port;
  private final String binary;
  private long count;
  private List<ChangeSample> samples = new ArrayList<>(MAX_SAMPLES);

  ChangeGroup(Change change, String policy, String host, int port, String binary) {
    this.change = change;
    this.policy = policy;
    this.host = host;
    this.port = port;
    this.binary = binary;
  }

  /** The sort key: change, policy, host, port, binary. Groups beyond the summary's cap are dropped by this order. */
  String sortKey() {
    return key(change, policy, host, port, binary);
  }

  static String key(Change change, String policy, String host, int port, String binary) {
    return change.ordinal() + "\u0000" + policy + "\u0000" + host + "\u0000" + String.format("%05d", port)
        + "\u0000" + binary;
  }

  void add(ReplayResult r) {
    count++;
    ChangeSample s = ChangeSample.of(r);
    if (samples.size() < MAX_SAMPLES) {
      samples.add(s);
      samples.sort(ChangeSample.ORDER);
    } else if (ChangeSample.ORDER.compare(s, samples.get(MAX_SAMPLES - 1)) < 0) {
      samples.set(MAX_SAMPLES - 1, s);
      samples.sort(ChangeSample.ORDER);
    }
  }

  void merge(ChangeGroup other) {
    count += other.count;
    List<ChangeSample> all = new ArrayList<>(samples);
    all.addAll(other.samples);
    all.sort(ChangeSample.ORDER);
    samples = new ArrayList<>(all.subList(0, Math.min(MAX_SAMPLES, all.size())));
  }

  ChangeGroup copy() {
    ChangeGroup c = new ChangeGroup(change, policy, host, port, binary);
    c.count = count;
    c.samples = new ArrayList<>(samples);
    return c;
  }

  /**
   * Returns the change.
   *
   * @return the change
   */
  public Change change() {
    return change;
  }

  /**
   * Returns the network-policy key, {@code -} when none is known.
   *
   * @return the key
   */
  public String policy() {
    return policy;
  }

  /**
   * Returns the destination host.
   *
   * @return the host
   */
  public String host() {
    return host;
  }

  /**
   * Returns the destination port.
   *
   * @return the port
   */
  public int port() {
    return port;
  }

  /**
   * Returns the binary, {@code -} when the events name none.
   *
   * @return the binary
   */
  public String binary() {
    return binary;
  }

  /**
   * Returns how many events changed this way.
   *
   * @return the count
   */
  public long count() {
    return count;
  }

  /**
   * Returns the first events by source and line.
   *
   * @return an unmodifiable list of at most {@value #MAX_SAMPLES}
   */
  public List<ChangeSample> samples() {
    return List.copyOf(samples);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ChangeGroup g && sortKey().equals(g.sortKey()) && count == g.count
        && samples.equals(g.samples);
  }

  @Override
  public int hashCode() {
    return Objects.hash(sortKey(), count);
  }

  @Override
  public String toString() {
    return change.wireName() + " " + policy + " " + host + ":" + port + " " + binary + " x" + count;
  }
}
