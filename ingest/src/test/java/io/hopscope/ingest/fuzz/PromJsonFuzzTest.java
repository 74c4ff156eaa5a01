package io.hopscope.ingest.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.hopscope.ingest.prom.PromJsonReader;
import io.hopscope.ingest.prom.PromSample;
import java.nio.file.Path;

/** Prometheus API responses (query, query_range, promtool's matrix) on any bytes. */
class PromJsonFuzzTest {
  @FuzzTest(maxDuration = "20s")
  void promJson(byte[] data) {
    Path f = FuzzInput.file(data, "prom.json");
    FuzzInput.Counting<PromSample> sink = new FuzzInput.Counting<>();
    FuzzInput.read(f, () -> PromJsonReader.read(f, "q", sink));
  }
}
