-- Instructors' datasets: each upload's rows, re-encoded as CSV lines in chunks of at most 8,192 rows, so a row range
-- is read by whole chunks. An upload is staged (sealed_at NULL) while it streams in, and sealed when the file was
-- good; a dataset version (grain state) refers to a sealed upload by its id. Staged uploads older than a few hours
-- belong to a writer that is gone and are swept by the next upload.
CREATE TABLE ppipe_dataset_upload (
  upload_id  uuid        NOT NULL PRIMARY KEY,
  dataset_id text        NOT NULL,
  started_at timestamptz NOT NULL DEFAULT now(),
  sealed_at  timestamptz NULL
);

CREATE INDEX ppipe_dataset_upload_dataset ON ppipe_dataset_upload (dataset_id);
CREATE INDEX ppipe_dataset_upload_staged ON ppipe_dataset_upload (started_at) WHERE sealed_at IS NULL;

CREATE TABLE ppipe_dataset_chunk (
  upload_id uuid    NOT NULL REFERENCES ppipe_dataset_upload (upload_id) ON DELETE CASCADE,
  chunk     integer NOT NULL,
  first_row bigint  NOT NULL,
  row_count integer NOT NULL,
  data      bytea   NOT NULL,
  PRIMARY KEY (upload_id, chunk)
);

-- Chunks are already compact text read whole; out-of-line compression would cost CPU on every release.
ALTER TABLE ppipe_dataset_chunk ALTER COLUMN data SET STORAGE EXTERNAL;
