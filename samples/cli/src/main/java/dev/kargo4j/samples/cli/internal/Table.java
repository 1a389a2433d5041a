package dev.kargo4j.samples.cli.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** A plain-text table as kubectl prints one: upper-case headers, columns padded by three spaces. Not thread-safe. */
public final class Table {
  private final List<String[]> rows = new ArrayList<>();
  private final int width;

  /** A table with these column headers. */
  public Table(String... headers) {
    this.width = headers.length;
    rows.add(headers);
  }

  /** Adds a row; null cells print as empty, missing cells are empty. */
  public Table row(Object... cells) {
    String[] r = new String[width];
    Arrays.fill(r, "");
    for (int i = 0; i < Math.min(width, cells.length); i++) {
      r[i] = cells[i] == null ? "" : cells[i].toString();
    }
    rows.add(r);
    return this;
  }

  /** How many data rows. */
  public int size() {
    return rows.size() - 1;
  }

  /** The table, each line ending in a newline. */
  public String render() {
    int[] w = new int[width];
    for (String[] r : rows) {
      for (int i = 0; i < width; i++) {
        w[i] = Math.max(w[i], r[i].length());
      }
    }
    StringBuilder sb = new StringBuilder();
    for (String[] r : rows) {
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < width; i++) {
        line.append(r[i]);
        if (i < width - 1) {
          line.append(" ".repeat(w[i] - r[i].length() + 3));
        }
      }
      sb.append(line.toString().stripTrailing()).append('\n');
    }
    return sb.toString();
  }
}
