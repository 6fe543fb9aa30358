-- The change log becomes a table partitioned by resourceVersion ranges, so that compaction drops
-- whole partitions instead of deleting rows (see docs/adr/0001). Rows that arrive beyond every
-- partition (before the first maintenance run, or in a burst) land in the default partition,
-- which compaction cleans with a DELETE.

ALTER TABLE changes RENAME TO changes_v1;
ALTER INDEX changes_key RENAME TO changes_v1_key;

CREATE TABLE changes (
    rv         bigint  NOT NULL,
    cluster    text    NOT NULL,
    api_group  text    NOT NULL,
    resource   text    NOT NULL,
    namespace  text    NOT NULL,
    name       text    NOT NULL,
    type       char(1) NOT NULL,
    data       text    NOT NULL,
    prev_data  text,
    created_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (rv)
) PARTITION BY RANGE (rv);
CREATE INDEX changes_key ON changes (cluster, api_group, resource, namespace, name, rv);
CREATE TABLE changes_default PARTITION OF changes DEFAULT;

INSERT INTO changes SELECT rv, cluster, api_group, resource, namespace, name, type, data,
    prev_data, created_at FROM changes_v1;
DROP TABLE changes_v1;

-- One row per rv-range partition: [lo, hi). closed_at is when the counter passed hi (no more
-- rows can arrive); a partition closed longer ago than the retention window is dropped.
CREATE TABLE change_partitions (
    name      text   PRIMARY KEY,
    lo        bigint NOT NULL,
    hi        bigint NOT NULL,
    closed_at timestamptz
);
