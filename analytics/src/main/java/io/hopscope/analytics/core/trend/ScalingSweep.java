package io.hopscope.analytics.core.trend;

import io.hopscope.analytics.core.Knee;
import io.hopscope.analytics.core.PlateauResult;
import io.hopscope.analytics.core.RunAnalysis;
import io.hopscope.analytics.core.Sizing;
import io.hopscope.analytics.core.TrendInput;
import io.hopscope.analytics.core.Usl;
import io.hopscope.analytics.core.trend.TrendAnalysis.*;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** The scaling sweep: capacity against worker count across fingerprints, with a USL fit. */
final class ScalingSweep {
  private ScalingSweep() {}

  static Scaling scaling(List<TrendInput> sweep, Options o) {
    // The latest run at each worker count speaks for it.
    Map<Integer, TrendInput> latest = new TreeMap<>();
    for (TrendInput r : sweep) {
      if (r.workers() != null) {
        latest.put(r.workers(), r);
      }
    }
    List<ScalingPoint> points = new ArrayList<>();
    List<String> notes = new ArrayList<>();
    for (Map.Entry<Integer, TrendInput> e : latest.entrySet()) {
      RunAnalysis a = e.getValue().analysis();
      PlateauResult peak = null;
      for (PlateauResult p : a.plateaus()) {
        if (p.window().isPlateau()
            && !Double.isNaN(p.achievedRps())
            && (peak == null || p.achievedRps() > peak.achievedRps())) {
          peak = p;
        }
      }
      if (peak == null) {
        notes.add(
            "run "
                + e.getValue().runId()
                + " ("
                + e.getKey()
                + " workers) has no measured plateau");
        continue;
      }
      boolean saturated = a.knee().isPresent();
      if (!saturated) {
        notes.add(
            String.format(
                Locale.ROOT,
                "at %d workers the run %s never reached its knee: %s rps is a lower bound of the"
                    + " capacity",
                e.getKey(),
                e.getValue().runId(),
                TrendAnalysis.rateText(peak.achievedRps())));
      }
      points.add(
          new ScalingPoint(
              e.getKey(),
              e.getValue().runId(),
              peak.achievedRps(),
              saturated,
              a.knee().map(Knee::offeredRps).orElse(Double.NaN),
              a.knee()
                  .flatMap(k -> plateau(a, k.plateauIndex()))
                  .map(PlateauResult::achievedRps)
                  .orElse(Double.NaN),
              peak.service() == null ? Double.NaN : peak.service().p95(),
              a.sizing().map(Sizing::capacityPerWorkerRps).orElse(Double.NaN)));
    }
    Usl fit = null;
    if (points.size() >= 3) {
      double[] n = points.stream().mapToDouble(ScalingPoint::workers).toArray();
      double[] x = points.stream().mapToDouble(ScalingPoint::throughputRps).toArray();
      fit = Usl.fit(n, x);
      if (!fit.isDetermined()) {
        notes.add(
            String.format(
                Locale.ROOT,
                "the Universal Scalability Law has %d parameters (λ, σ, κ) and this sweep %d worker"
                    + " counts: the curve passes through every point, so its R² says nothing and"
                    + " σ, κ and the peak are not yet estimates; add runs at more worker counts"
                    + " (5 or more give a fit that can be judged)",
                Usl.PARAMETERS,
                fit.points()));
      }
    } else {
      notes.add(
          "a Universal Scalability Law fit needs runs at three or more worker counts; this sweep"
              + " has "
              + points.size());
    }
    List<Replicas> replicas = new ArrayList<>();
    if (!points.isEmpty()) {
      ScalingPoint smallest = points.get(0);
      double perWorker = smallest.throughputRps() / smallest.workers();
      for (double target : o.targetRps()) {
        Integer linear = perWorker > 0 ? (int) Math.ceil(target / perWorker - 1e-9) : null;
        Integer usl = null;
        String note = "";
        if (fit != null) {
          java.util.OptionalInt w = fit.workersFor(target);
          if (w.isPresent()) {
            usl = w.getAsInt();
          } else {
            note =
                String.format(
                    Locale.ROOT,
                    "above the fitted peak of %s rps: adding workers does not get there",
                    TrendAnalysis.rateText(fit.peakThroughput()));
          }
        }
        replicas.add(new Replicas(target, usl, linear, note));
      }
    }
    return new Scaling(
        sweep.get(0).sweepKey(), sweep.get(0).fingerprintJson(), points, fit, replicas, notes);
  }

  /** The plateau of a run with a window index. */
  static Optional<PlateauResult> plateau(RunAnalysis a, int index) {
    return a.plateaus().stream().filter(p -> p.index() == index).findFirst();
  }

  /** A rate as people write it: 400, 12.5. */
}
