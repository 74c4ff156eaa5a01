package io.hopscope.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class AnalyzeProgressTest {
  @Test
  void showsStepPassRowsRateAndEta() {
    AtomicLong now = new AtomicLong();
    AtomicLong rows = new AtomicLong(7_000); // read before this analysis
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    try (AnalyzeProgress p = new AnalyzeProgress(out, true, 3, now::get, rows::get)) {
      p.step("scanning the run");
      assertThat(p.line()).isEqualTo("analyze step 1 of 3: scanning the run");
      p.passStarted("jobs", 2, 1_000_000);
      rows.addAndGet(250_000);
      now.addAndGet(500_000_000L);
      assertThat(p.line())
          .isEqualTo(
              "analyze step 1 of 3: scanning jobs, pass 2, rows: 250,000 of 1,000,000 (25%),"
                  + " 500,000/s, ETA 2 s");
      p.step("writing the report");
      assertThat(p.line()).isEqualTo("analyze step 2 of 3: writing the report");
    }
    String printed = bytes.toString(StandardCharsets.UTF_8);
    assertThat(printed).startsWith("\ranalyze step 1 of 3").endsWith("\r");
  }

  @Test
  void quietWhenNotATerminal() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (AnalyzeProgress p =
        new AnalyzeProgress(
            new PrintStream(bytes, true, StandardCharsets.UTF_8), false, 3, () -> 0, () -> 0)) {
      p.step("scanning the run");
      p.passStarted("jobs", 1, 10);
    }
    assertThat(bytes.size()).isZero();
  }
}
