package io.hopscope.ingest.jobs;

import java.util.Objects;

/**
 * One completed job as the worker recorded it on the done stream. Timestamps are Unix epoch
 * nanoseconds; the constructor enforces {@code enqNs <= claimNs <= doneNs}.
 *
 * @param streamId the done-stream entry id ({@code <ms>-<seq>})
 * @param corrId the correlation id, or null when the worker wrote none
 * @param jobEntryId the jobs-stream entry id the worker claimed ({@code entry}), or null
 * @param workMs the worker's {@code work_ms} field, or NaN when absent
 */
public record JobRecord(
    String streamId,
    String corrId,
    String jobEntryId,
    long enqNs,
    long claimNs,
    long doneNs,
    double workMs) {

  public JobRecord {
    Objects.requireNonNull(streamId);
    if (enqNs <= 0 || claimNs < enqNs || doneNs < claimNs) {
      throw new IllegalArgumentException(
          "need 0 < enq <= claim <= done, got " + enqNs + ", " + claimNs + ", " + doneNs);
    }
  }

  public long queueDelayNs() {
    return claimNs - enqNs;
  }

  public long serviceNs() {
    return doneNs - claimNs;
  }

  public long hopNs() {
    return doneNs - enqNs;
  }
}
