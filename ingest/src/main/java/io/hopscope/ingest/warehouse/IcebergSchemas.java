package io.hopscope.ingest.warehouse;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.iceberg.Schema;
import org.apache.iceberg.types.Type.PrimitiveType;
import org.apache.iceberg.types.Types.NestedField;
import org.apache.parquet.schema.GroupType;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.Type;

/**
 * Converts between a table's declared Parquet schema and its Iceberg schema. Iceberg maps file
 * columns to table columns by field id, so the files hopscope writes carry the ids of the table's
 * schema (looked up by name: the table's ids are the truth once it exists, whatever order the code
 * declares columns in).
 *
 * <p>The shapes used by the tables: text, int64, int32, double, boolean, and {@code map<string,
 * string>} or {@code map<string, int64>} in the standard MAP layout.
 */
final class IcebergSchemas {
  private IcebergSchemas() {}

  /** The Iceberg schema of a declared table, with fresh ids in declaration order. */
  static Schema toIceberg(MessageType declared) {
    AtomicInteger ids = new AtomicInteger(0);
    List<NestedField> fields = new ArrayList<>();
    List<Integer> topIds = new ArrayList<>();
    for (int i = 0; i < declared.getFieldCount(); i++) {
      topIds.add(ids.incrementAndGet());
    }
    for (int i = 0; i < declared.getFieldCount(); i++) {
      Type t = declared.getType(i);
      fields.add(field(topIds.get(i), t, ids));
    }
    return new Schema(fields);
  }

  private static NestedField field(int id, Type t, AtomicInteger ids) {
    boolean optional = !t.isRepetition(Type.Repetition.REQUIRED);
    org.apache.iceberg.types.Type type;
    if (t.isPrimitive()) {
      type = primitive(t.asPrimitiveType());
    } else {
      GroupType kv = mapEntries(t);
      int keyId = ids.incrementAndGet();
      int valueId = ids.incrementAndGet();
      PrimitiveType key = primitive(kv.getType(0).asPrimitiveType());
      PrimitiveType value = primitive(kv.getType(1).asPrimitiveType());
      type =
          kv.getType(1).isRepetition(Type.Repetition.REQUIRED)
              ? org.apache.iceberg.types.Types.MapType.ofRequired(keyId, valueId, key, value)
              : org.apache.iceberg.types.Types.MapType.ofOptional(keyId, valueId, key, value);
    }
    return optional
        ? NestedField.optional(id, t.getName(), type)
        : NestedField.required(id, t.getName(), type);
  }

  private static PrimitiveType primitive(org.apache.parquet.schema.PrimitiveType p) {
    return switch (p.getPrimitiveTypeName()) {
      case INT64 -> org.apache.iceberg.types.Types.LongType.get();
      case INT32 -> org.apache.iceberg.types.Types.IntegerType.get();
      case DOUBLE -> org.apache.iceberg.types.Types.DoubleType.get();
      case BOOLEAN -> org.apache.iceberg.types.Types.BooleanType.get();
      case BINARY -> {
        if (!(p.getLogicalTypeAnnotation()
            instanceof LogicalTypeAnnotation.StringLogicalTypeAnnotation)) {
          throw new IllegalArgumentException("binary column without string type: " + p);
        }
        yield org.apache.iceberg.types.Types.StringType.get();
      }
      default -> throw new IllegalArgumentException("unsupported column type: " + p);
    };
  }

  private static GroupType mapEntries(Type t) {
    if (!(t.getLogicalTypeAnnotation() instanceof LogicalTypeAnnotation.MapLogicalTypeAnnotation)) {
      throw new IllegalArgumentException("unsupported group column: " + t);
    }
    return t.asGroupType().getType(0).asGroupType();
  }

  /**
   * The declared file schema with the field ids of the table's schema, matched by name.
   *
   * @throws IllegalArgumentException when the table lacks a declared column
   */
  static MessageType withIds(MessageType declared, Schema table) {
    List<Type> fields = new ArrayList<>();
    for (Type t : declared.getFields()) {
      NestedField f = table.findField(t.getName());
      if (f == null) {
        throw new IllegalArgumentException("table has no column " + t.getName());
      }
      if (t.isPrimitive()) {
        fields.add(t.withId(f.fieldId()));
      } else {
        org.apache.iceberg.types.Types.MapType m = f.type().asMapType();
        GroupType kv = mapEntries(t);
        GroupType entries =
            kv.withNewFields(kv.getType(0).withId(m.keyId()), kv.getType(1).withId(m.valueId()));
        fields.add(t.asGroupType().withNewFields(entries).withId(f.fieldId()));
      }
    }
    return new MessageType(declared.getName(), fields);
  }
}
