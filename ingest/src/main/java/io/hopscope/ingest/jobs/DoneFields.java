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

  /** The roles, as named on the command line ({@code --field ROLE=NAME}). */
  public static final List<String> ROLES =
      List.of("run", "corr", "entry", "enq_ns", "claim_ns", "done_ns", "work_ms");

  /** These names with {@code name} tried first for {@code role}. */
  public DoneFields with(String role, String name) {
    java.util.function.UnaryOperator<List<String>> first =
        l ->
            java.util.stream.Stream.concat(java.util.stream.Stream.of(name), l.stream())
                .distinct()
                .toList();
    return switch (role) {
      case "run" -> new DoneFields(first.apply(run), corr, entry, enqNs, claimNs, doneNs, workMs);
      case "corr" -> new DoneFields(run, first.apply(corr), entry, enqNs, claimNs, doneNs, workMs);
      case "entry" -> new DoneFields(run, corr, first.apply(entry), enqNs, claimNs, doneNs, workMs);
      case "enq_ns" ->
          new DoneFields(run, corr, entry, first.apply(enqNs), claimNs, doneNs, workMs);
      case "claim_ns" ->
          new DoneFields(run, corr, entry, enqNs, first.apply(claimNs), doneNs, workMs);
      case "done_ns" ->
          new DoneFields(run, corr, entry, enqNs, claimNs, first.apply(doneNs), workMs);
      case "work_ms" ->
          new DoneFields(run, corr, entry, enqNs, claimNs, doneNs, first.apply(workMs));
      default -> throw new IllegalArgumentException("unknown field role: " + role);
    };
  }

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
