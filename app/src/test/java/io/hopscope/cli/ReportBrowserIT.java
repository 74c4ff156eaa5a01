package io.hopscope.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The reports in a real browser: the demo's two run reports and its trend page, loaded in headless
 * Chromium. No console error, no request beyond the file itself (the page is self-contained), every
 * chart image decodes at its full size and is drawn, not blank; the page does not scroll sideways.
 * Full-page screenshots are kept under app/target/screenshots for a human to look at.
 */
class ReportBrowserIT {
  @TempDir Path dir;

  @Test
  void reportsLoadCleanlyAndEveryChartIsDrawn() throws Exception {
    try (Chromium browser = Chromium.start(dir)) {
      CliRunner.Result r =
          CliRunner.run(
              Map.of("HOPSCOPE_HOME", TestPaths.project().toString()),
              "demo",
              "--out",
              dir.toString());
      assertThat(r.code()).as(r.err()).isZero();
      Path shots = TestPaths.project().resolve("app/target/screenshots");
      Files.createDirectories(shots);
      for (Path page :
          List.of(
              dir.resolve("capacity-ramp-sim/index.html"),
              dir.resolve("k6-only-sim/index.html"),
              dir.resolve("trend-nightly_demo/trend.html"))) {
        String name = page.getParent().getFileName().toString();
        Chromium.Page p = browser.open(page, shots.resolve(name + ".png"));
        assertThat(p.errors()).as(name + ": console errors").isEmpty();
        assertThat(p.requests())
            .as(name + ": requests beyond the page itself")
            .allMatch(u -> u.equals(page.toUri().toString()) || u.startsWith("data:"));
        assertThat(p.title()).as(name).contains("hopscope");
        assertThat(p.tooWide())
            .as(name + ": elements that make the page scroll sideways")
            .isEmpty();
        long pngs;
        try (Stream<Path> s = Files.list(page.getParent().resolve("charts"))) {
          pngs = s.filter(f -> f.toString().endsWith(".png")).count();
        }
        assertThat(p.images()).as(name + ": one image per chart file").hasSize((int) pngs);
        for (Chromium.Image i : p.images()) {
          assertThat(i.error()).as(name + ": " + i.alt() + " decodes").isNull();
          assertThat(i.width()).as(i.alt()).isEqualTo(1100);
          assertThat(i.height()).as(i.alt()).isEqualTo(520);
          // Axes, ticks, labels and lines: a drawn chart inks a few percent of its area in
          // several colours; a blank or failed one is white.
          assertThat(i.inkShare()).as(name + ": " + i.alt() + " ink").isGreaterThan(0.01);
          assertThat(i.colours()).as(name + ": " + i.alt() + " colours").isGreaterThan(8);
        }
        assertThat(shots.resolve(name + ".png")).isNotEmptyFile();
      }
    }
  }
}
