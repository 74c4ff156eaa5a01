package io.hopscope.ingest.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.hopscope.ingest.donefile.DoneFileReader;
import io.hopscope.ingest.jobs.DoneEntryParser;
import io.hopscope.ingest.jobs.DoneFields;
import io.hopscope.ingest.jobs.JobBatch;
import io.hopscope.ingest.jobs.JobSink;
import io.hopscope.ingest.jobs.Reject;
import io.hopscope.ingest.jobs.RunFilter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Done-stream exports (NDJSON of entries, gzip detected by content) on any bytes, through the same
 * entry parser the Valkey drain uses: every job kept has timestamps in order and text fields that
 * are valid UTF-8.
 */
class DoneFileFuzzTest {
  @FuzzTest(maxDuration = "20s")
  void doneFile(byte[] data) {
    Path f = FuzzInput.file(data, "done.ndjson");
    JobSink sink =
        new JobSink() {
          @Override
          public void jobs(JobBatch b) {
            for (int i = 0; i < b.size(); i++) {
              if (b.claimNs(i) < b.enqNs(i) || b.doneNs(i) < b.claimNs(i) || b.enqNs(i) <= 0) {
                throw new AssertionError("a job kept with timestamps out of order");
              }
              if (b.corrLength(i) >= 0) {
                try {
                  StandardCharsets.UTF_8
                      .newDecoder()
                      .decode(
                          java.nio.ByteBuffer.wrap(b.arena(), b.corrOffset(i), b.corrLength(i)));
                } catch (java.nio.charset.CharacterCodingException e) {
                  throw new AssertionError("a corr id kept that is not UTF-8", e);
                }
              }
            }
          }

          @Override
          public void reject(String run, Reject reject) {
            if (reject.reason() == null || reject.reason().isBlank()) {
              throw new AssertionError("a reject without a reason");
            }
          }
        };
    FuzzInput.read(
        f,
        () ->
            DoneFileReader.read(
                f, new DoneEntryParser(DoneFields.DEFAULT, RunFilter.all(), f.toString()), sink));
  }
}
