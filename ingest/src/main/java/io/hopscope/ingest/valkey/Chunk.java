package io.hopscope.ingest.valkey;

import java.util.ArrayList;
import java.util.List;

/**
 * A slice of the stream's id range, {@code [start, end]} inclusive, fetched by one connection. Ids
 * are time-based, so slices split the millisecond range evenly; empty slices are cheap.
 */
record Chunk(int index, String start, String end) {

  /** Splits {@code [firstId, lastId]} into at most {@code n} slices in id order. */
  static List<Chunk> split(String firstId, String lastId, int n) {
    long from = Ids.millis(firstId);
    long to = Ids.millis(lastId);
    List<Chunk> out = new ArrayList<>();
    if (to <= from || n <= 1) {
      out.add(new Chunk(0, firstId, lastId));
      return out;
    }
    long span = to - from + 1;
    int k = (int) Math.min(n, span);
    long step = span / k;
    long a = from;
    for (int i = 0; i < k; i++) {
      boolean last = i == k - 1;
      String start = i == 0 ? firstId : a + "-0";
      long b = last ? to : a + step - 1;
      String end = last ? lastId : b + "-" + Ids.MAX_SEQ;
      out.add(new Chunk(i, start, end));
      a = b + 1;
    }
    return out;
  }
}
