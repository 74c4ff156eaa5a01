package io.hopscope.analytics.core.trend;

import io.hopscope.analytics.core.ChangePoints;
import io.hopscope.analytics.core.trend.TrendAnalysis.*;
import java.util.ArrayList;
import java.util.List;

/** Change points of a series that matter: significant, and beyond the series' floor. */
final class ChangePointFilter {
  private ChangePointFilter() {}

  static List<ChangePoints.ChangePoint> changePoints(
      List<Point> pts, boolean absolute, double floor, Options o) {
    int[] at = new int[pts.size()];
    double[] v = new double[pts.size()];
    int n = 0;
    for (int i = 0; i < pts.size(); i++) {
      if (!Double.isNaN(pts.get(i).value())) {
        at[n] = i;
        v[n++] = pts.get(i).value();
      }
    }
    List<ChangePoints.ChangePoint> out = new ArrayList<>();
    for (ChangePoints.ChangePoint c :
        ChangePoints.detect(
            java.util.Arrays.copyOf(v, n), o.significance(), o.permutations(), o.seed())) {
      double diff = Math.abs(c.meanAfter() - c.meanBefore());
      // From a mean of 0 (no drain at all) any shift is relatively infinite.
      double effect =
          absolute
              ? diff
              : c.meanBefore() == 0
                  ? (diff > 0 ? Double.POSITIVE_INFINITY : 0)
                  : Math.abs(c.relativeChange());
      if (!(effect >= (absolute ? o.errorRateThreshold() : o.minShift()))
          || !(Math.abs(c.meanAfter() - c.meanBefore()) > floor)) {
        continue; // significant but too small to matter
      }
      out.add(
          new ChangePoints.ChangePoint(
              at[c.index()], c.pValue(), c.meanBefore(), c.meanAfter(), c.relativeChange()));
    }
    return out;
  }
}
