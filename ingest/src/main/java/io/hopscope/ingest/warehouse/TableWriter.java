package io.hopscope.ingest.warehouse;

import io.hopscope.error.Problems;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.ColumnWriteStore;
import org.apache.parquet.column.ParquetProperties;
import org.apache.parquet.column.values.ValuesWriter;
import org.apache.parquet.column.values.deltalengthbytearray.DeltaLengthByteArrayValuesWriter;
import org.apache.parquet.column.values.factory.DefaultV2ValuesWriterFactory;
import org.apache.parquet.column.values.factory.ValuesWriterFactory;
import org.apache.parquet.compression.CompressionCodecFactory;
import org.apache.parquet.hadoop.CodecFactory;
import org.apache.parquet.hadoop.ColumnChunkPageWriteStore;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.hadoop.util.HadoopOutputFile;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;

/**
 * Streams values of one table into one Parquet file. Memory stays bounded by the row group size,
 * however many rows are written, plus, for a table with a repeat key, the keys counted within their
 * budget ({@link KeyRepeats}); the count goes into the file's footer.
 *
 * <p>Rows go straight into Parquet's column writers through {@link Row}, not through a record
 * consumer: that layer (field bookkeeping, null filling, a write-support indirection) cost a third
 * of the writer's CPU and most of its JIT compilation when a drain wrote 5M jobs (profiled). Files
 * are standard Parquet: format v2 pages, snappy, 64 MB row groups; see {@link ValuesWriters} for
 * the encodings.
 */
public final class TableWriter<T> implements AutoCloseable {
  /** The size a row group is closed at (buffered bytes; its compressed size is about the same). */
  public static final long ROW_GROUP_BYTES = 64L * 1024 * 1024;

  private static final int MIN_ROWS_BETWEEN_SIZE_CHECKS = 100;
  private static final int MAX_ROWS_BETWEEN_SIZE_CHECKS = 10_000;

  private final TableDef<T> table;
  private final MessageType schema;
  private final byte[] runId;
  private final Path file;
  private final long rowGroupBytes;
  private final ParquetProperties props;
  private final CodecFactory codecs;
  private final CompressionCodecFactory.BytesInputCompressor compressor;
  private final ParquetFileWriter out;
  private final Row row;
  private final KeyRepeats repeats;
  private ColumnChunkPageWriteStore pages;
  private ColumnWriteStore store;
  private int rowGroups;
  private long rows;
  private long groupRows;
  private long nextSizeCheck = MIN_ROWS_BETWEEN_SIZE_CHECKS;
  private boolean aborted;
  private boolean closed;

  /**
   * @param schema the table's file schema with the Iceberg table's field ids
   * @param runId written as the {@code run_id} column of every row
   */
  TableWriter(TableDef<T> table, MessageType schema, String runId, Path file, Configuration conf) {
    this(table, schema, runId, file, conf, ROW_GROUP_BYTES);
  }

  TableWriter(
      TableDef<T> table,
      MessageType schema,
      String runId,
      Path file,
      Configuration conf,
      long rowGroupBytes) {
    this.table = table;
    this.schema = schema;
    this.runId = runId.getBytes(StandardCharsets.UTF_8);
    this.file = file;
    this.rowGroupBytes = rowGroupBytes;
    ParquetProperties.Builder p =
        ParquetProperties.builder()
            .withValuesWriterFactory(new ValuesWriters())
            .withWriterVersion(ParquetProperties.WriterVersion.PARQUET_2_0)
            .withSizeStatisticsEnabled(false);
    for (String c : table.uniqueColumns()) {
      p.withDictionaryEncoding(c, false);
      if (schema.getType(c).asPrimitiveType().getPrimitiveTypeName()
          == PrimitiveType.PrimitiveTypeName.BINARY) {
        // Min/max of unique text (ids) prunes nothing and costs a comparison per row.
        p.withStatisticsEnabled(c, false);
      }
    }
    this.props = p.build();
    this.codecs = new CodecFactory(conf, props.getPageSizeThreshold());
    this.compressor = codecs.getCompressor(CompressionCodecName.SNAPPY);
    this.row = new Row(schema);
    this.repeats = table.repeatKey() == null ? null : new KeyRepeats();
    if (repeats != null) {
      row.tap(table.repeatKey(), repeats::add);
    }
    try {
      this.out =
          new ParquetFileWriter(
              outputFile(file, conf),
              schema,
              ParquetFileWriter.Mode.OVERWRITE,
              rowGroupBytes,
              ParquetWriter.MAX_PADDING_SIZE_DEFAULT,
              null,
              props);
      out.start();
    } catch (IOException e) {
      codecs.release();
      throw Problems.storage(file, "cannot create Parquet file", e);
    }
    startRowGroup();
  }

