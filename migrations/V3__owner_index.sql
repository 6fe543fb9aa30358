-- The uids an object names in metadata.ownerReferences, indexed, so that the garbage collector
-- finds an owner's dependents without scanning.
ALTER TABLE objects ADD COLUMN owner_uids text[] NOT NULL DEFAULT '{}';
UPDATE objects SET owner_uids = ARRAY(
    SELECT r->>'uid' FROM jsonb_array_elements(
        coalesce((data::jsonb)->'metadata'->'ownerReferences', '[]'::jsonb)) r
    WHERE r->>'uid' IS NOT NULL);
CREATE INDEX objects_owner_uids ON objects USING gin (owner_uids);
