package io.hopscope.analytics.sim;

import io.hopscope.analytics.core.GateConfig;
import io.hopscope.analytics.core.InputCounts;
import io.hopscope.analytics.core.LatencyStats;
import io.hopscope.analytics.core.RunFacts;
import io.hopscope.analytics.core.Schedule;
import io.hopscope.analytics.core.Timeline;
import io.hopscope.analytics.core.Window;
import io.hopscope.analytics.core.WindowAggregate;
import io.hopscope.sim.SimRun;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * The facts of a simulated run computed directly in Java (what the Spark scan computes from the
 * warehouse), so the decisions can be tested on many simulated systems in milliseconds.
 */
public final class SimFacts {
  private SimFacts() {}

  public static RunFacts of(SimRun run, Schedule schedule) {
    Map<Integer, WindowAggregate> windows = new HashMap<>();
    for (Window w : schedule.windows()) {
      int n = 0;
      long[] hop = new long[run.size()];
      long[] queue = new long[run.size()];
      long[] service = new long[run.size()];
      long completions = 0;
      for (int i = 0; i < run.size(); i++) {
        if (w.contains(run.enqNs(i))) {
          hop[n] = run.doneNs(i) - run.enqNs(i);
          queue[n] = run.claimNs(i) - run.enqNs(i);
          service[n] = run.doneNs(i) - run.claimNs(i);
          n++;
        }
        if (w.contains(run.doneNs(i))) {
          completions++;
        }
      }
      if (n > 0) {
        windows.put(
            w.index(),
            new WindowAggregate(
                w.index(),
                n,
                completions,
                LatencyStats.ofNanos(hop, n),
                LatencyStats.ofNanos(queue, n),
                LatencyStats.ofNanos(service, n)));
      }
    }
    long origin = schedule.t0Ns();
    long first = Long.MAX_VALUE;
    long last = Long.MIN_VALUE;
    for (int i = 0; i < run.size(); i++) {
      first = Math.min(first, Math.floorDiv(run.enqNs(i) - origin, 1_000_000_000L));
      last = Math.max(last, Math.floorDiv(run.doneNs(i) - origin, 1_000_000_000L));
    }
    int seconds = (int) (last - first + 1);
    long[] arr = new long[seconds];
    long[] cla = new long[seconds];
    long[] don = new long[seconds];
    for (int i = 0; i < run.size(); i++) {
      arr[(int) (Math.floorDiv(run.enqNs(i) - origin, 1_000_000_000L) - first)]++;
      cla[(int) (Math.floorDiv(run.claimNs(i) - origin, 1_000_000_000L) - first)]++;
      don[(int) (Math.floorDiv(run.doneNs(i) - origin, 1_000_000_000L) - first)]++;
    }
    double maxTarget =
        Arrays.stream(schedule.windows().toArray(new Window[0]))
            .mapToDouble(Window::targetRps)
            .max()
            .orElse(0);
    return new RunFacts(
        run.config().runId(),
        "sim",
        schedule,
        windows,
        new Timeline(origin, first, arr, cla, don),
        Map.of(),
        new InputCounts(run.size(), 0, 0, 0),
        GateConfig.defaults(),
        OptionalDouble.of(maxTarget),
        List.of());
  }
}
