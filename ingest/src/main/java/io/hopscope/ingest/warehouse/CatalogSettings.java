package io.hopscope.ingest.warehouse;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.apache.hadoop.conf.Configuration;
import org.apache.iceberg.CatalogProperties;
import org.apache.iceberg.CatalogUtil;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.SupportsNamespaces;

/**
 * Which Iceberg catalog holds the warehouse's tables, from the settings Spark takes for a catalog
 * named {@value #NAME}: {@code spark.sql.catalog.hopscope.<key>=<value>} (as {@code spark-submit
 * --conf} or {@code -D} system properties). Without any, the catalog is Iceberg's file-system
 * catalog rooted at {@code --warehouse}: safe where a rename is atomic (a local disk, with {@link
 * LocalCommitLock}; HDFS). On object stores use a catalog that swaps atomically, e.g. {@code
 * type=jdbc} with {@code uri=jdbc:postgresql://…}, {@code type=rest} or {@code type=glue}, with
 * {@code warehouse=s3a://…}.
 *
 * @param properties the Iceberg catalog properties (without the Spark prefix)
 * @param namespace where the tables are: {@code default-namespace} when set, else none for the
 *     file-system catalog (tables directly under the root) and {@code hopscope} for others
 * @param fileSystemCatalog true for Iceberg's file-system ("hadoop") catalog
 */
public record CatalogSettings(
    Map<String, String> properties, Namespace namespace, boolean fileSystemCatalog) {
  /** The catalog's name in Spark. */
  public static final String NAME = "hopscope";

  /** The prefix of the catalog's settings in Spark's configuration. */
  public static final String PREFIX = "spark.sql.catalog." + NAME + ".";

  static final String DEFAULT_NAMESPACE = "default-namespace";

  public CatalogSettings {
    properties = Map.copyOf(properties);
  }

  /** The {@code spark.sql.catalog.hopscope.*} system properties. */
  public static Map<String, String> fromSystemProperties() {
    Map<String, String> out = new TreeMap<>();
    for (String k : System.getProperties().stringPropertyNames()) {
      if (k.startsWith(PREFIX)) {
        out.put(k, System.getProperty(k));
      }
    }
    return out;
  }

  /**
   * @param rootUri the qualified {@code --warehouse}: the file-system catalog's root, and the
   *     warehouse location of other catalogs unless their settings name one
   * @param sparkSettings Spark settings; only {@code spark.sql.catalog.hopscope.*} are read
   */
  public static CatalogSettings of(String rootUri, Map<String, String> sparkSettings) {
    Map<String, String> props = new LinkedHashMap<>();
    sparkSettings.forEach(
        (k, v) -> {
          if (k.startsWith(PREFIX)) {
            props.put(k.substring(PREFIX.length()), v);
          }
        });
    String type = props.get(CatalogUtil.ICEBERG_CATALOG_TYPE);
    boolean fileSystem =
        !props.containsKey(CatalogProperties.CATALOG_IMPL)
            && (type == null || CatalogUtil.ICEBERG_CATALOG_TYPE_HADOOP.equals(type));
    String ns = props.remove(DEFAULT_NAMESPACE);
    if (fileSystem) {
      props.put(CatalogUtil.ICEBERG_CATALOG_TYPE, CatalogUtil.ICEBERG_CATALOG_TYPE_HADOOP);
      props.put(CatalogProperties.WAREHOUSE_LOCATION, rootUri);
      if (rootUri.startsWith("file:")) {
        props.putIfAbsent(CatalogProperties.LOCK_IMPL, LocalCommitLock.class.getName());
      }
    } else {
      props.putIfAbsent(CatalogProperties.WAREHOUSE_LOCATION, rootUri);
    }
    Namespace namespace =
        ns != null && !ns.isEmpty()
            ? Namespace.of(ns.split("\\."))
            : fileSystem ? Namespace.empty() : Namespace.of(NAME);
    return new CatalogSettings(props, namespace, fileSystem);
  }

  /** Builds the catalog, creating the namespace when the catalog keeps namespaces. */
  Catalog build(Configuration conf) {
    Catalog c = CatalogUtil.buildIcebergCatalog(NAME, properties, conf);
    if (!namespace.isEmpty()
        && c instanceof SupportsNamespaces ns
        && !ns.namespaceExists(namespace)) {
      try {
        ns.createNamespace(namespace);
      } catch (org.apache.iceberg.exceptions.AlreadyExistsException e) {
        // Created by another process meanwhile.
      }
    }
    return c;
  }
}
