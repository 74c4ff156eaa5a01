package io.hopscope.sim;

import java.util.Arrays;

/**
 * The jobs of a simulated run in completion order (the order a worker appends them to the done
 * stream), as parallel primitive arrays.
 */
public final class SimRun {
  private final SimConfig config;
  private final long[] enqNs;
  private final long[] claimNs;
  private final long[] doneNs;
  private final double[] workMs;

  SimRun(SimConfig config, long[] enqNs, long[] claimNs, long[] doneNs, double[] workMs) {
    this.config = config;
    this.enqNs = enqNs;
    this.claimNs = claimNs;
    this.doneNs = doneNs;
    this.workMs = workMs;
  }

  public SimConfig config() {
    return config;
  }

  public int size() {
    return enqNs.length;
  }

  public long enqNs(int i) {
    return enqNs[i];
  }

  public long claimNs(int i) {
    return claimNs[i];
  }

  public long doneNs(int i) {
    return doneNs[i];
  }

  public double workMs(int i) {
    return workMs[i];
  }

  /** A stable correlation id for job i (a version-4-shaped UUID derived from the seed). */
  public String corrId(int i) {
    long h = mix(config.seed() * 0x9E3779B97F4A7C15L + i);
    long l = mix(h ^ 0xD1B54A32D192ED03L);
    h = (h & 0xFFFFFFFFFFFF0FFFL) | 0x0000000000004000L;
    l = (l & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
    return new java.util.UUID(h, l).toString();
  }

  /** The jobs-stream entry id the worker claimed: the enqueue millisecond plus a sequence. */
  public String jobEntryId(int i) {
    return (enqNs[i] / 1_000_000) + "-" + i;
  }

  /** Done-stream ids, {@code <done ms>-<seq>}, increasing in completion order. */
  public String[] streamIds() {
    String[] ids = new String[size()];
    long lastMs = -1;
    long seq = 0;
    for (int i = 0; i < ids.length; i++) {
      long ms = doneNs[i] / 1_000_000;
      seq = ms == lastMs ? seq + 1 : 0;
      lastMs = ms;
      ids[i] = ms + "-" + seq;
    }
    return ids;
  }

  /** The hop latencies in ms, for tests that check what the analysis computes. */
  public double[] hopMs() {
    double[] out = new double[size()];
    Arrays.setAll(out, i -> (doneNs[i] - enqNs[i]) / 1e6);
    return out;
  }

  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
