package io.hopscope.ingest.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.hopscope.ingest.spec.RunSpec;
import io.hopscope.ingest.spec.RunSpecReader;
import io.hopscope.ingest.spec.StageSpec;
import java.nio.file.Path;

/**
 * The run spec (YAML) on any bytes: a spec that is accepted must describe a schedule whose
 * arithmetic cannot overflow (every stage finite and in range, the total below 90 days).
 */
class RunSpecFuzzTest {
  @FuzzTest(maxDuration = "20s")
  void runSpec(byte[] data) {
    Path f = FuzzInput.file(data, "run.yaml");
    FuzzInput.read(
        f,
        () -> {
          RunSpec s = RunSpecReader.read(f);
          double total = s.warmupSeconds();
          for (StageSpec st : s.stages()) {
            if (!(st.durationSeconds() > 0) || !Double.isFinite(st.startRps() + st.endRps())) {
              throw new AssertionError("an accepted stage out of range: " + st);
            }
            total += st.durationSeconds();
          }
          if (total > 122 * 86_400.0) {
            throw new AssertionError("an accepted schedule of " + total + " s");
          }
        });
  }
}
