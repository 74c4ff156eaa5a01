package io.hopscope.ingest.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.hopscope.ingest.k6.K6CsvReader;
import io.hopscope.ingest.k6.K6Point;
import java.nio.file.Path;

/** k6's --out csv reader on any bytes. */
class K6CsvFuzzTest {
  @FuzzTest(maxDuration = "20s")
  void k6Csv(byte[] data) {
    Path f = FuzzInput.file(data, "k6.csv");
    FuzzInput.Counting<K6Point> sink = new FuzzInput.Counting<>();
    FuzzInput.read(
        f,
        () -> {
          K6CsvReader.Result r = K6CsvReader.read(f, sink);
          if (r.points() != sink.rows || r.rejected() != sink.rejects) {
            throw new AssertionError("counts disagree with the rows given: " + r);
          }
        });
  }
}
