-- Grain state (Microsoft.Orleans.Persistence.AdoNet, invariant Npgsql).
-- A row is identified by seven values (hashes, key parts, state name, extension, service id); the
-- unique index makes the insert-if-missing write race-safe (NULL extensions compare equal).

CREATE TABLE orleansstorage (
  grainidhash            integer     NOT NULL,
  grainidn0              bigint      NOT NULL,
  grainidn1              bigint      NOT NULL,
  graintypehash          integer     NOT NULL,
  graintypestring        text        NOT NULL,
  grainidextensionstring text        NULL,
  serviceid              text        NOT NULL,
  payloadbinary          bytea       NULL,
  modifiedon             timestamptz NOT NULL DEFAULT now(),
  version                integer     NULL
);

CREATE UNIQUE INDEX ux_orleansstorage_identity ON orleansstorage
  (grainidhash, graintypehash, grainidn0, grainidn1, serviceid, graintypestring, grainidextensionstring)
  NULLS NOT DISTINCT;

INSERT INTO orleansquery (querykey, querytext) VALUES
('ReadFromStorageKey', $q$
SELECT payloadbinary, version
FROM orleansstorage
WHERE grainidhash = @GrainIdHash AND graintypehash = @GrainTypeHash
  AND grainidn0 = @GrainIdN0 AND grainidn1 = @GrainIdN1
  AND serviceid = @ServiceId AND graintypestring = @GrainTypeString
  AND grainidextensionstring IS NOT DISTINCT FROM @GrainIdExtensionString
$q$),

-- With a version: update only that version, answer the new one (or the old one: a conflict).
-- Without: insert version 1 only if no row exists, answer 1 (or NULL: a conflict).
('WriteToStorageKey', $q$
WITH updated AS (
  UPDATE orleansstorage
  SET payloadbinary = @PayloadBinary, modifiedon = now(), version = version + 1
  WHERE @GrainStateVersion IS NOT NULL
    AND grainidhash = @GrainIdHash AND graintypehash = @GrainTypeHash
    AND grainidn0 = @GrainIdN0 AND grainidn1 = @GrainIdN1
    AND serviceid = @ServiceId AND graintypestring = @GrainTypeString
    AND grainidextensionstring IS NOT DISTINCT FROM @GrainIdExtensionString
    AND version = @GrainStateVersion
  RETURNING version
), inserted AS (
  INSERT INTO orleansstorage
    (grainidhash, grainidn0, grainidn1, graintypehash, graintypestring, grainidextensionstring,
     serviceid, payloadbinary, modifiedon, version)
  SELECT @GrainIdHash, @GrainIdN0, @GrainIdN1, @GrainTypeHash, @GrainTypeString, @GrainIdExtensionString,
         @ServiceId, @PayloadBinary, now(), 1
  WHERE @GrainStateVersion IS NULL
  ON CONFLICT DO NOTHING
  RETURNING version
)
SELECT COALESCE((SELECT version FROM updated), (SELECT version FROM inserted), @GrainStateVersion) AS newgrainstateversion
$q$),

('ClearStorageKey', $q$
UPDATE orleansstorage
SET payloadbinary = NULL, modifiedon = now(), version = version + 1
WHERE grainidhash = @GrainIdHash AND graintypehash = @GrainTypeHash
  AND grainidn0 = @GrainIdN0 AND grainidn1 = @GrainIdN1
  AND serviceid = @ServiceId AND graintypestring = @GrainTypeString
  AND grainidextensionstring IS NOT DISTINCT FROM @GrainIdExtensionString
  AND version = @GrainStateVersion
RETURNING version
$q$),

('DeleteStorageKey', $q$
DELETE FROM orleansstorage
WHERE grainidhash = @GrainIdHash AND graintypehash = @GrainTypeHash
  AND grainidn0 = @GrainIdN0 AND grainidn1 = @GrainIdN1
  AND serviceid = @ServiceId AND graintypestring = @GrainTypeString
  AND grainidextensionstring IS NOT DISTINCT FROM @GrainIdExtensionString
  AND version = @GrainStateVersion
RETURNING version + 1
$q$)
ON CONFLICT (querykey) DO UPDATE SET querytext = EXCLUDED.querytext;
