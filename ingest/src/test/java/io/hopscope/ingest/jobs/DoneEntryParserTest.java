package io.hopscope.ingest.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

class DoneEntryParserTest {
  private final DoneEntryParser parser = new DoneEntryParser(DoneFields.DEFAULT, "r1", "test");
  private final CollectingSink sink = new CollectingSink();

  static Map<String, byte[]> body(String... kv) {
    Map<String, byte[]> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put(kv[i], kv[i + 1].getBytes(StandardCharsets.UTF_8));
    }
    return m;
  }

  @Test
  void takesTheReferenceWorkersEntry() {
    var outcome =
        parser.parse(
            "1-0",
            body(
                "run",
                "r1",
                "corr",
                "c-1",
                "entry",
                "9-0",
                "enq_ns",
                "1000",
                "claim_ns",
                "1500",
                "done_ns",
                "4000",
                "work_ms",
                "5"),
            sink);
    assertThat(outcome).isEqualTo(DoneEntryParser.Outcome.JOB);
    JobRecord j = sink.jobs.get(0);
    assertThat(j).isEqualTo(new JobRecord("1-0", "c-1", "9-0", 1000, 1500, 4000, 5.0));
    assertThat(j.queueDelayNs()).isEqualTo(500);
    assertThat(j.serviceNs()).isEqualTo(2500);
    assertThat(j.hopNs()).isEqualTo(3000);
  }

  @Test
  void acceptsTheShortFieldNamesRealWorkersWrite() {
    parser.parse(
        "1-0", body("run", "r1", "corr-id", "c", "enq", "10", "claim", "20", "done", "30"), sink);
    assertThat(sink.jobs).singleElement().extracting(JobRecord::corrId).isEqualTo("c");
    assertThat(sink.jobs.get(0).workMs()).isNaN();
  }

  @Test
  void aCorrIdThatIsNotUtf8IsRejectedBeforeItReachesParquet() {
    java.util.Map<String, byte[]> b = new java.util.LinkedHashMap<>();
    b.put("run", "r1".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    b.put("corr", new byte[] {'c', (byte) 0xff, (byte) 0xfe, '1'});
    b.put("enq_ns", "10".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    b.put("claim_ns", "20".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    b.put("done_ns", "30".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    assertThat(parser.parse("1-0", b, sink)).isEqualTo(DoneEntryParser.Outcome.REJECTED);
    assertThat(sink.jobs).isEmpty();
    assertThat(sink.rejects)
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.reason()).isEqualTo("field corr is not valid UTF-8");
              assertThat(r.raw()).contains("corr=c\ufffd\ufffd1");
            });
  }

  @Test
  void skipsOtherRuns() {
    assertThat(parser.parse("1-0", body("run", "r2", "enq_ns", "1"), sink))
        .isEqualTo(DoneEntryParser.Outcome.OTHER_RUN);
    assertThat(parser.parse("1-1", body("enq_ns", "1"), sink))
        .isEqualTo(DoneEntryParser.Outcome.OTHER_RUN);
    assertThat(sink.jobs).isEmpty();
    assertThat(sink.rejects).isEmpty();
  }

  @Test
  void missingTimestampIsRejectedWithTheReason() {
    parser.parse("7-0", body("run", "r1", "enq_ns", "10", "done_ns", "30"), sink);
    assertThat(sink.rejects)
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.location()).isEqualTo("7-0");
              assertThat(r.reason()).isEqualTo("missing field claim_ns");
              assertThat(r.raw()).contains("enq_ns=10");
            });
  }

  @Test
  void nonNumericTimestampIsRejected() {
    parser.parse(
        "7-0", body("run", "r1", "enq_ns", "12x", "claim_ns", "20", "done_ns", "30"), sink);
    assertThat(sink.rejects.get(0).reason()).isEqualTo("field enq_ns is not an integer: '12x'");
  }

  @Test
  void negativeQueueDelayIsClockSkew() {
    parser.parse(
        "7-0",
        body("run", "r1", "enq_ns", "5000000", "claim_ns", "2000000", "done_ns", "9000000"),
        sink);
    assertThat(sink.rejects.get(0).reason())
        .startsWith("clock skew: claim_ns is 3.000 ms before enq_ns");
  }

  @Test
  void zeroTimestampIsRejected() {
    parser.parse("7-0", body("run", "r1", "enq_ns", "0", "claim_ns", "2", "done_ns", "3"), sink);
    assertThat(sink.rejects.get(0).reason()).contains("not a positive timestamp");
  }

  @Test
  void badWorkMsIsRejected() {
    parser.parse(
        "7-0",
        body("run", "r1", "enq_ns", "1", "claim_ns", "2", "done_ns", "3", "work_ms", "fast"),
        sink);
    assertThat(sink.rejects.get(0).reason()).contains("work_ms is not a number");
  }

  @Property
  void parseLongAgreesWithTheJdk(@ForAll long v) {
    assertThat(DoneEntryParser.parseLong(Long.toString(v).getBytes(StandardCharsets.US_ASCII)))
        .isEqualTo(v == Long.MIN_VALUE ? Long.MIN_VALUE : v);
  }

  @Test
  void parseLongRefusesOverflowAndJunk() {
    assertThat(
            DoneEntryParser.parseLong("99999999999999999999".getBytes(StandardCharsets.US_ASCII)))
        .isEqualTo(Long.MIN_VALUE);
    assertThat(DoneEntryParser.parseLong("1.5".getBytes(StandardCharsets.US_ASCII)))
        .isEqualTo(Long.MIN_VALUE);
    assertThat(DoneEntryParser.parseLong(new byte[0])).isEqualTo(Long.MIN_VALUE);
  }
}
