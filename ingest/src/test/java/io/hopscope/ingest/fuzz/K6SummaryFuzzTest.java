package io.hopscope.ingest.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.hopscope.ingest.k6.K6SummaryReader;
import java.nio.file.Path;

/** k6 summary exports (legacy, handleSummary, machine-readable) on any bytes. */
class K6SummaryFuzzTest {
  @FuzzTest(maxDuration = "20s")
  void k6Summary(byte[] data) {
    Path f = FuzzInput.file(data, "summary.json");
    FuzzInput.read(
        f,
        () -> {
          K6SummaryReader.Result r = K6SummaryReader.read(f);
          r.stats()
              .forEach(
                  s -> {
                    if (s.metric() == null || s.stat() == null) {
                      throw new AssertionError("a stat without metric or name: " + s);
                    }
                  });
        });
  }
}
