package io.hopscope.ingest.warehouse;

import static org.apache.parquet.schema.LogicalTypeAnnotation.stringType;
import static org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName.BINARY;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.Type;
import org.apache.parquet.schema.Types;

/**
 * A warehouse table: its name, its columns (declared once, here in ingest, as a Parquet schema; the
 * Iceberg schema is derived from it, see {@link IcebergSchemas}) and how a value becomes a row. The
 * tables of the sources are declared here with names and columns only ({@link #declared}); each
 * reader's package binds its values to rows ({@link #withWriter}), so the warehouse depends on no
 * reader. Every table is an Iceberg table partitioned by {@code run_id} (identity), and {@code
 * run_id} is the first column of every file; writers never give it, {@link TableWriter} does.
 *
 * @param schema the file schema: {@code run_id} followed by the declared columns
 * @param repeatKey a long column (a key's hash) whose repeats {@link TableWriter} counts as it
 *     writes, into the file's footer ({@link KeyRepeats}); null for none. Only a binding that gives
 *     the column for every row with a key sets it ({@link #withRepeatKey}).
 */
public record TableDef<T>(
    String name,
    MessageType schema,
    Set<String> uniqueColumns,
    RowWriter<T> writer,
    String repeatKey) {
  /** The partition column of every table. */
  public static final String RUN_ID = "run_id";

  /**
   * @param columns the table's columns without {@code run_id}
   * @param uniqueColumns columns whose values rarely repeat (ids, timestamps): written without a
   *     dictionary, which would only cost time before Parquet falls back to plain encoding, and
   *     without min/max statistics when they are text
   */
  public TableDef {
    Objects.requireNonNull(name);
    Objects.requireNonNull(schema);
    uniqueColumns = Set.copyOf(uniqueColumns);
    Objects.requireNonNull(writer);
    schema = withRunId(schema);
    for (String c : uniqueColumns) {
      schema.getFieldIndex(c);
    }
    if (repeatKey != null
        && schema.getType(repeatKey).asPrimitiveType().getPrimitiveTypeName()
            != org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName.INT64) {
      throw new IllegalArgumentException("repeat key " + repeatKey + " is not a long column");
    }
  }

  public TableDef(
      String name, MessageType columns, Set<String> uniqueColumns, RowWriter<T> writer) {
    this(name, columns, uniqueColumns, writer, null);
  }

  public TableDef(String name, MessageType columns, RowWriter<T> writer) {
    this(name, columns, Set.of(), writer);
  }

  /**
   * A table as the warehouse declares it: name and columns only. How a reader's values become its
   * rows lives with the reader, which binds it with {@link #withWriter}; opening the table unbound
   * for writing is an error.
   */
  public static TableDef<Void> declared(String name, MessageType columns, Set<String> unique) {
    return new TableDef<>(name, columns, unique, unbound(name));
  }

  /** As {@link #declared(String, MessageType, Set)}, with no unique columns. */
  public static TableDef<Void> declared(String name, MessageType columns) {
    return declared(name, columns, Set.of());
  }

  private static RowWriter<Void> unbound(String name) {
    return new Unbound(name);
  }

  /** Whether values can be written: a declared table must be bound first. */
  public boolean bound() {
    return !(writer instanceof Unbound);
  }

  private record Unbound(String name) implements RowWriter<Void> {
    @Override
    public void write(Void value, Row row) {
      throw new IllegalStateException(
          "table " + name + " was opened without a row writer: open the reader's binding");
    }
  }

  /**
   * The same table written from other values (e.g. rows copied from another store), counting no
   * repeats: the other writer may not give the repeat key for every row.
   */
  public <U> TableDef<U> withWriter(RowWriter<U> other) {
    return new TableDef<>(name, schema, uniqueColumns, other);
  }

  /**
   * The same table, counting the repeats of a long column as it is written: the writer must give
   * the column for every row that has the key it hashes, as the footer gives the count as that of
   * the file's keys.
   */
  public TableDef<T> withRepeatKey(String column) {
    return new TableDef<>(name, schema, uniqueColumns, writer, column);
  }

  private static MessageType withRunId(MessageType columns) {
    if (columns.containsField(RUN_ID)) {
      if (columns.getFieldIndex(RUN_ID) != 0) {
        throw new IllegalArgumentException(RUN_ID + " must be the first column");
      }
      return columns;
    }
    List<Type> fields = new ArrayList<>();
    fields.add(Types.required(BINARY).as(stringType()).named(RUN_ID));
    fields.addAll(columns.getFields());
    return new MessageType(columns.getName(), fields);
  }

  /** Writes one value as one row through {@link Row}. */
  @FunctionalInterface
  public interface RowWriter<T> {
    void write(T value, Row row);
  }
}
