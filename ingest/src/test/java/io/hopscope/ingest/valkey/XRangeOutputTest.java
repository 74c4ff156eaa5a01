package io.hopscope.ingest.valkey;

import static org.assertj.core.api.Assertions.assertThat;

import io.hopscope.ingest.jobs.DoneEntryParser;
import io.hopscope.ingest.jobs.DoneFields;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The XRANGE reply parser, fed as Lettuce's decoder feeds it: one bulk string at a time. */
class XRangeOutputTest {
  private final DoneEntryParser parser = new DoneEntryParser(DoneFields.DEFAULT, "r1", "valkey");

  private static void feed(XRangeOutput out, String... bulks) {
    for (String b : bulks) {
      out.set(ByteBuffer.wrap(b.getBytes(StandardCharsets.UTF_8)));
    }
  }

  private static void entry(XRangeOutput out, String id, long enq, long claim, long done) {
    feed(out, id, "run", "r1", "enq_ns", "" + enq, "claim_ns", "" + claim, "done_ns", "" + done);
    out.complete(1);
  }

  @Test
  void aReplyCutOffMidEntryLeavesNothingForTheRetry() {
    DoneEntryParser.Entry entry = parser.entry();
    Page first = new Page();
    XRangeOutput cut = new XRangeOutput(entry, first);
    entry(cut, "1-0", 100, 200, 300);
    // The connection drops after half of the next entry arrived.
    feed(cut, "2-0", "run", "r1", "enq_ns", "111", "claim_ns");

    // The fetcher retries from 1-0 (exclusive) on a new connection with the same entry state.
    Page retry = new Page();
    XRangeOutput again = new XRangeOutput(entry, retry);
    entry(again, "2-0", 1000, 2000, 3000);

    assertThat(first.jobs()).isEqualTo(1);
    assertThat(retry.jobs()).isEqualTo(1);
    assertThat(retry.batch.enqNs(0)).isEqualTo(1000);
    assertThat(retry.batch.claimNs(0)).isEqualTo(2000);
    assertThat(retry.rejects).isEmpty();
    assertThat(retry.lastId()).isEqualTo("2-0");
  }

  @Test
  void aReusedPageHoldsOnlyItsNewEntries() {
    DoneEntryParser.Entry entry = parser.entry();
    Page page = new Page();
    XRangeOutput out = new XRangeOutput(entry, page);
    for (int i = 1; i <= 3000; i++) {
      entry(out, i + "-0", i, i + 1, i + 2);
    }
    feed(out, "3001-0", "run", "other", "enq_ns", "1", "claim_ns", "2", "done_ns", "3");
    out.complete(1);
    assertThat(page.jobs()).isEqualTo(3000);
    assertThat(page.others).isEqualTo(1);
    assertThat(page.otherRuns).containsExactly("other");

    page.clear();
    XRangeOutput next = new XRangeOutput(entry, page);
    entry(next, "5000-0", 50, 60, 70);
    assertThat(page.entries).isEqualTo(1);
    assertThat(page.jobs()).isEqualTo(1);
    assertThat(page.others).isZero();
    assertThat(page.otherRuns).isEmpty();
    assertThat(page.batch.enqNs(0)).isEqualTo(50);
    assertThat(page.batch.record(0).streamId()).isEqualTo("5000-0");
    assertThat(page.lastId()).isEqualTo("5000-0");
  }
}
