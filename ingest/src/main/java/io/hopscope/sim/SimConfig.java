package io.hopscope.sim;

import io.hopscope.ingest.spec.StageSpec;
import java.util.List;
import java.util.Objects;

/**
 * A simulated run: open-loop Poisson arrivals following the stages (the warm-up runs at the first
 * stage's starting rate), one FIFO queue, {@code workers} identical workers.
 *
 * @param t0Ns when the warm-up begins, epoch ns
 * @param dispatchMs the fixed delay between enqueue and claim when a worker is idle (the worker's
 *     poll round trip)
 */
public record SimConfig(
    String runId,
    long seed,
    long t0Ns,
    double warmupSeconds,
    List<StageSpec> stages,
    int workers,
    ServiceTimes service,
    double dispatchMs) {

  public SimConfig {
    Objects.requireNonNull(runId);
    stages = List.copyOf(stages);
    Objects.requireNonNull(service);
    if (workers < 1 || stages.isEmpty() || t0Ns <= 0 || warmupSeconds < 0 || dispatchMs < 0) {
      throw new IllegalArgumentException("bad simulation config");
    }
  }

  /** The capacity the simulated workers have, jobs per second: workers / mean service. */
  public double capacityRps() {
    return workers * 1000.0 / service.meanMs();
  }
}
