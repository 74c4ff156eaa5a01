package io.hopscope.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hopscope.analytics.spark.WarehouseViews;
import io.hopscope.error.Problems;
import io.hopscope.ingest.warehouse.Warehouse;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.apache.spark.sql.AnalysisException;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructField;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(
    name = "query",
    description = {
      "Spark SQL over the warehouse: every table is a view of the same name (runs, jobs,"
          + " rejects, k6_points, k6_summary, k6_thresholds, prom_samples, plateau_stats,"
          + " run_summary), across all runs, with run_id as a column, each run at its committed"
          + " version. Read-only: only queries run (SELECT, WITH, VALUES, TABLE); statements"
          + " that write, DDL and commands are refused (exit 2).",
      "Example: hopscope query \"select run_id, plateau_index, p95_ms from plateau_stats where"
          + " segment = 'hop' order by run_id, plateau_index\""
    })
final class QueryCommand implements Callable<Integer> {
  @ParentCommand HopscopeCommand root;

  @Parameters(index = "0", paramLabel = "SQL", description = "The query.")
  String sql;

  @Mixin WarehouseOption warehouseOption = new WarehouseOption();

  @Option(
      names = "--format",
      paramLabel = "FORMAT",
      defaultValue = "table",
      description = "table, csv or json (one object per line) (default: ${DEFAULT-VALUE}).")
  String format;

  @Option(
      names = "--limit",
      paramLabel = "N",
      defaultValue = "10000",
      description = "At most this many rows are printed (default: ${DEFAULT-VALUE}).")
  int limit;

  @Override
  public Integer call() {
    String f = format.toLowerCase(Locale.ROOT);
    if (!List.of("table", "csv", "json").contains(f)) {
      throw Problems.usage("--format " + format + " is not table, csv or json", "pick one");
    }
    SparkSession spark = SparkSessions.get("hopscope query");
    Warehouse wh = Warehouses.open(warehouseOption.uri, spark);
    List<String> tables = WarehouseViews.register(spark, wh);
    if (tables.isEmpty()) {
      throw Problems.missingData(
          "the warehouse " + wh.rootUri() + " has no tables", "ingest or analyze a run first");
    }
    Dataset<Row> result = readOnly(spark, sql, tables);
    List<Row> rows = result.limit(limit).collectAsList();
    StructField[] fields = result.schema().fields();
    PrintStream out = root.env().out();
    switch (f) {
      case "csv" -> csv(out, fields, rows);
      case "json" -> json(out, fields, rows);
      default -> table(out, fields, rows);
    }
    return 0;
  }

  /**
   * Runs the text only if Spark parses it as a query (SELECT, WITH, VALUES, TABLE, FROM …):
   * statements that write (INSERT, INSERT OVERWRITE DIRECTORY, CREATE TABLE AS, …), DDL and
   * commands are refused before anything runs. The warehouse changes only through ingest and
   * analyze.
   */
  static Dataset<Row> readOnly(SparkSession spark, String sql, List<String> tables) {
    org.apache.spark.sql.classic.SparkSession classic =
        (org.apache.spark.sql.classic.SparkSession) spark;
    org.apache.spark.sql.catalyst.plans.logical.LogicalPlan plan;
    try {
      plan = classic.sessionState().sqlParser().parseQuery(sql);
    } catch (Exception e) { // Spark's ParseException is checked but undeclared
      if (!(e instanceof org.apache.spark.sql.catalyst.parser.ParseException)) {
        throw e instanceof RuntimeException re ? re : new IllegalStateException(e);
      }
      boolean isQuery;
      try {
        classic.sessionState().sqlParser().parsePlan(sql);
        isQuery = false; // valid SQL, but not a query: a statement or command
      } catch (Exception notSql) {
        isQuery = true; // not valid SQL at all: report the parse error
      }
      if (!isQuery) {
        throw Problems.usage(
            "hopscope query is read-only: only queries (SELECT, WITH, VALUES, TABLE) run, and this"
                + " is a statement that would change something",
            "the warehouse changes only through hopscope ingest and analyze");
      }
      throw Problems.usage(
          "the query is not valid SQL: " + firstLine(e),
          "the tables are " + String.join(", ", tables));
    }
    try {
      return org.apache.spark.sql.classic.Dataset.ofRows(classic, plan);
    } catch (Exception e) { // Spark's AnalysisException is checked but undeclared
      if (!(e instanceof AnalysisException)) {
        throw e instanceof RuntimeException re ? re : new IllegalStateException(e);
      }
      throw Problems.usage(
          "the query is not valid: " + firstLine(e), "the tables are " + String.join(", ", tables));
    }
  }

  private static String firstLine(Exception e) {
    return e.getMessage() == null ? "" : e.getMessage().lines().findFirst().orElse("");
  }

  private static String text(Row r, int i) {
    if (r.isNullAt(i)) {
      return "";
    }
    Object v = r.get(i);
    return v instanceof Double d ? io.hopscope.reports.export.Numbers.plain(d) : String.valueOf(v);
  }

  private static void csv(PrintStream out, StructField[] fields, List<Row> rows) {
    List<String> h = new ArrayList<>();
    for (StructField f : fields) {
      h.add(quote(f.name()));
    }
    out.println(String.join(",", h));
    for (Row r : rows) {
      List<String> cells = new ArrayList<>();
      for (int i = 0; i < fields.length; i++) {
        cells.add(quote(text(r, i)));
      }
      out.println(String.join(",", cells));
    }
  }

  private static String quote(String s) {
    return io.hopscope.reports.export.Csv.field(s);
  }

  private static void json(PrintStream out, StructField[] fields, List<Row> rows) {
    ObjectMapper m = new ObjectMapper();
    for (Row r : rows) {
      ObjectNode o = m.createObjectNode();
      for (int i = 0; i < fields.length; i++) {
        o.set(fields[i].name(), r.isNullAt(i) ? m.nullNode() : m.valueToTree(plain(r.get(i))));
      }
      out.println(o.toString());
    }
  }

  private static Object plain(Object v) {
    if (v instanceof scala.collection.Map<?, ?> map) {
      return scala.jdk.javaapi.CollectionConverters.asJava(map);
    }
    if (v instanceof scala.collection.Seq<?> seq) {
      return scala.jdk.javaapi.CollectionConverters.asJava(seq);
    }
    return v;
  }

  private static void table(PrintStream out, StructField[] fields, List<Row> rows) {
    int[] width = new int[fields.length];
    for (int i = 0; i < fields.length; i++) {
      width[i] = fields[i].name().length();
      for (Row r : rows) {
        width[i] = Math.min(60, Math.max(width[i], text(r, i).length()));
      }
    }
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < fields.length; i++) {
      sb.append(i == 0 ? "" : " | ").append(pad(fields[i].name(), width[i]));
    }
    out.println(sb);
    sb.setLength(0);
    for (int i = 0; i < fields.length; i++) {
      sb.append(i == 0 ? "" : "-+-").append("-".repeat(width[i]));
    }
    out.println(sb);
    for (Row r : rows) {
      sb.setLength(0);
      for (int i = 0; i < fields.length; i++) {
        String t = text(r, i);
        if (t.length() > width[i]) {
          t = t.substring(0, width[i] - 1) + "…";
        }
        sb.append(i == 0 ? "" : " | ").append(pad(t, width[i]));
      }
      out.println(sb);
    }
    out.println("(" + rows.size() + " row" + (rows.size() == 1 ? "" : "s") + ")");
  }

  private static String pad(String s, int w) {
    return s.length() >= w ? s : s + " ".repeat(w - s.length());
  }
}
