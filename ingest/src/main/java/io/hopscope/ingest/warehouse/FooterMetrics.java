package io.hopscope.ingest.warehouse;

import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.Map;
import org.apache.iceberg.Metrics;
import org.apache.iceberg.Schema;
import org.apache.iceberg.types.Conversions;
import org.apache.iceberg.types.Type;
import org.apache.iceberg.types.Types.NestedField;
import org.apache.iceberg.util.UnicodeUtil;
import org.apache.parquet.column.statistics.Statistics;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.hadoop.metadata.ParquetMetadata;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;

/**
 * Iceberg's column metrics of a data file, from the footer hopscope's writer produced (read back
 * with the parquet-java the writer uses): row count, per-column sizes, value and null counts, and
 * lower/upper bounds of the top-level integer, boolean and text columns (text truncated to 16
 * characters as Iceberg's default metrics mode does). Doubles get no bounds (Parquet's min/max say
 * nothing about NaN), map entries only sizes and counts; a missing metric only makes scans read a
 * file they could have skipped.
 *
 * <p>Iceberg's own {@code ParquetUtil.fileMetrics} would read the footer again through its shaded
 * copy of Parquet: a third of the classes Iceberg loads into an ingest, for the same numbers.
 */
final class FooterMetrics {
  private static final int TRUNCATE = 16;

  private FooterMetrics() {}

  static Metrics of(ParquetMetadata footer, MessageType fileSchema, Schema table) {
    long rows = 0;
    Map<Integer, Long> sizes = new HashMap<>();
    Map<Integer, Long> values = new HashMap<>();
    Map<Integer, Long> nulls = new HashMap<>();
    Map<Integer, Statistics<?>> stats = new HashMap<>();
    java.util.Set<Integer> noBounds = new java.util.HashSet<>();
    for (BlockMetaData b : footer.getBlocks()) {
      rows += b.getRowCount();
      for (ColumnChunkMetaData c : b.getColumns()) {
        PrimitiveType p = fileSchema.getType(c.getPath().toArray()).asPrimitiveType();
        if (p.getId() == null) {
          continue;
        }
        int id = p.getId().intValue();
        sizes.merge(id, c.getTotalSize(), Long::sum);
        if (c.getPath().size() != 1) {
          continue; // map entries: sizes only, as Iceberg keeps them
        }
        values.merge(id, c.getValueCount(), Long::sum);
        Statistics<?> s = c.getStatistics();
        if (s != null && !s.isEmpty() && s.isNumNullsSet()) {
          nulls.merge(id, s.getNumNulls(), (a, v) -> a < 0 ? a : a + v);
        } else {
          nulls.put(id, -1L); // unknown in a row group: no count
        }
        if (s == null || s.isEmpty()) {
          noBounds.add(id); // no statistics in a row group: no bounds
        } else if (s.hasNonNullValue()) {
          Statistics<?> m = stats.get(id);
          if (m == null) {
            stats.put(id, s.copy());
          } else {
            m.mergeStatistics(s);
          }
        }
      }
    }
    nulls.values().removeIf(v -> v < 0);
    Map<Integer, ByteBuffer> lower = new HashMap<>();
    Map<Integer, ByteBuffer> upper = new HashMap<>();
    stats.forEach(
        (id, s) -> {
          NestedField f = table.findField(id);
          if (f == null || noBounds.contains(id)) {
            return;
          }
          bounds(f.type(), s, id, lower, upper);
        });
    return new Metrics(rows, sizes, values, nulls, null, lower, upper);
  }

  private static void bounds(
      Type type,
      Statistics<?> s,
      int id,
      Map<Integer, ByteBuffer> lower,
      Map<Integer, ByteBuffer> upper) {
    switch (type.typeId()) {
      case LONG -> {
        lower.put(id, Conversions.toByteBuffer(type, ((Number) s.genericGetMin()).longValue()));
        upper.put(id, Conversions.toByteBuffer(type, ((Number) s.genericGetMax()).longValue()));
      }
      case INTEGER -> {
        lower.put(id, Conversions.toByteBuffer(type, ((Number) s.genericGetMin()).intValue()));
        upper.put(id, Conversions.toByteBuffer(type, ((Number) s.genericGetMax()).intValue()));
      }
      case BOOLEAN -> {
        lower.put(id, Conversions.toByteBuffer(type, s.genericGetMin()));
        upper.put(id, Conversions.toByteBuffer(type, s.genericGetMax()));
      }
      case STRING -> {
        String min = ((org.apache.parquet.io.api.Binary) s.genericGetMin()).toStringUsingUTF8();
        String max = ((org.apache.parquet.io.api.Binary) s.genericGetMax()).toStringUsingUTF8();
        lower.put(id, Conversions.toByteBuffer(type, UnicodeUtil.truncateStringMin(min, TRUNCATE)));
        String up = UnicodeUtil.truncateStringMax(max, TRUNCATE);
        if (up != null) {
          upper.put(id, Conversions.toByteBuffer(type, up));
        }
      }
      default -> {
        // No bounds: doubles (NaN), anything else.
      }
    }
  }
}
