package io.hopscope.ingest.warehouse;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.ColumnWriteStore;
import org.apache.parquet.column.ColumnWriter;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.GroupType;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.Type;

/**
 * Writes the fields of one Parquet row by column name, checked against the table's schema, straight
 * into the column writers. Null values (and NaN for doubles) leave an optional column empty: a
 * field not given in a row is written as null when the row ends.
 *
 * <p>The schemas are flat: primitive columns, and {@code map<string,string>} columns in the
 * standard MAP layout ({@code optional group (MAP) { repeated group key_value { required key;
 * optional value } }}), whose levels are written here: definition 0 for a null map, 1 for an empty
 * one, 2 for an entry (3 when its value is set), repetition 1 for every entry after the first.
 */
public final class Row {
  private final MessageType schema;
  private final String[] names;
  private final boolean[] required;
  private final boolean[] isMap;
  private final int[] firstLeaf;
  private final ColumnDescriptor[] leaves;
  private final ColumnWriter[] writers;
  private final boolean[] written;
  private int next;
  private int level;
  private int tapped = -1;
  private java.util.function.LongConsumer tap;

  Row(MessageType schema) {
    this.schema = schema;
    List<Type> fields = schema.getFields();
    int n = fields.size();
    this.names = new String[n];
    this.required = new boolean[n];
    this.isMap = new boolean[n];
    this.firstLeaf = new int[n];
    this.written = new boolean[n];
    List<ColumnDescriptor> columns = schema.getColumns();
    this.leaves = columns.toArray(new ColumnDescriptor[0]);
    this.writers = new ColumnWriter[leaves.length];
    int leaf = 0;
    for (int i = 0; i < n; i++) {
      Type t = fields.get(i);
      names[i] = t.getName();
      required[i] = t.isRepetition(Type.Repetition.REQUIRED);
      firstLeaf[i] = leaf;
      if (t.isPrimitive()) {
        leaf++;
      } else if (isMap(t)) {
        isMap[i] = true;
        leaf += 2;
      } else {
        throw new IllegalArgumentException("unsupported column shape: " + t);
      }
    }
  }

  private static boolean isMap(Type t) {
    if (!(t.getLogicalTypeAnnotation() instanceof LogicalTypeAnnotation.MapLogicalTypeAnnotation)
        || t.isRepetition(Type.Repetition.REQUIRED)) {
      return false;
    }
    GroupType g = t.asGroupType();
    if (g.getFieldCount() != 1 || g.getType(0).isPrimitive()) {
      return false;
    }
    GroupType kv = g.getType(0).asGroupType();
    return kv.isRepetition(Type.Repetition.REPEATED)
        && kv.getFieldCount() == 2
        && kv.getType(0).isPrimitive()
        && kv.getType(0).isRepetition(Type.Repetition.REQUIRED)
        && kv.getType(1).isPrimitive()
        && kv.getType(1).isRepetition(Type.Repetition.OPTIONAL)
        && (kv.getType(1).asPrimitiveType().getPrimitiveTypeName()
                == PrimitiveType.PrimitiveTypeName.BINARY
            || kv.getType(1).asPrimitiveType().getPrimitiveTypeName()
                == PrimitiveType.PrimitiveTypeName.INT64);
  }

  /** Points the row at a (new) row group's column writers. */
  void bind(ColumnWriteStore store) {
    for (int i = 0; i < leaves.length; i++) {
      writers[i] = store.getColumnWriter(leaves[i]);
    }
  }

  /**
   * The index of a column. Callers pass the tables' name constants in schema order, so the field
   * after the last one, compared by identity, is usually it; other strings fall back to a search.
   */
  private int index(String column) {
    int i = next;
    if (i < names.length && names[i] == column) {
      next = i + 1;
      return i;
    }
    for (i = 0; i < names.length; i++) {
      if (names[i] == column) {
        next = i + 1;
        return i;
      }
    }
    i = schema.getFieldIndex(column);
    next = i + 1;
    return i;
  }

  /**
   * The writer of a primitive column about to be given a value in this row; sets {@link #level} to
   * the definition level of a present value (0 when the column is required, else 1).
   */
  private ColumnWriter primitive(String column) {
    int i = index(column);
    if (isMap[i]) {
      throw new IllegalArgumentException("column " + column + " is a map");
    }
    if (written[i]) {
      throw new IllegalStateException("column " + column + " written twice in one row");
    }
    written[i] = true;
    level = required[i] ? 0 : 1;
    return writers[firstLeaf[i]];
  }

