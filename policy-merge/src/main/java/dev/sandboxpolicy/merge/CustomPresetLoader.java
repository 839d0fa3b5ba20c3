package dev.sandboxpolicy.merge;

import dev.sandboxpolicy.io.PolicyReader;
import dev.sandboxpolicy.io.ReadLimits;
import dev.sandboxpolicy.io.ReadMode;
import dev.sandboxpolicy.model.Preset;
import dev.sandboxpolicy.model.Problem;
import dev.sandboxpolicy.model.SourceLocation;
import dev.sandboxpolicy.model.SourceMap;
import dev.sandboxpolicy.rules.PresetOrigin;
import dev.sandboxpolicy.rules.ValidationReport;
import dev.sandboxpolicy.schema.DocumentKind;
import dev.sandboxpolicy.schema.PolicyValidator;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Loads user-supplied presets from a file ({@code policy-add --from-file}) or a directory
 * ({@code --from-dir}) with NemoClaw's checks, in NemoClaw's order (preset layer spec §2.6). The first failing
 * check refuses the file:
 * <ol>
 *   <li>the name ends in {@code .yaml} or {@code .yml} (any case) ({@code preset_file_extension});
 *   <li>the file is not a symbolic link ({@code preset_file_symlink}; links are never followed) and is a regular
 *       file ({@code preset_file_not_found}), readable ({@code preset_file_unreadable});
 *   <li>at most {@value #MAX_PRESET_FILE_BYTES} bytes, checked before reading ({@code preset_file_too_large});
 *   <li>UTF-8 YAML whose root is a mapping ({@code preset_unreadable});
 *   <li>{@code preset.name} does not start with {@code _provider_} ({@code preset_name_reserved});
 *   <li>{@code preset.name} is a lowercase RFC 1123 label ({@code preset_name_invalid});
 *   <li>{@code network_policies} is present and a mapping ({@code preset_no_network_policies}); an empty
 *       {@code {}} passes here and fails when applied;
 *   <li>no {@code network_policies} key starts with {@code _provider_} ({@code reserved_key});
 *   <li>the {@code allowed_ips} guard ({@code preset_allowed_ips}, see {@link #requireNoAllowedIps});
 *   <li>the name is not a built-in preset name ({@code preset_name_builtin_collision}).
 * </ol>
 * A file that passes but holds shapes the model cannot represent (for example a non-numeric port) is then
 * refused with {@code preset_unreadable}; upstream would pass such content through to OpenShell.
 *
 * <p>A loaded preset also carries the schema validator's report ({@link CustomPreset#validation()}); it is
 * advisory, as upstream does not validate presets at runtime.
 */
public final class CustomPresetLoader {

  /** The largest preset file accepted: 10,000,000 bytes (preset layer spec §2.6 step 3). */
  public static final long MAX_PRESET_FILE_BYTES = 10_000_000L;

  /**
   * The first reading keeps unknown keys, so that NemoClaw's own refusals (a user-authored {@code allowed_ips} at
   * entry level, reserved keys, private hosts) come first with their own codes and messages; {@link #STRICT_READER}
   * then refuses whatever current OpenShell would not load (#3334).
   */
  private static final PolicyReader READER = PolicyReader.builder()
      .mode(ReadMode.LEGACY_TOLERANT)
      .limits(ReadLimits.defaults().withMaxDocumentBytes((int) MAX_PRESET_FILE_BYTES))
      .build();

  private static final PolicyReader STRICT_READER = PolicyReader.builder()
      .mode(ReadMode.STRICT)
      .limits(ReadLimits.defaults().withMaxDocumentBytes((int) MAX_PRESET_FILE_BYTES))
      .build();

  private static final PolicyValidator VALIDATOR =
      PolicyValidator.strict().withPresetOrigin(PresetOrigin.CUSTOM);

  private CustomPresetLoader() {}

  /**
   * Loads and checks one preset file.
   *
   * @throws PresetLayerException the first failing check, named after the file's preset when known
   */
  public static CustomPreset loadFile(Path file) throws PresetLayerException {
    return loadFile(file, Set.of());
  }

  /** Checks 1 to 3 and the UTF-8 decoding: the text of a preset file. */
  private static String readFile(Path file) throws PresetLayerException {
    String fileName = String.valueOf(file.getFileName());
    if (!hasPresetExtension(fileName)) {
      throw fileError(PresetLayerError.PRESET_FILE_EXTENSION, "Preset file must be .yaml or .yml: " + file);
    }
    BasicFileAttributes attrs;
    try {
      attrs = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    } catch (NoSuchFileException e) {
      throw fileError(PresetLayerError.PRESET_FILE_NOT_FOUND, "Preset file not found: " + file);
    } catch (IOException e) {
      throw fileError(PresetLayerError.PRESET_FILE_UNREADABLE, "Cannot read " + file + ": " + e.getMessage());
    }
    if (attrs.isSymbolicLink()) {
      throw fileError(PresetLayerError.PRESET_FILE_SYMLINK, "Preset file must not be a symbolic link: " + file);
    }
    if (!attrs.isRegularFile()) {
      throw fileError(PresetLayerError.PRESET_FILE_NOT_FOUND, "Preset file not found: " + file);
    }
    if (attrs.size() > MAX_PRESET_FILE_BYTES) {
      throw fileError(PresetLayerError.PRESET_FILE_TOO_LARGE,
          "Preset file too large: " + file + " is " + attrs.size() + " bytes (limit " + MAX_PRESET_FILE_BYTES + ")");
    }
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (AccessDeniedException e) {
      throw fileError(PresetLayerError.PRESET_FILE_UNREADABLE, "Cannot read " + file + ": permission denied");
    } catch (IOException e) {
      throw fileError(PresetLayerError.PRESET_FILE_UNREADABLE, "Cannot read " + file + ": " + e.getMessage());
    }
    if (bytes.length > MAX_PRESET_FILE_BYTES) {
      throw fileError(PresetLayerError.PRESET_FILE_TOO_LARGE, "Preset file too large: " + file);
    }
    String text;
    try {
      text = StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes))
          .toString();
    } catch (CharacterCodingException e) {
      throw fileError(PresetLayerError.PRESET_UNREADABLE, "Invalid YAML in " + file + ": not UTF-8 text");
    }
    return text;
  }

  /**
   * Loads and checks one preset file, with {@code trustedHosts} exempt from the private-host check (their endpoints
   * are pinned afterwards by {@link TrustedPrivateHosts#pin(List)}; an unpinned trusted host is still refused when
   * the preset is applied).
   *
   * @param trustedHosts hosts declared trusted ({@link TrustedPrivateHosts#hosts()})
   * @throws PresetLayerException the first failing check
   */
  public static CustomPreset loadFile(Path file, Set<String> trustedHosts) throws PresetLayerException {
    return check(readFile(file), file.toAbsolutePath().normalize(), trustedHosts);
  }

  /**
   * Runs checks 4 to 11 on preset text that did not come from a file (for example over the wire).
   *
   * @param text the preset document
   * @param sourcePath where the text came from, recorded with the preset
   * @throws PresetLayerException the first failing check
   */
  public static CustomPreset check(String text, Path sourcePath) throws PresetLayerException {
    return check(text, sourcePath, Set.of());
  }

  /**
   * {@link #check(String, Path)} with {@code trustedHosts} exempt from the private-host check (see
   * {@link #loadFile(Path, Set)}).
   *
   * @throws PresetLayerException the first failing check
   */
  public static CustomPreset check(String text, Path sourcePath, Set<String> trustedHosts)
      throws PresetLayerException {
    return check(text, sourcePath, trustedHosts, "merge");
  }

  /** The checks, with {@code verb} ({@code merge}, {@code remove}) for the entries message. */
  static CustomPreset check(String text, Path sourcePath, Set<String> trustedHosts, String verb)
      throws PresetLayerException {
    PresetDocument doc = PresetDocument.parse(text, READER);
    if (doc.hasSyntaxError()) {
      throw PresetLayerException.withProblems(PresetLayerError.PRESET_UNREADABLE,
          "Invalid YAML in " + sourcePath + ": " + doc.firstErrorMessage(), doc.errors());
    }
    Map<String, Object> root = PlainTree.read(READER, text).flatMap(PlainTree::mapping).orElse(null);
    if (root == null) {
      throw PresetLayerException.withProblems(PresetLayerError.PRESET_UNREADABLE, "Preset must be a YAML mapping",
          doc.errors().isEmpty()
              ? List.of(Problem.error(PresetLayerError.PRESET_UNREADABLE.problemCode(), SourceLocation.ofPointer(""),
                  "Preset must be a YAML mapping"))
              : doc.errors());
    }
    String name = PlainTree.presetName(root).orElse(null);
    NameCheck nameCheck = PresetName.check(name, false);
    if (!nameCheck.isValid()) {
      throw PresetLayerException.of(nameCheck.error().orElseThrow(), doc.sourceMap().nearest("/preset/name"),
          nameCheck.reason().orElseThrow());
    }
    Map<String, Object> entries = PlainTree.mapping(root.get("network_policies")).orElse(null);
    if (entries == null) {
      throw PresetLayerException.of(PresetLayerError.PRESET_NO_NETWORK_POLICIES,
          doc.sourceMap().nearest("/network_policies"), "Preset missing network_policies section").forPreset(name);
    }
    for (String key : entries.keySet()) {
      CustomPresetRules.checkKey(name, key, doc.sourceMap());
    }
    if (!doc.errors().isEmpty()) {
      if (doc.errors().stream().allMatch(p -> PresetDocument.isEntryLevel(p.pointer()))) {
        // An entry that is not a mapping: upstream loads the file and its merge then fails; we refuse now.
        throw PresetMerger.entriesInvalid(verb).forPreset(name);
      }
      throw PresetLayerException.withProblems(PresetLayerError.PRESET_UNREADABLE,
          "The preset cannot be read: " + doc.errors().get(0), doc.errors()).forPreset(name);
    }
    CustomPresetRules.check(doc.preset(), doc.sourceMap(), Map.of(), normalized(trustedHosts), sourcePath.toString());
    PresetDocument strict = PresetDocument.parse(text, STRICT_READER);
    if (!strict.errors().isEmpty()) {
      throw PresetLayerException.withProblems(PresetLayerError.PRESET_UNREADABLE,
          "The preset cannot be read: " + strict.errors().get(0), strict.errors()).forPreset(name);
    }
    ValidationReport report = VALIDATOR.validateText(DocumentKind.PRESET, text, ReadMode.STRICT);
    return CustomPreset.of(doc.preset(), text, sourcePath, report);
  }

  private static Set<String> normalized(Set<String> hosts) {
    Set<String> out = new java.util.HashSet<>();
    for (String h : hosts) {
      out.add(TrustedPrivateHosts.normalizeHost(h));
    }
    return out;
  }

  /**
   * The {@code allowed_ips} guard for user-supplied presets (spec §2.6 step 9 and §9, with the message of
   * NVIDIA/NemoClaw#10659): refused when an entry has an {@code allowed_ips} key at entry level (whatever its
   * value), or an endpoint has one and its host is not {@value PresetOrigin#HOST_GATEWAY} (compared case-insensitively,
   * ignoring one trailing dot).
   *
   * @param sourceMap the positions of the preset document, to see keys written with an empty value; use
   *     {@link SourceMap#empty()} for a preset built in code (then an empty list counts as absent)
   * @throws PresetLayerException {@code preset_allowed_ips}
   */
  public static void requireNoAllowedIps(Preset preset, SourceMap sourceMap) throws PresetLayerException {
    CustomPresetRules.checkAllowedIps(preset, sourceMap, Map.of());
  }

  /**
   * The preset files of a directory, in the order {@code --from-dir} applies them: regular files (not
   * directories, not symbolic links) at the top level whose names do not start with {@code .} and end in
   * {@code .yaml} or {@code .yml} (any case), sorted by name (UTF-16 code units, as upstream).
   *
   * @throws PresetLayerException {@code preset_directory_not_found}, {@code preset_directory_empty}
   */
  public static List<Path> listDirectory(Path dir) throws PresetLayerException {
    if (!Files.isDirectory(dir)) {
      throw fileError(PresetLayerError.PRESET_DIRECTORY_NOT_FOUND, "Directory not found: " + dir);
    }
    List<Path> out = new ArrayList<>();
    try (Stream<Path> s = Files.list(dir)) {
      for (Path p : (Iterable<Path>) s::iterator) {
        String fileName = String.valueOf(p.getFileName());
        if (!fileName.startsWith(".") && hasPresetExtension(fileName)
            && Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
          out.add(p.toAbsolutePath().normalize());
        }
      }
    } catch (IOException e) {
      throw fileError(PresetLayerError.PRESET_DIRECTORY_NOT_FOUND, "Cannot list " + dir + ": " + e.getMessage());
    }
    if (out.isEmpty()) {
      throw fileError(PresetLayerError.PRESET_DIRECTORY_EMPTY, "No .yaml/.yml preset files in " + dir);
    }
    out.sort((a, b) -> String.valueOf(a.getFileName()).compareTo(String.valueOf(b.getFileName())));
    return List.copyOf(out);
  }

  /**
   * Applies every preset file of {@code dir} to {@code stack}, one at a time, stopping at the first file that
   * fails to load or to apply. Earlier presets stay applied.
   *
   * @throws PresetLayerException only for directory-level problems ({@code preset_directory_not_found},
   *     {@code preset_directory_empty}); a failing file is reported in the result
   */
  public static DirectoryApplyResult applyDirectory(PolicyStack stack, Path dir) throws PresetLayerException {
    List<Path> files = listDirectory(dir);
    List<CustomPreset> applied = new ArrayList<>();
    PolicyStack current = stack;
    for (Path f : files) {
      try {
        CustomPreset p = loadFile(f);
        current = current.apply(p.toLayer()).stack();
        applied.add(p);
      } catch (PresetLayerException e) {
        return DirectoryApplyResult.aborted(current, applied, f, e);
      }
    }
    return DirectoryApplyResult.completed(current, applied);
  }

  static boolean hasPresetExtension(String fileName) {
    String lower = fileName.toLowerCase(Locale.ROOT);
    return lower.endsWith(".yaml") || lower.endsWith(".yml");
  }

  private static PresetLayerException fileError(PresetLayerError error, String message) {
    return PresetLayerException.of(error, SourceLocation.NONE, message);
  }
}
