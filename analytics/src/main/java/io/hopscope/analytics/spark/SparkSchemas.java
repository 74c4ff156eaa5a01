package io.hopscope.analytics.spark;

import java.util.ArrayList;
import java.util.List;
import org.apache.parquet.schema.GroupType;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.Type;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Spark schemas derived from the Parquet schemas that ingest declares, so that a table's columns
 * are declared once and Spark never infers them.
 */
public final class SparkSchemas {
  private SparkSchemas() {}

  /** The Spark type of a table's file schema (without the partition column). */
  public static StructType of(MessageType schema) {
    List<StructField> fields = new ArrayList<>();
    for (Type t : schema.getFields()) {
      fields.add(
          DataTypes.createStructField(
              t.getName(), typeOf(t), t.getRepetition() != Type.Repetition.REQUIRED));
    }
    return DataTypes.createStructType(fields);
  }

  private static DataType typeOf(Type t) {
    if (t.isPrimitive()) {
      PrimitiveType p = t.asPrimitiveType();
      return switch (p.getPrimitiveTypeName()) {
        case INT64 -> DataTypes.LongType;
        case INT32 -> DataTypes.IntegerType;
        case DOUBLE -> DataTypes.DoubleType;
        case BOOLEAN -> DataTypes.BooleanType;
        case BINARY -> {
          if (!(p.getLogicalTypeAnnotation()
              instanceof LogicalTypeAnnotation.StringLogicalTypeAnnotation)) {
            throw new IllegalArgumentException("binary column without string type: " + t);
          }
          yield DataTypes.StringType;
        }
        default -> throw new IllegalArgumentException("unsupported column type: " + t);
      };
    }
    GroupType g = t.asGroupType();
    if (g.getLogicalTypeAnnotation() instanceof LogicalTypeAnnotation.MapLogicalTypeAnnotation) {
      GroupType kv = g.getType(0).asGroupType();
      return DataTypes.createMapType(typeOf(kv.getType(0)), typeOf(kv.getType(1)), true);
    }
    throw new IllegalArgumentException("unsupported group column: " + t);
  }
}
