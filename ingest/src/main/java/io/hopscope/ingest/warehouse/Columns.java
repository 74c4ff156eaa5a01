package io.hopscope.ingest.warehouse;

import static org.apache.parquet.schema.LogicalTypeAnnotation.stringType;
import static org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName.BINARY;

import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.Type;
import org.apache.parquet.schema.Types;

/** Column shapes shared by the table schemas. */
final class Columns {
  private Columns() {}

  /** An optional {@code map<string,string>} in the standard Parquet MAP layout. */
  static Type stringMap(String name) {
    return Types.optionalGroup()
        .as(LogicalTypeAnnotation.mapType())
        .addField(
            Types.repeatedGroup()
                .addField(Types.required(BINARY).as(stringType()).named("key"))
                .addField(Types.optional(BINARY).as(stringType()).named("value"))
                .named("key_value"))
        .named(name);
  }
}
