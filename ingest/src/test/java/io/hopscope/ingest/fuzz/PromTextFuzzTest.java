package io.hopscope.ingest.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.hopscope.ingest.prom.PromSample;
import io.hopscope.ingest.prom.PromTextReader;
import java.nio.file.Path;

/** Prometheus exposition text and OpenMetrics on any bytes. */
class PromTextFuzzTest {
  @FuzzTest(maxDuration = "20s")
  void promText(byte[] data) {
    Path f = FuzzInput.file(data, "metrics.txt");
    FuzzInput.Counting<PromSample> sink = new FuzzInput.Counting<>();
    FuzzInput.read(f, () -> PromTextReader.read(f, 1_767_225_600_000_000_000L, sink));
  }
}
