package io.hopscope.analytics.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class ErlangCTest {
  /** Erlang C by its definition, summing the series: an independent implementation. */
  static double bySeries(int c, double a) {
    double term = 1;
    double sum = 0;
    for (int k = 0; k < c; k++) {
      sum += term;
      term = term * a / (k + 1);
    }
    double top = term * c / (c - a); // a^c / c! * c / (c - a)
    return top / (sum + top);
  }

  @Test
  void textbookValues() {
    // M/M/3 at a = 2 Erlangs (rho = 2/3): sum_{k<3} 2^k/k! = 5, 2^3/3! * 3/(3-2) = 4, C = 4/9.
    assertThat(ErlangC.probabilityOfWait(3, 2)).isCloseTo(4.0 / 9, within(1e-12));
    // M/M/1 reduces to rho.
    assertThat(ErlangC.probabilityOfWait(1, 0.7)).isCloseTo(0.7, within(1e-12));
    // The classic call-centre example (Koole, "Call Center Mathematics", ch. 4): 10 Erlangs, 12
    // agents -> P(wait) 0.4494.
    assertThat(ErlangC.probabilityOfWait(12, 10)).isCloseTo(0.4494, within(1e-4));
  }

  @Test
  void agreesWithTheSeriesDefinition() {
    for (int c = 1; c <= 60; c += 3) {
      for (double rho : new double[] {0.1, 0.5, 0.8, 0.95, 0.99}) {
        double a = rho * c;
        assertThat(ErlangC.probabilityOfWait(c, a)).isCloseTo(bySeries(c, a), within(1e-9));
      }
    }
    // Large c stays finite where the series would overflow.
    assertThat(ErlangC.probabilityOfWait(900, 880)).isBetween(0.0, 1.0);
  }

  @Test
  void waitQuantilesAndServerCounts() {
    // M/M/1, lambda 8/s, S = 0.1 s: C = 0.8, rate 2/s; P(W > t) = 0.8 e^{-2t}; p95 = ln(16)/2.
    assertThat(ErlangC.waitQuantileS(1, 8, 0.1, 1, 0.95))
        .isCloseTo(Math.log(16) / 2, within(1e-12));
    // The mean wait: C / (c mu - lambda) = 0.8 / 2.
    assertThat(ErlangC.meanWaitS(1, 8, 0.1)).isCloseTo(0.4, within(1e-12));
    // Below the wait probability the quantile is zero.
    assertThat(ErlangC.waitQuantileS(3, 20, 0.1, 1, 0.5)).isZero();
    // Constant service halves the wait (Allen-Cunneen, cs = 0).
    assertThat(ErlangC.waitQuantileS(1, 8, 0.1, 0, 0.95))
        .isCloseTo(Math.log(16) / 4, within(1e-12));
    // The smallest c meeting the limit meets it, one fewer does not.
    int c = ErlangC.minServers(400, 0.05, 0.6, 0.95, 0.010);
    assertThat(ErlangC.waitQuantileS(c, 400, 0.05, 0.6, 0.95)).isLessThanOrEqualTo(0.010);
    assertThat(ErlangC.waitQuantileS(c - 1, 400, 0.05, 0.6, 0.95)).isGreaterThan(0.010);
    assertThat(c).isGreaterThan(20);
  }
}
