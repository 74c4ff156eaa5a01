package io.hopscope.ingest.valkey;

/**
 * A consumer group of the jobs stream at the end of the run ({@code XINFO GROUPS}): jobs still
 * pending (claimed, never acknowledged) or never delivered (lag) were not completed.
 *
 * @param entriesRead null when the server does not know
 * @param lag entries never delivered to the group; null when the server cannot tell
 */
public record GroupFacts(
    String name, long consumers, long pending, String lastDeliveredId, Long entriesRead, Long lag) {

  /** Jobs of this group that had not finished: pending plus lag (when known). */
  public long unfinished() {
    return pending + (lag == null ? 0 : lag);
  }
}
