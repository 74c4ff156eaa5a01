package io.hopscope.ingest.warehouse;

import java.util.List;
import java.util.Objects;

/**
 * Tables whose rows of one run are replaced together, as one version of the run: the members,
 * committed first (one atomic overwrite each), then the head, whose one row per run names the
 * version ({@value #WRITE_ID}) and the snapshot each member was committed in ({@value #SNAPSHOTS}).
 * The head's commit is the version's commit point: readers follow it (see {@link RunSnapshots}), so
 * they never see members of two versions together.
 *
 * <p>Two families exist: what ingest writes (head {@code runs}) and what analyze derives (head
 * {@code run_summary}).
 */
public record TableFamily(TableDef<?> head, List<TableDef<?>> members) {
  /** The head's column naming the version: the id of the write that committed it. */
  public static final String WRITE_ID = "write_id";

  /** The head's column {@code map<table, snapshot id>}: where each member's rows of it are. */
  public static final String SNAPSHOTS = "snapshots";

  public TableFamily {
    Objects.requireNonNull(head);
    members = List.copyOf(members);
    head.schema().getFieldIndex(WRITE_ID);
    head.schema().getFieldIndex(SNAPSHOTS);
    for (TableDef<?> m : members) {
      if (m.name().equals(head.name())) {
        throw new IllegalArgumentException("the head is not a member: " + m.name());
      }
    }
  }

  /** The member or head of this name. */
  public TableDef<?> table(String name) {
    if (head.name().equals(name)) {
      return head;
    }
    for (TableDef<?> m : members) {
      if (m.name().equals(name)) {
        return m;
      }
    }
    throw new IllegalArgumentException("no table " + name + " in the family of " + head.name());
  }

  /** True when the table belongs to this family. */
  public boolean contains(String name) {
    return head.name().equals(name) || members.stream().anyMatch(m -> m.name().equals(name));
  }
}