  /** Ends the row: fields not given are written as nulls; a missing required one is an error. */
  void end() {
    next = 0;
    for (int i = 0; i < written.length; i++) {
      if (written[i]) {
        written[i] = false;
        continue;
      }
      if (required[i]) {
        throw new IllegalStateException("required column " + names[i] + " not given");
      }
      writers[firstLeaf[i]].writeNull(0, 0);
      if (isMap[i]) {
        writers[firstLeaf[i] + 1].writeNull(0, 0);
      }
    }
  }

  public Row string(String column, String value) {
    if (value != null) {
      primitive(column).write(utf8(value), 0, level);
    }
    return this;
  }

  /** Text given as UTF-8 bytes {@code a[off, off+len)}; {@code len < 0} leaves the column null. */
  public Row bytes(String column, byte[] a, int off, int len) {
    if (len >= 0) {
      // "Reused": Parquet copies the bytes wherever it keeps them (pages, statistics), so the
      // caller may overwrite the array afterwards.
      primitive(column).write(Binary.fromReusedByteArray(a, off, len), 0, level);
    }
    return this;
  }

  public Row int64(String column, long value) {
    primitive(column).write(value, 0, level);
    if (next - 1 == tapped) {
      tap.accept(value);
    }
    return this;
  }

  /** Passes every value given to a long column to {@code to} as well (one column per row). */
  void tap(String column, java.util.function.LongConsumer to) {
    tapped = schema.getFieldIndex(column);
    tap = to;
  }

  public Row int32(String column, int value) {
    primitive(column).write(value, 0, level);
    return this;
  }

  /** An int; null leaves the (optional) column null. */
  public Row int32(String column, Integer value) {
    return value == null ? this : int32(column, value.intValue());
  }

  /** A double; NaN leaves the (optional) column null. */
  public Row float64(String column, double value) {
    if (!Double.isNaN(value)) {
      primitive(column).write(value, 0, level);
    }
    return this;
  }

  /** A required double; NaN and ±Infinity are stored as they are. */
  public Row float64Required(String column, double value) {
    primitive(column).write(value, 0, level);
    return this;
  }

  public Row bool(String column, boolean value) {
    primitive(column).write(value, 0, level);
    return this;
  }

  /** A {@code map<string,string>} column; null leaves it null, an empty map stays empty. */
  public Row stringMap(String column, Map<String, String> map) {
    return map(column, map, (w, v, r) -> w.write(utf8(v), r, 3));
  }

  /** A {@code map<string,int64>} column; null leaves it null, an empty map stays empty. */
  public Row longMap(String column, Map<String, Long> map) {
    return map(column, map, (w, v, r) -> w.write(v.longValue(), r, 3));
  }

  /** Writes a present map value at a repetition level. */
  @FunctionalInterface
  private interface MapValue<V> {
    void write(ColumnWriter values, V value, int repetition);
  }

  private <V> Row map(String column, Map<String, V> map, MapValue<V> value) {
    if (map == null) {
      return this;
    }
    int i = mapColumn(column, map.isEmpty());
    if (i < 0) {
      return this;
    }
    ColumnWriter keys = writers[firstLeaf[i]];
    ColumnWriter values = writers[firstLeaf[i] + 1];
    int repetition = 0;
    for (Map.Entry<String, V> e : map.entrySet()) {
      keys.write(utf8(e.getKey()), repetition, 2);
      if (e.getValue() == null) {
        values.writeNull(repetition, 2);
      } else {
        value.write(values, e.getValue(), repetition);
      }
      repetition = 1;
    }
    return this;
  }

  /**
   * Marks a map column written in this row and returns its index; for an empty map writes the empty
   * entry and returns -1.
   */
  private int mapColumn(String column, boolean empty) {
    int i = index(column);
    if (!isMap[i]) {
      throw new IllegalArgumentException("column " + column + " is not a map");
    }
    if (written[i]) {
      throw new IllegalStateException("column " + column + " written twice in one row");
    }
    written[i] = true;
    if (empty) {
      writers[firstLeaf[i]].writeNull(0, 1);
      writers[firstLeaf[i] + 1].writeNull(0, 1);
      return -1;
    }
    return i;
  }

  /**
   * A string as a byte-array-backed Binary. {@code Binary.fromString} is backed by a ByteBuffer,
   * whose bounds-checked access made dictionary hashing, equality and statistics a third of the
   * write time of k6 points (profiled on 1M points).
   */
  private static Binary utf8(String s) {
    return Binary.fromConstantByteArray(s.getBytes(StandardCharsets.UTF_8));
  }
}
