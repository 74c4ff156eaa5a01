import io.hopscope.ingest.RowSink;
import io.hopscope.ingest.jobs.Reject;
import io.hopscope.ingest.k6.K6NdjsonReader;
import io.hopscope.ingest.k6.K6Point;
import java.nio.file.Path;
/**
 * The k6 NDJSON reader alone (no Parquet, no warehouse): best of three reads of one file, for
 * scripts/bench/k6-parse. Prints "points seconds".
 */
public class K6ParseOnly {
  public static void main(String[] a) {
    double best = Double.MAX_VALUE;
    long points = 0;
    for (int i = 0; i < 3; i++) {
      long t = System.nanoTime();
      long[] n = {0};
      K6NdjsonReader.Result r = K6NdjsonReader.read(Path.of(a[0]), new RowSink<K6Point>() {
        public void row(K6Point p) { n[0]++; }
        public void reject(Reject x) {}
      });
      double s = (System.nanoTime() - t) / 1e9;
      best = Math.min(best, s);
      points = r.points();
    }
    System.out.printf(java.util.Locale.ROOT, "%d %.3f%n", points, best);
  }
}
