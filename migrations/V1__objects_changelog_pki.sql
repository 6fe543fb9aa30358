-- kpg schema v1: live objects, the change log (watch history), the resourceVersion counter,
-- and cluster-wide secrets (CA and signing keys) shared by all replicas.

-- One row. resourceVersions are handed out by bumping it inside the writing transaction while
-- holding its row lock, so rv order is commit order (see docs/adr/0001).
CREATE TABLE rv_counter (
    id  int PRIMARY KEY CHECK (id = 1),
    rv  bigint NOT NULL
);
INSERT INTO rv_counter (id, rv) VALUES (1, 1);

-- One row per live object. `data` is the serialized object exactly as served.
CREATE TABLE objects (
    cluster    text   NOT NULL,
    api_group  text   NOT NULL,
    resource   text   NOT NULL,
    namespace  text   NOT NULL,   -- '' for cluster-scoped kinds
    name       text   NOT NULL,
    rv         bigint NOT NULL,
    labels     jsonb  NOT NULL DEFAULT '{}'::jsonb,
    data       text   NOT NULL,
    PRIMARY KEY (cluster, api_group, resource, namespace, name)
);
CREATE INDEX objects_labels ON objects USING gin (labels jsonb_path_ops);

-- Append-only change log, written in the same transaction as the object row.
-- type: A(dded), M(odified), D(eleted). `data` is the object after the change (for D: its last
-- state, carrying the deletion rv); `prev_data` the object before (NULL for A). prev_data lets a
-- paginated list reconstruct the state at an older rv.
CREATE TABLE changes (
    rv         bigint PRIMARY KEY,
    cluster    text   NOT NULL,
    api_group  text   NOT NULL,
    resource   text   NOT NULL,
    namespace  text   NOT NULL,
    name       text   NOT NULL,
    type       char(1) NOT NULL,
    data       text   NOT NULL,
    prev_data  text,
    created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX changes_key ON changes (cluster, api_group, resource, namespace, name, rv);

-- Highest rv removed from the change log by compaction; watches and continue tokens older
-- than this get 410 Expired.
CREATE TABLE compaction (
    id           int PRIMARY KEY CHECK (id = 1),
    compacted_rv bigint NOT NULL
);
INSERT INTO compaction (id, compacted_rv) VALUES (1, 0);

-- Cluster-wide secrets: the CA, serving certificate and keys, so every replica serves the same
-- identity and a kubeconfig from one works against all.
CREATE TABLE cluster_secrets (
    name       text PRIMARY KEY,
    value      text NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now()
);
