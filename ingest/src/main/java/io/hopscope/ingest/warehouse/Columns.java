package io.hopscope.ingest.warehouse;

import static org.apache.parquet.schema.LogicalTypeAnnotation.stringType;
import static org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName.BINARY;
import static org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName.INT64;

import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.Type;
import org.apache.parquet.schema.Types;

/** Column shapes shared by the table schemas. */
public final class Columns {
  private Columns() {}

  /** An optional {@code map<string,string>} in the standard Parquet MAP layout. */
  public static Type stringMap(String name) {
    return map(name, Types.optional(BINARY).as(stringType()).named("value"));
  }

  /** An optional {@code map<string,int64>} in the standard Parquet MAP layout. */
  public static Type longMap(String name) {
    return map(name, Types.optional(INT64).named("value"));
  }

  private static Type map(String name, Type value) {
    return Types.optionalGroup()
        .as(LogicalTypeAnnotation.mapType())
        .addField(
            Types.repeatedGroup()
                .addField(Types.required(BINARY).as(stringType()).named("key"))
                .addField(value)
                .named("key_value"))
        .named(name);
  }
}
