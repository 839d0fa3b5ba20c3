package dev.sandboxpolicy.cli;

import dev.sandboxpolicy.io.PolicyWriter;
import dev.sandboxpolicy.merge.KeyChange;
import dev.sandboxpolicy.merge.PolicyDiff;
import dev.sandboxpolicy.model.Binary;
import dev.sandboxpolicy.model.Endpoint;
import dev.sandboxpolicy.model.NetworkPolicy;
import dev.sandboxpolicy.model.Policy;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The structural difference between two policies, as {@code policyctl diff} prints it: the {@code version}
 * change, the other top-level sections that differ, and the {@code network_policies} keys that were added,
 * removed or changed, with the endpoints, binaries and fields that changed inside a changed entry.
 *
 * <p>The key-level changes come from the preset layer's {@link PolicyDiff} (what {@code merge --dry-run} prints);
 * this class adds the other sections and what changed inside a changed entry.
 *
 * <p>Comparison is by meaning, not text: map order and comments do not matter, list order does. Entries are
 * matched by their map key, which is the identity presets and decisions use.
 */
final class PolicyComparison {

  private static final String VERSION = "version";
  private static final String NETWORK_POLICIES = "network_policies";

  /** A changed entry: its key and one line per change inside it (e.g. {@code + endpoint api.x.com:443}). */
  record EntryChange(String key, List<String> details) {}

  private final Optional<Long> versionBefore;
  private final Optional<Long> versionAfter;
  private final List<String> changedSections;
  private final List<String> addedKeys;
  private final List<String> removedKeys;
  private final List<EntryChange> changedEntries;

  private PolicyComparison(
      Optional<Long> versionBefore,
      Optional<Long> versionAfter,
      List<String> changedSections,
      List<String> addedKeys,
      List<String> removedKeys,
      List<EntryChange> changedEntries) {
    this.versionBefore = versionBefore;
    this.versionAfter = versionAfter;
    this.changedSections = changedSections;
    this.addedKeys = addedKeys;
    this.removedKeys = removedKeys;
    this.changedEntries = changedEntries;
  }

  /** Compares {@code before} with {@code after}. */
  static PolicyComparison of(Policy before, Policy after) {
    JsonNode a = canonical(before);
    JsonNode b = canonical(after);
    Set<String> sections = new LinkedHashSet<>(a.propertyNames());
    sections.addAll(b.propertyNames());
    sections.remove(VERSION);
    sections.remove(NETWORK_POLICIES);
    List<String> changedSections =
        sections.stream().filter(k -> !Objects.equals(a.get(k), b.get(k))).collect(Collectors.toList());

    // Which keys were added, replaced or removed is the preset layer's own diff (the one --dry-run prints);
    // a replaced entry that means the same (port: 443 vs ports: [443]) is not a change here.
    PolicyDiff keys = PolicyDiff.between(before, after);
    List<EntryChange> changed = new ArrayList<>();
    for (KeyChange c : keys.changes(KeyChange.Kind.REPLACED)) {
      JsonNode entryBefore = a.path(NETWORK_POLICIES).path(c.key());
      JsonNode entryAfter = b.path(NETWORK_POLICIES).path(c.key());
      if (!entryBefore.equals(entryAfter)) {
        changed.add(
            new EntryChange(
                c.key(), details(c.before().orElseThrow(), entryBefore, c.after().orElseThrow(), entryAfter)));
      }
    }
    List<String> added = keys.addedKeys();
    List<String> removed = keys.removedKeys();
    return new PolicyComparison(
        before.version(), after.version(), List.copyOf(changedSections), List.copyOf(added), List.copyOf(removed),
        List.copyOf(changed));
  }

  /** The canonical JSON tree: maps compare by content whatever their order, a single port is one form. */
  private static JsonNode canonical(Policy policy) {
    return Json.MAPPER.readTree(PolicyWriter.toCanonicalJson(policy));
  }

  /** Whether the two policies mean the same. */
  boolean identical() {
    return !versionChanged()
        && changedSections.isEmpty()
        && addedKeys.isEmpty()
        && removedKeys.isEmpty()
        && changedEntries.isEmpty();
  }

  boolean versionChanged() {
    return !versionBefore.equals(versionAfter);
  }

  /** The human-readable form: one line per change, {@code +} added, {@code -} removed, {@code ~} changed. */
  List<String> lines() {
    List<String> lines = new ArrayList<>();
    if (versionChanged()) {
      lines.add("~ version: " + show(versionBefore) + " -> " + show(versionAfter));
    }
    changedSections.forEach(s -> lines.add("~ " + s));
    addedKeys.forEach(k -> lines.add("+ network_policies." + k));
    removedKeys.forEach(k -> lines.add("- network_policies." + k));
    for (EntryChange c : changedEntries) {
      lines.add("~ network_policies." + c.key());
      c.details().forEach(d -> lines.add("    " + d));
    }
    return lines;
  }

