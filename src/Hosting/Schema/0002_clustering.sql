-- Cluster membership (Microsoft.Orleans.Clustering.AdoNet, invariant Npgsql).
-- One version row per cluster (deployment id) is the optimistic-concurrency token of the whole
-- membership table: every insert or update of a silo row bumps it, in the same statement.

CREATE TABLE orleansmembershipversiontable (
  deploymentid text        NOT NULL,
  timestamp    timestamptz NOT NULL DEFAULT now(),
  version      integer     NOT NULL DEFAULT 0,
  CONSTRAINT pk_orleansmembershipversiontable PRIMARY KEY (deploymentid)
);

CREATE TABLE orleansmembershiptable (
  deploymentid text        NOT NULL,
  address      text        NOT NULL,
  port         integer     NOT NULL,
  generation   integer     NOT NULL,
  siloname     text        NOT NULL,
  hostname     text        NOT NULL,
  status       integer     NOT NULL,
  proxyport    integer     NULL,
  suspecttimes text        NULL,
  starttime    timestamptz NOT NULL,
  iamalivetime timestamptz NOT NULL,
  CONSTRAINT pk_orleansmembershiptable PRIMARY KEY (deploymentid, address, port, generation),
  CONSTRAINT fk_orleansmembershiptable_version FOREIGN KEY (deploymentid)
    REFERENCES orleansmembershipversiontable (deploymentid) ON DELETE CASCADE
);

INSERT INTO orleansquery (querykey, querytext) VALUES
('InsertMembershipVersionKey', $q$
WITH created AS (
  INSERT INTO orleansmembershipversiontable (deploymentid) VALUES (@DeploymentId)
  ON CONFLICT (deploymentid) DO NOTHING
  RETURNING 1
)
SELECT count(*)::integer FROM created
$q$),

('MembershipReadRowKey', $q$
SELECT v.deploymentid, m.address, m.port, m.generation, m.siloname, m.hostname, m.status, m.proxyport,
       m.suspecttimes, m.starttime, m.iamalivetime, v.version
FROM orleansmembershipversiontable v
LEFT JOIN orleansmembershiptable m
  ON m.deploymentid = v.deploymentid AND m.address = @Address AND m.port = @Port AND m.generation = @Generation
WHERE v.deploymentid = @DeploymentId
$q$),

('MembershipReadAllKey', $q$
SELECT v.deploymentid, m.address, m.port, m.generation, m.siloname, m.hostname, m.status, m.proxyport,
       m.suspecttimes, m.starttime, m.iamalivetime, v.version
FROM orleansmembershipversiontable v
LEFT JOIN orleansmembershiptable m ON m.deploymentid = v.deploymentid
WHERE v.deploymentid = @DeploymentId
$q$),

-- The version bump only happens when no row with this identity exists, and the row is only
-- inserted when the bump happened: both or neither. Concurrent writers serialize on the version
-- row's lock, and the loser's version check fails.
('InsertMembershipKey', $q$
WITH bumped AS (
  UPDATE orleansmembershipversiontable
  SET version = version + 1, timestamp = now()
  WHERE deploymentid = @DeploymentId AND version = @Version
    AND NOT EXISTS (SELECT 1 FROM orleansmembershiptable
                    WHERE deploymentid = @DeploymentId AND address = @Address
                      AND port = @Port AND generation = @Generation)
  RETURNING deploymentid
), inserted AS (
  INSERT INTO orleansmembershiptable
    (deploymentid, address, port, generation, siloname, hostname, status, proxyport, starttime, iamalivetime)
  SELECT deploymentid, @Address, @Port, @Generation, @SiloName, @HostName, @Status, @ProxyPort, @StartTime, @IAmAliveTime
  FROM bumped
  RETURNING 1
)
SELECT count(*)::integer FROM inserted
$q$),

('UpdateMembershipKey', $q$
WITH bumped AS (
  UPDATE orleansmembershipversiontable
  SET version = version + 1, timestamp = now()
  WHERE deploymentid = @DeploymentId AND version = @Version
    AND EXISTS (SELECT 1 FROM orleansmembershiptable
                WHERE deploymentid = @DeploymentId AND address = @Address
                  AND port = @Port AND generation = @Generation)
  RETURNING deploymentid
), updated AS (
  UPDATE orleansmembershiptable m
  SET status = @Status, suspecttimes = @SuspectTimes, iamalivetime = @IAmAliveTime
  FROM bumped
  WHERE m.deploymentid = bumped.deploymentid AND m.address = @Address
    AND m.port = @Port AND m.generation = @Generation
  RETURNING 1
)
SELECT count(*)::integer FROM updated
$q$),

-- Heartbeats never touch the version, so they never invalidate another writer's ETag.
('UpdateIAmAlivetimeKey', $q$
UPDATE orleansmembershiptable
SET iamalivetime = GREATEST(iamalivetime, @IAmAliveTime)
WHERE deploymentid = @DeploymentId AND address = @Address AND port = @Port AND generation = @Generation
$q$),

-- Silo rows go with the version row (ON DELETE CASCADE).
('DeleteMembershipTableEntriesKey', $q$
DELETE FROM orleansmembershipversiontable WHERE deploymentid = @DeploymentId
$q$),

('GatewaysQueryKey', $q$
SELECT address, proxyport, generation
FROM orleansmembershiptable
WHERE deploymentid = @DeploymentId AND status = @Status AND proxyport > 0
$q$),

-- Only rows of silos declared Dead (6) are ever removed.
('CleanupDefunctSiloEntriesKey', $q$
DELETE FROM orleansmembershiptable
WHERE deploymentid = @DeploymentId AND status = 6 AND iamalivetime < @IAmAliveTime
$q$),

('CleanupDefunctSiloEntryKey', $q$
DELETE FROM orleansmembershiptable
WHERE deploymentid = @DeploymentId AND address = @Address AND port = @Port AND generation = @Generation
  AND status = 6 AND starttime = @StartTime AND iamalivetime = @IAmAliveTime
  AND suspecttimes IS NOT DISTINCT FROM @SuspectTimes
$q$)
ON CONFLICT (querykey) DO UPDATE SET querytext = EXCLUDED.querytext;
