package io.hopscope.analytics.core;

import java.io.Serializable;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;

/**
 * The mergeable moments of a sample of longs, kept exactly: count, sum and sum of squares in wide
 * integers (no overflow, no rounding), and the maximum. Exact integers make the mean and the
 * standard deviation independent of the order the values arrive in and of how a sample is split
 * across partitions: a sample summed in one piece or in a thousand gives the same bits.
 */
public final class ExactSums implements Serializable {
  private static final long serialVersionUID = 1L;

  private long count;
  // The sum as a signed 128-bit integer: sumHi * 2^64 + unsigned(sumLo).
  private long sumLo;
  private long sumHi;
  // The sum of squares as an unsigned 192-bit integer: sq2 * 2^128 + sq1 * 2^64 + sq0.
  private long sq0;
  private long sq1;
  private long sq2;
  private long max = Long.MIN_VALUE;

  /** Adds one value. */
  public void add(long v) {
    count++;
    long lo = sumLo + v;
    // Carry out of the low word (unsigned), plus the sign extension of v.
    sumHi += (Long.compareUnsigned(lo, sumLo) < 0 ? 1 : 0) + (v >> 63);
    sumLo = lo;
    long pLo = v * v;
    long pHi = Math.multiplyHigh(v, v); // v*v >= 0, so the signed high word is the unsigned one
    addSquare(pLo, pHi, 0);
    if (v > max) {
      max = v;
    }
  }

  /**
   * Adds values {@code [from, to)} of an array, leaving out those flagged in {@code none} (null:
   * none is). The same as adding them one by one; the running sums stay in registers.
   */
  public void addAll(long[] a, boolean[] none, int from, int to) {
    long cnt = count;
    long lo = sumLo;
    long hi = sumHi;
    long s0 = sq0;
    long s1 = sq1;
    long s2 = sq2;
    long mx = max;
    for (int i = from; i < to; i++) {
      if (none != null && none[i]) {
        continue;
      }
      long v = a[i];
      cnt++;
      long nlo = lo + v;
      hi += (Long.compareUnsigned(nlo, lo) < 0 ? 1 : 0) + (v >> 63);
      lo = nlo;
      long pLo = v * v;
      long pHi = Math.multiplyHigh(v, v);
      long n0 = s0 + pLo;
      long c0 = Long.compareUnsigned(n0, s0) < 0 ? 1 : 0;
      long n1a = s1 + pHi;
      long c1 = Long.compareUnsigned(n1a, s1) < 0 ? 1 : 0;
      long n1 = n1a + c0;
      c1 += Long.compareUnsigned(n1, n1a) < 0 ? 1 : 0;
      s0 = n0;
      s1 = n1;
      s2 += c1;
      mx = Math.max(mx, v);
    }
    count = cnt;
    sumLo = lo;
    sumHi = hi;
    sq0 = s0;
    sq1 = s1;
    sq2 = s2;
    max = mx;
  }

  private void addSquare(long lo, long mid, long hi) {
    long s0 = sq0 + lo;
    long c0 = Long.compareUnsigned(s0, sq0) < 0 ? 1 : 0;
    long s1a = sq1 + mid;
    long c1 = Long.compareUnsigned(s1a, sq1) < 0 ? 1 : 0;
    long s1 = s1a + c0;
    c1 += Long.compareUnsigned(s1, s1a) < 0 ? 1 : 0;
    sq0 = s0;
    sq1 = s1;
    sq2 += hi + c1;
  }

  /** Adds every value of another sample. */
  public void merge(ExactSums o) {
    count += o.count;
    long lo = sumLo + o.sumLo;
    sumHi += o.sumHi + (Long.compareUnsigned(lo, sumLo) < 0 ? 1 : 0);
    sumLo = lo;
    addSquare(o.sq0, o.sq1, o.sq2);
    max = Math.max(max, o.max);
  }

  public long count() {
    return count;
  }

  public long max() {
    return max;
  }

  /** The exact sum. */
  public BigInteger sum() {
    return word(sumHi).shiftLeft(64).add(unsigned(sumLo));
  }

  /** The exact sum of squares. */
  public BigInteger sumOfSquares() {
    return unsigned(sq2).shiftLeft(128).add(unsigned(sq1).shiftLeft(64)).add(unsigned(sq0));
  }

  /** The mean, the exact sum divided by the count and rounded once. */
  public double mean() {
    if (count == 0) {
      return Double.NaN;
    }
    if (sumHi == (sumLo >> 63)) { // the sum fits in a long
      return (double) sumLo / count;
    }
    return new BigDecimal(sum())
        .divide(BigDecimal.valueOf(count), MathContext.DECIMAL128)
        .doubleValue();
  }

  /**
   * The sample standard deviation (n − 1 in the denominator) from the exact sums: {@code sqrt((n
   * Σx² − (Σx)²) / (n (n − 1)))}, with the numerator an exact integer; 0 for one value.
   */
  public double std() {
    if (count < 2) {
      return 0;
    }
    BigInteger n = BigInteger.valueOf(count);
    BigInteger s = sum();
    BigInteger num = n.multiply(sumOfSquares()).subtract(s.multiply(s));
    BigInteger den = n.multiply(n.subtract(BigInteger.ONE));
    double var =
        new BigDecimal(num).divide(new BigDecimal(den), MathContext.DECIMAL128).doubleValue();
    return Math.sqrt(var);
  }

  private static BigInteger word(long w) {
    return BigInteger.valueOf(w);
  }

  private static BigInteger unsigned(long w) {
    BigInteger b = BigInteger.valueOf(w);
    return w >= 0 ? b : b.add(BigInteger.ONE.shiftLeft(64));
  }
}