  /**
   * The JSON form: {@code identical}, {@code version} ({@code {before, after}} or null when unchanged),
   * {@code sections} (changed top-level sections), {@code network_policies} ({@code added}, {@code removed},
   * {@code changed: [{key, details}]}).
   */
  ObjectNode toJson() {
    ObjectNode o = Json.object();
    o.put("identical", identical());
    if (versionChanged()) {
      ObjectNode v = o.putObject("version");
      versionBefore.ifPresentOrElse(x -> v.put("before", x), () -> v.putNull("before"));
      versionAfter.ifPresentOrElse(x -> v.put("after", x), () -> v.putNull("after"));
    } else {
      o.putNull("version");
    }
    ArrayNode sections = o.putArray("sections");
    changedSections.forEach(sections::add);
    ObjectNode np = o.putObject(NETWORK_POLICIES);
    ArrayNode add = np.putArray("added");
    addedKeys.forEach(add::add);
    ArrayNode rem = np.putArray("removed");
    removedKeys.forEach(rem::add);
    ArrayNode chg = np.putArray("changed");
    for (EntryChange c : changedEntries) {
      ObjectNode e = chg.addObject();
      e.put("key", c.key());
      ArrayNode d = e.putArray("details");
      c.details().forEach(d::add);
    }
    return o;
  }

  private static String show(Optional<Long> version) {
    return version.map(String::valueOf).orElse("(absent)");
  }

  /** What changed inside one entry: endpoints and binaries added, removed or changed, then other fields. */
  private static List<String> details(NetworkPolicy before, JsonNode treeBefore, NetworkPolicy after, JsonNode treeAfter) {
    List<String> details = new ArrayList<>();
    Map<String, JsonNode> epBefore = endpoints(before, treeBefore);
    Map<String, JsonNode> epAfter = endpoints(after, treeAfter);
    epAfter.keySet().stream().filter(k -> !epBefore.containsKey(k)).forEach(k -> details.add("+ endpoint " + k));
    epBefore.keySet().stream().filter(k -> !epAfter.containsKey(k)).forEach(k -> details.add("- endpoint " + k));
    epBefore.keySet().stream()
        .filter(k -> epAfter.containsKey(k) && !epBefore.get(k).equals(epAfter.get(k)))
        .forEach(k -> details.add("~ endpoint " + k));
    Set<String> binBefore = binaries(before);
    Set<String> binAfter = binaries(after);
    binAfter.stream().filter(b -> !binBefore.contains(b)).forEach(b -> details.add("+ binary " + b));
    binBefore.stream().filter(b -> !binAfter.contains(b)).forEach(b -> details.add("- binary " + b));
    Set<String> fields = new LinkedHashSet<>(treeBefore.propertyNames());
    fields.addAll(treeAfter.propertyNames());
    for (String field : fields) {
      boolean covered = field.equals("endpoints") || field.equals("binaries");
      if (!covered && !Objects.equals(treeBefore.get(field), treeAfter.get(field))) {
        details.add("~ " + field);
      }
    }
    if (details.isEmpty()) {
      details.add("~ order of endpoints or binaries");
    }
    return details;
  }

  /** Endpoints by a readable identity ({@code host:ports path}); duplicates get {@code #2}, ... */
  private static Map<String, JsonNode> endpoints(NetworkPolicy entry, JsonNode entryTree) {
    Map<String, JsonNode> byId = new LinkedHashMap<>();
    JsonNode trees = entryTree.path("endpoints");
    List<Endpoint> endpoints = entry.endpoints();
    for (int i = 0; i < endpoints.size(); i++) {
      Endpoint e = endpoints.get(i);
      StringBuilder id = new StringBuilder(e.host().isEmpty() ? "(no host)" : e.host());
      List<Integer> ports = e.effectivePorts();
      if (!ports.isEmpty()) {
        id.append(':').append(ports.stream().map(String::valueOf).collect(Collectors.joining(",")));
      }
      if (!e.path().isEmpty()) {
        id.append(' ').append(e.path());
      }
      String key = id.toString();
      for (int n = 2; byId.containsKey(key); n++) {
        key = id + " #" + n;
      }
      byId.put(key, trees.path(i));
    }
    return byId;
  }

  private static Set<String> binaries(NetworkPolicy entry) {
    return entry.binaries().stream().map(Binary::path).collect(Collectors.toCollection(LinkedHashSet::new));
  }
}
