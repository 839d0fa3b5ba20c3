package dev.sandboxpolicy.traffic;

import dev.sandboxpolicy.model.WireNamed;

/**
 * The line formats a {@link LogReader} recognises (logs spec §1.1, §1.6). The format is detected per line, so one
 * file may mix them.
 */
public enum LogFormat implements WireNamed {
  /**
   * A line as {@code openshell logs <name>} prints it:
   * {@code [1755770400.123] [sandbox] [OCSF ] [ocsf] NET:OPEN [INFO] ALLOWED ...}.
   */
  OPENSHELL_LOGS,
  /**
   * The supervisor's stderr and its {@code /var/log/openshell.YYYY-MM-DD.log} file, also what
   * {@code policy.local}'s {@code /v1/denials} returns: {@code 2026-08-21T10:00:00.123Z OCSF NET:OPEN ...}.
   */
  SUPERVISOR,
  /** The shorthand alone, as the gateway receives it: {@code NET:OPEN [MED] DENIED ...}. */
  SHORTHAND,
  /** The OCSF JSON Lines file {@code /var/log/openshell-ocsf.YYYY-MM-DD.log}: one OCSF object per line. */
  OCSF_JSONL,
  /**
   * This library's own request JSON Lines, the input of {@code policyctl check --requests}:
   * {@code {"host": ..., "port": ..., "binary": ..., "method": ..., "path": ...}}, optionally with the
   * {@code "decision"} that was logged ({@code allow}, {@code audit} or {@code deny}) and a {@code "time"}.
   */
  REQUEST_JSONL;

  /**
   * Returns the spelling used in JSON output, e.g. {@code ocsf_jsonl}.
   *
   * @return the lower-case name
   */
  @Override
  public String wireName() {
    return WireNamed.lowerCaseName(this);
  }
}
