package io.hopscope.ingest.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.hopscope.ingest.k6.K6NdjsonReader;
import io.hopscope.ingest.k6.K6Point;
import java.nio.file.Path;

/** k6's --out json (NDJSON) reader on any bytes. */
class K6NdjsonFuzzTest {
  @FuzzTest(maxDuration = "20s")
  void k6Ndjson(byte[] data) {
    Path f = FuzzInput.file(data, "k6.json");
    FuzzInput.Counting<K6Point> sink = new FuzzInput.Counting<>();
    FuzzInput.read(
        f,
        () -> {
          K6NdjsonReader.Result r = K6NdjsonReader.read(f, sink);
          if (r.points() != sink.rows || r.rejected() != sink.rejects) {
            throw new AssertionError("counts disagree with the rows given: " + r);
          }
        });
  }
}