  /**
   * Local files are written through java.nio: Hadoop's local file system wraps every write in a
   * checksumming stream stack (and a {@code .crc} file beside it) that cost a tenth of a drain's
   * CPU, profiled at 5M jobs. Other file systems (s3a, hdfs) go through Hadoop.
   */
  private static OutputFile outputFile(Path file, Configuration conf) throws IOException {
    if ("file".equals(file.toUri().getScheme())) {
      java.nio.file.Path local = java.nio.file.Path.of(file.toUri());
      Files.createDirectories(local.getParent());
      return new LocalOutputFile(local);
    }
    return HadoopOutputFile.fromPath(file, conf);
  }

  private void startRowGroup() {
    pages =
        new ColumnChunkPageWriteStore(
            compressor,
            schema,
            props.getAllocator(),
            props.getColumnIndexTruncateLength(),
            props.getPageWriteChecksumEnabled(),
            null,
            rowGroups);
    store = props.newColumnWriteStore(schema, pages, pages);
    row.bind(store);
  }

  public void write(T value) {
    if (closed || aborted) {
      throw new IllegalStateException("table writer of " + file + " is closed");
    }
    try {
      row.bytes(TableDef.RUN_ID, runId, 0, runId.length);
      table.writer().write(value, row);
      row.end();
      store.endRecord();
    } catch (RuntimeException e) {
      // Half a row is in the column writers: this file can no longer be finished.
      aborted = true;
      throw e;
    }
    rows++;
    groupRows++;
    if (groupRows >= nextSizeCheck) {
      checkRowGroupSize();
    }
  }

  /** Closes the row group a couple of rows before it would pass its size (as ParquetWriter). */
  private void checkRowGroupSize() {
    long buffered = store.getBufferedSize();
    long perRow = Math.max(1, buffered / groupRows);
    if (buffered > rowGroupBytes - 2 * perRow) {
      flushRowGroup();
      startRowGroup();
      nextSizeCheck = MIN_ROWS_BETWEEN_SIZE_CHECKS;
    } else {
      long toFill = (rowGroupBytes - buffered) / perRow;
      nextSizeCheck =
          groupRows
              + Math.max(
                  MIN_ROWS_BETWEEN_SIZE_CHECKS, Math.min(MAX_ROWS_BETWEEN_SIZE_CHECKS, toFill / 2));
    }
  }

  private void flushRowGroup() {
    try {
      if (groupRows > 0) {
        out.startBlock(groupRows);
        store.flush();
        pages.flushToFileWriter(out);
        out.endBlock();
        rowGroups++;
      }
    } catch (IOException e) {
      aborted = true;
      throw Problems.storage(file, "cannot write Parquet row group", e);
    } finally {
      store.close();
      pages.close();
      groupRows = 0;
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

  /** The file's schema, with the table's field ids. */
  MessageType schema() {
    return schema;
  }

  /** True once the file has been finished (or abandoned). */
  boolean closed() {
    return closed;
  }

  /**
   * Finishes the file (last row group, footer). After a failed write the file is only closed: it
   * has no footer, so it can never be mistaken for a complete one.
   */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      if (aborted) {
        store.close();
        pages.close();
      } else {
        flushRowGroup();
        Map<String, String> meta = new java.util.LinkedHashMap<>();
        meta.put("hopscope.table", table.name());
        if (repeats != null) {
          repeats
              .finish()
              .ifPresent(f -> meta.put(KeyRepeats.FOOTER_KEY, f.format(table.repeatKey())));
        }
        out.end(meta);
      }
    } catch (IOException e) {
      throw Problems.storage(file, "cannot finish Parquet file", e);
    } finally {
      if (repeats != null) {
        repeats.release();
      }
      try {
        out.close();
      } catch (IOException e) {
        // Reported above when it matters; the staged file is deleted with the run write.
      }
      codecs.release();
    }
  }

  /**
   * Parquet's format-v2 encodings, except that text declared unique is written length-prefixed
   * (DELTA_LENGTH_BYTE_ARRAY) instead of prefix-shared (DELTA_BYTE_ARRAY): ids and UUIDs share
   * little, and computing the shared prefix (copying every value) cost a tenth of a 5M-job drain's
   * CPU for 8% smaller files.
   *
   * <p>One instance per file: Parquet's default factory delegates to a static one shared by every
   * writer in the JVM and re-pointed at the properties built last, so the jobs file's row groups
   * after the first were written with the rejects table's settings (dictionaries on).
   */
  private static final class ValuesWriters implements ValuesWriterFactory {
    private final DefaultV2ValuesWriterFactory v2 = new DefaultV2ValuesWriterFactory();
    private ParquetProperties props;

    @Override
    public void initialize(ParquetProperties properties) {
      this.props = properties;
      v2.initialize(properties);
    }

    @Override
    public ValuesWriter newValuesWriter(ColumnDescriptor column) {
      if (column.getPrimitiveType().getPrimitiveTypeName() == PrimitiveType.PrimitiveTypeName.BINARY
          && !props.isDictionaryEnabled(column)) {
        return new DeltaLengthByteArrayValuesWriter(
            props.getInitialSlabSize(), props.getPageSizeThreshold(), props.getAllocator());
      }
      return v2.newValuesWriter(column);
    }
  }
}
