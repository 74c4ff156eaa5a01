package io.hopscope.analytics.core;

import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.LongBuffer;

/**
 * Long arrays written to and read from object streams in blocks of bytes: a partition's summary
 * travels to the driver as a task result (Java serialization), where the stream's own long arrays
 * are written one long at a time. Blocks are copied in bulk, and only the used part of an array is
 * written. Little-endian on every machine. Counts (a histogram's) are written as varints instead.
 */
final class LongBlocks {
  private static final int BLOCK = 8192; // longs

  private LongBlocks() {}

  /** Writes the first {@code n} values of {@code a} (null: none, read back as null). */
  static void write(ObjectOutputStream out, long[] a, int n) throws IOException {
    if (a == null) {
      out.writeInt(-1);
      return;
    }
    out.writeInt(n);
    byte[] buf = new byte[Math.min(n, BLOCK) * Long.BYTES];
    LongBuffer view = ByteBuffer.wrap(buf).order(ByteOrder.LITTLE_ENDIAN).asLongBuffer();
    for (int from = 0; from < n; from += BLOCK) {
      int m = Math.min(BLOCK, n - from);
      view.clear();
      view.put(a, from, m);
      out.write(buf, 0, m * Long.BYTES);
    }
  }

  /**
   * Writes non-negative values (counts) as unsigned LEB128 varints: one byte for a value below 128,
   * which most of a histogram's counts are (zero mostly), against eight in a plain block.
   */
  static void writeCounts(ObjectOutputStream out, long[] a) throws IOException {
    byte[] buf = new byte[a.length * 10];
    int n = 0;
    for (long v : a) {
      while ((v & ~0x7FL) != 0) {
        buf[n++] = (byte) ((v & 0x7F) | 0x80);
        v >>>= 7;
      }
      buf[n++] = (byte) v;
    }
    out.writeInt(n);
    out.write(buf, 0, n);
  }

  /** Reads {@code count} values written by {@link #writeCounts}. */
  static long[] readCounts(ObjectInputStream in, int count) throws IOException {
    int n = in.readInt();
    if (n < count || n > count * 10) {
      throw new IOException("a block of " + count + " counts cannot take " + n + " bytes");
    }
    byte[] buf = new byte[n];
    in.readFully(buf);
    long[] a = new long[count];
    int p = 0;
    for (int i = 0; i < count; i++) {
      long v = 0;
      for (int shift = 0; ; shift += 7) {
        if (p == n || shift > 63) {
          throw new IOException("a count block ends inside count " + i + " of " + count);
        }
        byte b = buf[p++];
        v |= (long) (b & 0x7F) << shift;
        if (b >= 0) {
          break;
        }
      }
      a[i] = v;
    }
    if (p != n) {
      throw new IOException("a count block has " + (n - p) + " bytes beyond its " + count);
    }
    return a;
  }

  /** Reads what {@link #write} wrote: an array of exactly the values written, or null. */
  static long[] read(ObjectInputStream in) throws IOException {
    int n = in.readInt();
    if (n < 0) {
      return null;
    }
    long[] a = new long[n];
    byte[] buf = new byte[Math.min(n, BLOCK) * Long.BYTES];
    LongBuffer view = ByteBuffer.wrap(buf).order(ByteOrder.LITTLE_ENDIAN).asLongBuffer();
    for (int from = 0; from < n; from += BLOCK) {
      int m = Math.min(BLOCK, n - from);
      in.readFully(buf, 0, m * Long.BYTES);
      view.clear();
      view.get(a, from, m);
    }
    return a;
  }
}
