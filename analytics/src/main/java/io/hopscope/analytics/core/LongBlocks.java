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
 * written. Little-endian on every machine.
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
