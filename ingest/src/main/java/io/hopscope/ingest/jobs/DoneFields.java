package io.hopscope.ingest.jobs;

import java.util.List;

/**
 * The field names of a done-stream entry. Each role accepts several names, first match wins: real
 * workers write {@code enq} or {@code enq_ns}, {@code corr} or {@code corr-id}.
 */
public record DoneFields(
    List<String> run,
    List<String> corr,
    List<String> entry,
    List<String> enqNs,
    List<String> claimNs,
    List<String> doneNs,
    List<String> workMs) {

  /** The names the playbook's reference worker writes, plus the common variants. */
  public static final DoneFields DEFAULT =
      new DoneFields(
          List.of("run", "run_id", "run-id"),
          List.of("corr", "corr_id", "corr-id"),
          List.of("entry", "entry_id"),
          List.of("enq_ns", "enq", "enq_ts", "enq-ts"),
          List.of("claim_ns", "claim", "claim_ts", "claim-ts"),
          List.of("done_ns", "done", "done_ts", "done-ts"),
          List.of("work_ms"));

  public DoneFields {
    run = List.copyOf(run);
    corr = List.copyOf(corr);
    entry = List.copyOf(entry);
    enqNs = List.copyOf(enqNs);
    claimNs = List.copyOf(claimNs);
    doneNs = List.copyOf(doneNs);
    workMs = List.copyOf(workMs);
  }
}
