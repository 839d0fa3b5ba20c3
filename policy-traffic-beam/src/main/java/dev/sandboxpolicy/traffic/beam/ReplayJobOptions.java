package dev.sandboxpolicy.traffic.beam;

import org.apache.beam.sdk.options.Description;
import org.apache.beam.sdk.options.Validation;
import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.PipelineOptions;

/**
 * The command-line options of {@link ReplayJob}, on top of Beam's own ({@code --runner}, and the runner's).
 *
 * <pre>
 * --logs=/var/log/fleet/*.log,/var/log/fleet/*.log.gz --candidate=new-baseline.yaml --output=summary.json
 * </pre>
 */
public interface ReplayJobOptions extends PipelineOptions {
  /**
   * Returns the log file globs, comma-separated.
   *
   * @return the globs
   */
  @Description("log file globs, comma-separated (any Beam file system: local paths, gs://, s3://, hdfs://)")
  @Validation.Required
  String getLogs();

  /**
   * Sets the log file globs.
   *
   * @param logs the globs, comma-separated
   */
  void setLogs(String logs);

  /**
   * Returns the candidate policy file.
   *
   * @return the file
   */
  @Description("the candidate policy file (YAML or JSON)")
  @Validation.Required
  String getCandidate();

  /**
   * Sets the candidate policy file.
   *
   * @param candidate the file
   */
  void setCandidate(String candidate);

  /**
   * Returns the baseline policy file, or null to compare with the logged decisions.
   *
   * @return the file
   */
  @Description("the baseline policy file; without it the logged decisions are the reference")
  String getBaseline();

  /**
   * Sets the baseline policy file.
   *
   * @param baseline the file
   */
  void setBaseline(String baseline);

  /**
   * Returns where the summary JSON is written.
   *
   * @return the output file
   */
  @Description("where the replay summary (JSON, one file) is written")
  @Validation.Required
  String getOutput();

  /**
   * Sets where the summary JSON is written.
   *
   * @param output the output file
   */
  void setOutput(String output);

  /**
   * Returns whether binary identity is required (upstream's default).
   *
   * @return true unless endpoint-only mode
   */
  @Description("require binary identity (false: endpoint-only mode, any binary may use an allowed endpoint)")
  @Default.Boolean(true)
  boolean getBinaryIdentity();

  /**
   * Sets whether binary identity is required.
   *
   * @param required the mode
   */
  void setBinaryIdentity(boolean required);
}
