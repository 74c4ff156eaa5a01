package io.hopscope.ingest.warehouse;

import io.hopscope.error.Problems;
import java.io.IOException;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.column.ParquetProperties;
import org.apache.parquet.conf.ParquetConfiguration;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.hadoop.util.HadoopOutputFile;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.io.api.RecordConsumer;
import org.apache.parquet.schema.PrimitiveType;

/**
 * Streams values of one table into one Parquet file. Memory stays bounded by the row group size,
 * however many rows are written.
 */
public final class TableWriter<T> implements AutoCloseable {
  private final TableDef<T> table;
  private final Path file;
  private final ParquetWriter<T> writer;
  private long rows;
  private boolean closed;

  TableWriter(TableDef<T> table, Path file, Configuration conf) {
    this.table = table;
    this.file = file;
    try {
      OutputFile out = HadoopOutputFile.fromPath(file, conf);
      Builder<T> b =
          new Builder<>(out, table)
              .withConf(conf)
              .withWriteMode(ParquetFileWriter.Mode.OVERWRITE)
              .withCompressionCodec(CompressionCodecName.SNAPPY)
              .withWriterVersion(ParquetProperties.WriterVersion.PARQUET_2_0)
              .withRowGroupSize(64L * 1024 * 1024);
      b = b.withSizeStatisticsEnabled(false);
      if (table.uniqueColumns().size() == table.schema().getColumns().size()) {
        // Per-column switches still let the writer try a dictionary first (profiled: hash-map
        // inserts, then a fallback re-encoding); when no column repeats, none is tried at all.
        b = b.withDictionaryEncoding(false);
      }
      for (String c : table.uniqueColumns()) {
        b = b.withDictionaryEncoding(c, false);
        if (table.schema().getType(c).asPrimitiveType().getPrimitiveTypeName()
            == PrimitiveType.PrimitiveTypeName.BINARY) {
          // Min/max of unique text (ids) prunes nothing and costs a comparison per row.
          b = b.withStatisticsEnabled(c, false);
        }
      }
      this.writer = b.build();
    } catch (IOException e) {
      throw Problems.storage(file, "cannot create Parquet file", e);
    }
  }

  public void write(T value) {
    try {
      writer.write(value);
      rows++;
    } catch (IOException e) {
      throw Problems.storage(file, "cannot write Parquet row", e);
    }
  }

  public long rows() {
    return rows;
  }

  TableDef<T> table() {
    return table;
  }

  Path file() {
    return file;
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      writer.close();
    } catch (IOException e) {
      throw Problems.storage(file, "cannot finish Parquet file", e);
    }
  }

  private static final class Builder<T> extends ParquetWriter.Builder<T, Builder<T>> {
    private final TableDef<T> table;

    Builder(OutputFile out, TableDef<T> table) {
      super(out);
      this.table = table;
    }

    @Override
    protected Builder<T> self() {
      return this;
    }

    @Override
    protected WriteSupport<T> getWriteSupport(ParquetConfiguration conf) {
      return new Support<>(table);
    }

    @Override
    @Deprecated
    protected WriteSupport<T> getWriteSupport(Configuration conf) {
      return new Support<>(table);
    }
  }

  private static final class Support<T> extends WriteSupport<T> {
    private final TableDef<T> table;
    private final Row row;
    private RecordConsumer rc;

    Support(TableDef<T> table) {
      this.table = table;
      this.row = new Row(table.schema());
    }

    @Override
    public WriteContext init(ParquetConfiguration configuration) {
      return new WriteContext(table.schema(), Map.of("hopscope.table", table.name()));
    }

    @Override
    @Deprecated
    public WriteContext init(Configuration configuration) {
      return new WriteContext(table.schema(), Map.of("hopscope.table", table.name()));
    }

    @Override
    public void prepareForWrite(RecordConsumer recordConsumer) {
      this.rc = recordConsumer;
      row.bind(recordConsumer);
    }

    @Override
    public void write(T record) {
      rc.startMessage();
      table.writer().write(record, row);
      rc.endMessage();
    }
  }
}
