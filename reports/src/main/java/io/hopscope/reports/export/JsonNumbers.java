package io.hopscope.reports.export;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Numbers into the JSON exports: NaN, infinities and nulls become JSON null. */
public final class JsonNumbers {
  private JsonNumbers() {}

  public static void put(ObjectNode o, String name, Double v) {
    if (v == null || !Double.isFinite(v)) {
      o.putNull(name);
    } else {
      o.put(name, v);
    }
  }

  public static void add(ArrayNode a, double v) {
    if (Double.isFinite(v)) {
      a.add(v);
    } else {
      a.addNull();
    }
  }
}
