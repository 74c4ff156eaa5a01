package io.hopscope.reports.html;

import java.util.ArrayList;
import java.util.List;

/**
 * A table of a page as text: its columns and rows, every value formatted already. The template
 * {@code table.jte} draws it and escapes every cell.
 *
 * @param columns the header row
 * @param rows the body
 */
public record Table(List<Table.Column> columns, List<Table.Row> rows) {
  public Table {
    columns = List.copyOf(columns);
    rows = List.copyOf(rows);
  }

  /**
   * A column: its header, whether it holds text (left-aligned) and whether its cells are code.
   *
   * @param header the header's text
   * @param text whether the column holds text (class "text"), not numbers
   * @param code whether each cell is set as code
   */
  public record Column(String header, boolean text, boolean code) {
    /** A column of numbers. */
    public static Column number(String header) {
      return new Column(header, false, false);
    }

    /** A column of text. */
    public static Column text(String header) {
      return new Column(header, true, false);
    }

    /** A column of names set as code. */
    public static Column code(String header) {
      return new Column(header, true, true);
    }
  }

  /**
   * One row.
   *
   * @param cls the row's class (e.g. "knee" to mark it), or null
   * @param cells one per column
   */
  public record Row(String cls, List<Cell> cells) {
    public Row {
      cells = List.copyOf(cells);
    }
  }

  /**
   * One cell.
   *
   * @param text its text
   * @param cls its class when not the column's (e.g. a verdict's "passed"), or null
   */
  public record Cell(String text, String cls) {}

  /** The class a cell is drawn with: its own, else "text" in a text column, else none. */
  public String cellClass(int column, Cell cell) {
    return cell.cls() != null ? cell.cls() : columns.get(column).text() ? "text" : null;
  }

  /** The class of a header cell. */
  public static String headerClass(Column c) {
    return c.text() ? "text" : null;
  }

  /** Builds a table row by row. */
  public static final class Builder {
    private final List<Column> columns;
    private final List<Row> rows = new ArrayList<>();

    public Builder(List<Column> columns) {
      this.columns = List.copyOf(columns);
    }

    /** Adds a row of plain cells. */
    public Builder row(String... cells) {
      return classed(null, cells);
    }

    /** Adds a row with a class (null for none). */
    public Builder classed(String cls, String... cells) {
      List<Cell> c = new ArrayList<>(cells.length);
      for (String s : cells) {
        c.add(new Cell(s, null));
      }
      return row(cls, c);
    }

    /** Adds a row of cells with their own classes. */
    public Builder row(String cls, List<Cell> cells) {
      if (cells.size() != columns.size()) {
        throw new IllegalArgumentException(
            cells.size() + " cells for " + columns.size() + " columns");
      }
      rows.add(new Row(cls, cells));
      return this;
    }

    public boolean isEmpty() {
      return rows.isEmpty();
    }

    public Table build() {
      return new Table(columns, rows);
    }
  }
}
