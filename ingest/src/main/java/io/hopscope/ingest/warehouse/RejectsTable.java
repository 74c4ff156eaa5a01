package io.hopscope.ingest.warehouse;

import static org.apache.parquet.schema.LogicalTypeAnnotation.stringType;
import static org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName.BINARY;

import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.Types;

/** The {@code rejects} table: one row per record kept aside, with the reason. */
public final class RejectsTable {
  public static final String NAME = "rejects";
  public static final String SOURCE = "source";
  public static final String LOCATION = "location";
  public static final String REASON = "reason";
  public static final String RAW = "raw";

  public static final MessageType SCHEMA =
      Types.buildMessage()
          .required(BINARY)
          .as(stringType())
          .named(SOURCE)
          .required(BINARY)
          .as(stringType())
          .named(LOCATION)
          .required(BINARY)
          .as(stringType())
          .named(REASON)
          .required(BINARY)
          .as(stringType())
          .named(RAW)
          .named(NAME);

  /** Name and columns; the reader's package binds its rows. */
  public static final TableDef<Void> TABLE = TableDef.declared(NAME, SCHEMA);

  private RejectsTable() {}
}
