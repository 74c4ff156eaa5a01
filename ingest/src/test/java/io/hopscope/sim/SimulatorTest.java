package io.hopscope.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.hopscope.ingest.spec.StageSpec;
import java.util.List;
import org.junit.jupiter.api.Test;

class SimulatorTest {
  private static final long T0 = 1_767_225_600_000_000_000L;

  private static SimConfig config(int workers, ServiceTimes service, List<StageSpec> stages) {
    return new SimConfig("r", 42, T0, 10, stages, workers, service, 0.3);
  }

  @Test
  void sameSeedSameRun() {
    SimConfig c = config(3, ServiceTimes.lognormal(20, 0.8), List.of(StageSpec.constant(50, 30)));
    SimRun a = Simulator.run(c);
    SimRun b = Simulator.run(c);
    assertThat(a.size()).isEqualTo(b.size());
    for (int i = 0; i < a.size(); i++) {
      assertThat(a.doneNs(i)).isEqualTo(b.doneNs(i));
      assertThat(a.corrId(i)).isEqualTo(b.corrId(i));
    }
  }

  @Test
  void jobsAreCausalAndInCompletionOrder() {
    SimRun r =
        Simulator.run(
            config(
                2,
                ServiceTimes.exponential(30),
                List.of(StageSpec.constant(60, 20), new StageSpec(60, 90, 10))));
    for (int i = 0; i < r.size(); i++) {
      assertThat(r.claimNs(i) - r.enqNs(i)).isGreaterThanOrEqualTo(300_000);
      assertThat(r.doneNs(i)).isGreaterThan(r.claimNs(i));
      if (i > 0) {
        assertThat(r.doneNs(i)).isGreaterThanOrEqualTo(r.doneNs(i - 1));
      }
    }
    String[] ids = r.streamIds();
    for (int i = 1; i < ids.length; i++) {
      String[] a = ids[i - 1].split("-");
      String[] b = ids[i].split("-");
      boolean increasing =
          Long.parseLong(b[0]) > Long.parseLong(a[0])
              || (a[0].equals(b[0]) && Long.parseLong(b[1]) > Long.parseLong(a[1]));
      assertThat(increasing).as("ids increase: %s then %s", ids[i - 1], ids[i]).isTrue();
    }
  }

  @Test
  void arrivalRateFollowsTheStages() {
    // 10 s warm-up at 100/s, then 200 s at 100/s: about 21,000 arrivals (Poisson, sd ~145).
    SimRun r =
        Simulator.run(
            new SimConfig(
                "r",
                3,
                T0,
                10,
                List.of(StageSpec.constant(100, 200)),
                8,
                ServiceTimes.constant(1),
                0));
    assertThat((double) r.size()).isCloseTo(21_000, within(600.0));
  }

  @Test
  void oneWorkerWithConstantServiceIsFifo() {
    SimRun r =
        Simulator.run(config(1, ServiceTimes.constant(5), List.of(StageSpec.constant(150, 10))));
    for (int i = 1; i < r.size(); i++) {
      assertThat(r.enqNs(i)).isGreaterThan(r.enqNs(i - 1));
      assertThat(r.claimNs(i)).isGreaterThanOrEqualTo(r.doneNs(i - 1));
    }
  }

  @Test
  void lognormalHasTheRequestedMeanAndCv() {
    java.util.Random rnd = new java.util.Random(5);
    ServiceTimes s = ServiceTimes.lognormal(40, 0.6);
    int n = 200_000;
    double sum = 0;
    double sq = 0;
    for (int i = 0; i < n; i++) {
      double x = s.sampleMs(rnd);
      sum += x;
      sq += x * x;
    }
    double mean = sum / n;
    double sd = Math.sqrt(sq / n - mean * mean);
    assertThat(mean).isCloseTo(40, within(0.4));
    assertThat(sd / mean).isCloseTo(0.6, within(0.02));
  }
}
