package org.siggendiff.beam;

import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.Description;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.Validation;

/** The pipeline's own options; Beam's ({@code --runner} and the runner's) come along. */
public interface DiffPipelineOptions extends PipelineOptions {
  @Description("A glob of JSON Lines files or single-document files (processed crashes or crash data, gzip or not),"
      + " on any Beam filesystem")
  @Validation.Required
  String getInput();

  void setInput(String value);

  @Description("The baseline siglist folder, read where the pipeline is launched")
  @Validation.Required
  String getBaseline();

  void setBaseline(String value);

  @Description("The candidate siglist folder, read where the pipeline is launched")
  @Validation.Required
  String getCandidate();

  void setCandidate(String value);

  @Description("The prefix of the output files: PREFIXchanged-*.jsonl, PREFIXdead-letter-*.jsonl, PREFIXtransitions.jsonl,"
      + " PREFIXby-line.jsonl, PREFIXsummary.json")
  @Validation.Required
  String getOutput();

  void setOutput(String value);

  @Description("The most bytes one document or JSON Lines line may have, after decompression")
  @Default.Integer(32 * 1024 * 1024)
  int getMaxDocumentBytes();

  void setMaxDocumentBytes(int value);

  @Description("How many keys the inputs are spread over between reading and signing: at least the number of workers"
      + " times their cores, so one big file is signed by all of them")
  @Default.Integer(64)
  int getSpreadBuckets();

  void setSpreadBuckets(int value);
}
