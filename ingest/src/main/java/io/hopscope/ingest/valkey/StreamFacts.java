package io.hopscope.ingest.valkey;

/**
 * What {@code XINFO STREAM} said about the done stream when the drain began.
 *
 * @param length entries in the stream
 * @param firstId the first entry's id, null when the stream is empty
 * @param lastGeneratedId the drain's inclusive end: entries added later are not read
 * @param entriesAdded entries ever added (-1 when the server does not say)
 * @param maxDeletedEntryId "0-0" when nothing was ever deleted or trimmed (null when unknown)
 */
public record StreamFacts(
    long length,
    String firstId,
    String lastGeneratedId,
    long entriesAdded,
    String maxDeletedEntryId) {

  static final StreamFacts EMPTY = new StreamFacts(0, null, "0-0", 0, "0-0");

  /** True when entries were deleted or trimmed, so some completions may be gone. */
  public boolean lostEntries() {
    boolean deleted = maxDeletedEntryId != null && !"0-0".equals(maxDeletedEntryId);
    return deleted || (entriesAdded >= 0 && entriesAdded != length);
  }
}
