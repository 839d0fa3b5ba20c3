/**
 * Validation of sandbox policy, preset and blueprint documents: JSON Schemas (draft 2020-12) shipped as resources,
 * and the semantic validator for every rule a schema cannot express.
 *
 * <p>The public surface is small:
 * <ul>
 *   <li>{@link dev.sandboxpolicy.schema.PolicyValidator}: {@code strict()} (what OpenShell loads) or {@code legacyTolerant()} (older files), then
 *       {@code validateText(kind, text, mode)} for text, or {@code validate(..)}, {@code validatePreset(..)},
 *       {@code validateBlueprint(..)} for a model or a {@code ReadResult}.</li>
 *   <li>{@link dev.sandboxpolicy.rules.ValidationReport}: every {@link dev.sandboxpolicy.model.Problem} (severity,
 *       stable code, JSON Pointer, line, column, message), ordered by position.</li>
 *   <li>{@link dev.sandboxpolicy.schema.DocumentKind}: the document kinds and their schema {@code $id}s and
 *       resources.</li>
 *   <li>{@link dev.sandboxpolicy.rules.PresetOrigin}: whether the custom-preset rules apply.</li>
 *   <li>{@link dev.sandboxpolicy.rules.EffectiveFilesystemPolicy} and {@link dev.sandboxpolicy.rules.PathProbe}:
 *       the filesystem access a sandbox actually gets.</li>
 * </ul>
 *
 * <p>Example (also run as a test, {@code PackageExampleTest}):
 * <pre>{@code
 * String yaml = """
 *     version: 1
 *     network_policies:
 *       github:
 *         endpoints:
 *           - { host: api.github.com, port: 443, protocol: rest, access: read-only, enforcement: enforced }
 *         binaries: [{ path: /usr/bin/curl }]
 *     """;
 * ValidationReport report = PolicyValidator.strict().validateText(DocumentKind.POLICY, yaml, ReadMode.STRICT);
 * report.isValid();          // true: only a warning
 * report.problems().get(0);  // 5:92: warning enforcement_unknown enforcement 'enforced' is neither enforce nor audit; ...
 * }</pre>
 *
 * <p>Codes and an example of each: {@code docs/validation-codes.md}. Differences from upstream:
 * {@code docs/compatibility.md}, section Validation.
 */
package dev.sandboxpolicy.schema;

import dev.sandboxpolicy.rules.EffectiveFilesystemPolicy;
import dev.sandboxpolicy.rules.PathProbe;
import dev.sandboxpolicy.rules.PresetOrigin;
import dev.sandboxpolicy.rules.ValidationReport;
