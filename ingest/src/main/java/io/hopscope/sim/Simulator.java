package io.hopscope.sim;

import io.hopscope.ingest.spec.StageSpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.PriorityQueue;
import java.util.Random;

/**
 * A seeded discrete-event simulation of the pipeline: open-loop arrivals (a Poisson process whose
 * rate follows the stages), a FIFO queue, N workers. The same config always gives the same run.
 */
public final class Simulator {
  private Simulator() {}

  public static SimRun run(SimConfig c) {
    Random rnd = new Random(c.seed());
    double[] arrivalsS = arrivals(c, rnd);
    int n = arrivalsS.length;
    long[] enq = new long[n];
    long[] claim = new long[n];
    long[] done = new long[n];
    double[] work = new double[n];
    PriorityQueue<long[]> free = new PriorityQueue<>((a, b) -> Long.compare(a[0], b[0]));
    for (int w = 0; w < c.workers(); w++) {
      free.add(new long[] {c.t0Ns()});
    }
    long dispatchNs = Math.round(c.dispatchMs() * 1e6);
    for (int i = 0; i < n; i++) {
      enq[i] = c.t0Ns() + Math.round(arrivalsS[i] * 1e9);
      long[] worker = free.poll();
      claim[i] = Math.max(enq[i] + dispatchNs, worker[0]);
      double ms = c.service().sampleMs(rnd);
      work[i] = Math.round(ms * 1000) / 1000.0;
      done[i] = claim[i] + Math.max(1, Math.round(ms * 1e6));
      worker[0] = done[i];
      free.add(worker);
    }
    // The done stream is in completion order.
    Integer[] order = new Integer[n];
    Arrays.setAll(order, i -> i);
    Arrays.sort(order, (a, b) -> Long.compare(done[a], done[b]));
    long[] e = new long[n];
    long[] cl = new long[n];
    long[] d = new long[n];
    double[] wk = new double[n];
    for (int i = 0; i < n; i++) {
      int j = order[i];
      e[i] = enq[j];
      cl[i] = claim[j];
      d[i] = done[j];
      wk[i] = work[j];
    }
    return new SimRun(c, e, cl, d, wk);
  }

  /** Arrival times in seconds after t0, increasing. */
  private static double[] arrivals(SimConfig c, Random rnd) {
    List<double[]> segments = new ArrayList<>(); // {start s, duration s, startRps, endRps}
    double t = 0;
    StageSpec first = c.stages().get(0);
    if (c.warmupSeconds() > 0) {
      segments.add(new double[] {0, c.warmupSeconds(), first.startRps(), first.startRps()});
      t = c.warmupSeconds();
    }
    for (StageSpec s : c.stages()) {
      segments.add(new double[] {t, s.durationSeconds(), s.startRps(), s.endRps()});
      t += s.durationSeconds();
    }
    double[] out = new double[1024];
    int n = 0;
    for (double[] seg : segments) {
      double max = Math.max(seg[2], seg[3]);
      if (max <= 0) {
        continue;
      }
      // Thinning (Lewis & Shedler): candidates at the peak rate, kept with probability rate/peak.
      double x = 0;
      while (true) {
        x += -Math.log(1 - rnd.nextDouble()) / max;
        if (x >= seg[1]) {
          break;
        }
        double rate = seg[2] + (seg[3] - seg[2]) * (x / seg[1]);
        if (rate >= max || rnd.nextDouble() * max < rate) {
          if (n == out.length) {
            out = Arrays.copyOf(out, n * 2);
          }
          out[n++] = seg[0] + x;
        }
      }
    }
    return Arrays.copyOf(out, n);
  }
}
