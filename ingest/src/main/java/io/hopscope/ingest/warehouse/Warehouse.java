package io.hopscope.ingest.warehouse;

import io.hopscope.error.Problems;
import io.hopscope.ingest.RunId;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.exceptions.AlreadyExistsException;
import org.apache.iceberg.exceptions.NoSuchTableException;
import org.apache.iceberg.types.Types.NestedField;

/**
 * The warehouse: Apache Iceberg tables, each partitioned by {@code run_id}, in one catalog. By
 * default the catalog is Iceberg's file-system catalog rooted at {@code --warehouse} (tables at
 * {@code <root>/<table>/}, data under {@code data/}, snapshots under {@code metadata/}); any other
 * catalog is configured with the same settings Spark takes ({@code spark.sql.catalog.hopscope.*},
 * see {@link CatalogSettings}).
 *
 * <p>Writes go through {@link #beginRun}: one atomic, validated overwrite per table and the run's
 * head row committed last ({@link RunWrite}). Reads of a run go through {@link RunSnapshots}, which
 * picks for every table the snapshot holding the version of the run the head row names.
 */
public final class Warehouse {
  private final String rootUri;
  private final Configuration conf;
  private final CatalogSettings settings;
  private final Catalog catalog;
  private final Map<String, Table> tables = new ConcurrentHashMap<>();

  /**
   * A Hadoop configuration with the JVM's {@code spark.hadoop.*} system properties applied (e.g.
   * s3a credentials given to spark-submit), so a warehouse opened without Spark sees the same
   * storage settings as one opened with it.
   */
  public static Configuration systemHadoopConf() {
    Configuration conf = new Configuration();
    String prefix = "spark.hadoop.";
    for (String k : System.getProperties().stringPropertyNames()) {
      if (k.startsWith(prefix) && k.length() > prefix.length()) {
        conf.set(k.substring(prefix.length()), System.getProperty(k));
      }
    }
    return conf;
  }

  /** A warehouse whose catalog settings come from the JVM's {@code spark.*} system properties. */
  public Warehouse(String rootUri, Configuration conf) {
    this(rootUri, conf, CatalogSettings.fromSystemProperties(), false);
  }

  /**
   * @param legacyAllowed true only for the migration, which reads the old Parquet layout beside
   */
  public Warehouse(
      String rootUri,
      Configuration conf,
      Map<String, String> sparkSettings,
      boolean legacyAllowed) {
    Objects.requireNonNull(rootUri);
    this.conf = Objects.requireNonNull(conf);
    String qualified;
    try {
      Path p = new Path(rootUri);
      FileSystem fs = p.getFileSystem(conf);
      qualified = fs.makeQualified(p).toString();
    } catch (IOException | IllegalArgumentException e) {
      throw Problems.storage(rootUri, "cannot open warehouse", e);
    }
    this.rootUri = qualified;
    this.settings = CatalogSettings.of(qualified, sparkSettings);
    if (settings.fileSystemCatalog() && !legacyAllowed) {
      List<String> legacy = LegacyLayout.tables(this);
      if (!legacy.isEmpty()) {
        throw Problems.usage(
            "the warehouse "
                + qualified
                + " holds tables in hopscope's earlier Parquet layout ("
                + String.join(", ", legacy)
                + ") that must be converted to Iceberg tables first",
            "run: hopscope migrate --warehouse " + rootUri);
      }
    }
    try {
      this.catalog = settings.build(conf);
    } catch (RuntimeException e) {
      throw Problems.storage(qualified, "cannot open the warehouse's Iceberg catalog", e);
    }
  }

  /** The qualified root URI, e.g. {@code file:/home/me/warehouse}. */
  public String rootUri() {
    return rootUri;
  }

  public Configuration conf() {
    return conf;
  }

  public CatalogSettings settings() {
    return settings;
  }

  /** The catalog's identifier of a table. */
  public TableIdentifier identifier(String table) {
    return TableIdentifier.of(settings.namespace(), table);
  }

  /**
   * What Spark's Iceberg source loads for a table: the table's location for the file-system
   * catalog, else {@code hopscope.<namespace>.<table>} in the Spark catalog of the same settings.
   */
  public String sparkSource(String table) {
    if (settings.fileSystemCatalog()) {
      return rootUri + "/" + table;
    }
    return CatalogSettings.NAME + "." + identifier(table);
  }

  /** Starts writing one version of a run in a family of tables (see {@link RunWrite}). */
  public RunWrite beginRun(RunId run, TableFamily family) {
    return new RunWrite(this, run, family);
  }

  /** The table, refreshed; empty when it has never been written. */
  public Optional<Table> find(String table) {
    Table t = tables.get(table);
    try {
      if (t == null) {
        t = catalog.loadTable(identifier(table));
        tables.put(table, t);
      } else {
        t.refresh();
      }
      return Optional.of(t);
    } catch (NoSuchTableException e) {
      return Optional.empty();
    } catch (RuntimeException e) {
      throw Problems.storage(rootUri + " " + table, "cannot read the table's metadata", e);
    }
  }

  /** The table, refreshed, created when missing; new declared columns are added to it. */
  public Table table(TableDef<?> def) {
    Table t = find(def.name()).orElse(null);
    if (t == null) {
      t = create(def);
    }
    evolve(t, def);
    return t;
  }

  private Table create(TableDef<?> def) {
    Schema schema = IcebergSchemas.toIceberg(def.schema());
    PartitionSpec spec = PartitionSpec.builderFor(schema).identity(TableDef.RUN_ID).build();
    try {
      Table t = catalog.createTable(identifier(def.name()), schema, spec, TableSettings.NEW);
      tables.put(def.name(), t);
      return t;
    } catch (AlreadyExistsException e) {
      // Another writer created it first.
      return find(def.name()).orElseThrow(() -> e);
    } catch (RuntimeException e) {
      throw Problems.storage(rootUri + " " + def.name(), "cannot create the table", e);
    }
  }

  /** Adds the declared columns a table made by an older hopscope lacks (as optional columns). */
  private static void evolve(Table t, TableDef<?> def) {
    boolean missing = false;
    for (org.apache.parquet.schema.Type c : def.schema().getFields()) {
      if (t.schema().findField(c.getName()) == null) {
        missing = true;
      }
    }
    if (missing) {
      Schema declared = IcebergSchemas.toIceberg(def.schema());
      org.apache.iceberg.UpdateSchema u = t.updateSchema();
      for (NestedField f : declared.columns()) {
        if (t.schema().findField(f.name()) == null) {
          u.addColumn(f.name(), f.type(), f.doc());
        }
      }
      u.commit();
    }
  }
}
