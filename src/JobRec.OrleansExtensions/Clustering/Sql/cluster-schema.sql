-- JobRec's PostgreSQL set-up: Orleans.Clustering.AdoNet membership (the tables, functions and named queries its
-- ADO.NET provider runs, after dotnet/orleans src/AdoNet/Shared/PostgreSQL-Main.sql and
-- src/AdoNet/Orleans.Clustering.AdoNet/PostgreSQL-Clustering.sql, as 10.4.2 calls them) plus JobRec's grain state and index shard tables.
-- Idempotent: run by every silo at start, inside one transaction under an advisory lock (PostgresClusterSchema).

CREATE TABLE IF NOT EXISTS OrleansQuery (
    QueryKey  varchar(64)   NOT NULL,
    QueryText varchar(8000) NOT NULL,
    CONSTRAINT OrleansQuery_Key PRIMARY KEY (QueryKey)
);

CREATE TABLE IF NOT EXISTS OrleansMembershipVersionTable (
    DeploymentId varchar(150)   NOT NULL,
    Timestamp    timestamptz(3) NOT NULL DEFAULT now(),
    Version      integer        NOT NULL DEFAULT 0,
    CONSTRAINT PK_OrleansMembershipVersionTable_DeploymentId PRIMARY KEY (DeploymentId)
);

CREATE TABLE IF NOT EXISTS OrleansMembershipTable (
    DeploymentId varchar(150)   NOT NULL,
    Address      varchar(45)    NOT NULL,
    Port         integer        NOT NULL,
    Generation   integer        NOT NULL,
    SiloName     varchar(150)   NOT NULL,
    HostName     varchar(150)   NOT NULL,
    Status       integer        NOT NULL,
    ProxyPort    integer        NULL,
    SuspectTimes varchar(8000)  NULL,
    StartTime    timestamptz(3) NOT NULL,
    IAmAliveTime timestamptz(3) NOT NULL,
    CONSTRAINT PK_MembershipTable_DeploymentId PRIMARY KEY (DeploymentId, Address, Port, Generation),
    CONSTRAINT FK_MembershipTable_MembershipVersionTable_DeploymentId FOREIGN KEY (DeploymentId)
        REFERENCES OrleansMembershipVersionTable (DeploymentId)
);

-- A silo's heartbeat: only its own row changes, so no version check.
CREATE OR REPLACE FUNCTION update_i_am_alive_time(
    deployment_id   OrleansMembershipTable.DeploymentId%TYPE,
    address_arg     OrleansMembershipTable.Address%TYPE,
    port_arg        OrleansMembershipTable.Port%TYPE,
    generation_arg  OrleansMembershipTable.Generation%TYPE,
    i_am_alive_time OrleansMembershipTable.IAmAliveTime%TYPE)
RETURNS void AS $$
BEGIN
    UPDATE OrleansMembershipTable
       SET IAmAliveTime = i_am_alive_time
     WHERE DeploymentId = deployment_id AND Address = address_arg AND Port = port_arg AND Generation = generation_arg;
END
$$ LANGUAGE plpgsql;

-- Creates the version row of a deployment; 1 when created, 0 when it was there.
CREATE OR REPLACE FUNCTION insert_membership_version(
    deployment_id OrleansMembershipTable.DeploymentId%TYPE)
RETURNS TABLE(row_count integer) AS $$
DECLARE
    n integer := 0;
BEGIN
    INSERT INTO OrleansMembershipVersionTable (DeploymentId) VALUES (deployment_id) ON CONFLICT (DeploymentId) DO NOTHING;
    GET DIAGNOSTICS n = ROW_COUNT;
    RETURN QUERY SELECT n;
END
$$ LANGUAGE plpgsql;

-- Adds a silo's row and bumps the table version, both or neither: 1 when done, 0 when the row existed or the version moved on.
CREATE OR REPLACE FUNCTION insert_membership(
    deployment_id  OrleansMembershipTable.DeploymentId%TYPE,
    address_arg    OrleansMembershipTable.Address%TYPE,
    port_arg       OrleansMembershipTable.Port%TYPE,
    generation_arg OrleansMembershipTable.Generation%TYPE,
    silo_name      OrleansMembershipTable.SiloName%TYPE,
    host_name      OrleansMembershipTable.HostName%TYPE,
    status_arg     OrleansMembershipTable.Status%TYPE,
    proxy_port     OrleansMembershipTable.ProxyPort%TYPE,
    start_time     OrleansMembershipTable.StartTime%TYPE,
    i_am_alive     OrleansMembershipTable.IAmAliveTime%TYPE,
    version_arg    OrleansMembershipVersionTable.Version%TYPE)
RETURNS TABLE(row_count integer) AS $$
DECLARE
    n integer := 0;
BEGIN
    UPDATE OrleansMembershipVersionTable
       SET Timestamp = now(), Version = Version + 1
     WHERE DeploymentId = deployment_id AND Version = version_arg;
    GET DIAGNOSTICS n = ROW_COUNT;
    IF n = 0 THEN
        RETURN QUERY SELECT 0;
        RETURN;
    END IF;
    INSERT INTO OrleansMembershipTable (DeploymentId, Address, Port, Generation, SiloName, HostName, Status, ProxyPort, StartTime, IAmAliveTime)
    VALUES (deployment_id, address_arg, port_arg, generation_arg, silo_name, host_name, status_arg, proxy_port, start_time, i_am_alive)
    ON CONFLICT (DeploymentId, Address, Port, Generation) DO NOTHING;
    GET DIAGNOSTICS n = ROW_COUNT;
    IF n = 0 THEN
        RAISE EXCEPTION USING ERRCODE = 'P0001', MESSAGE = 'jobrec: membership row exists';
    END IF;
    RETURN QUERY SELECT 1;
EXCEPTION
    WHEN raise_exception THEN
        RETURN QUERY SELECT 0;
END
$$ LANGUAGE plpgsql;

-- Changes a silo's row and bumps the table version, both or neither: 1 when done, 0 when the version moved on or the row is missing.
CREATE OR REPLACE FUNCTION update_membership(
    deployment_id  OrleansMembershipTable.DeploymentId%TYPE,
    address_arg    OrleansMembershipTable.Address%TYPE,
    port_arg       OrleansMembershipTable.Port%TYPE,
    generation_arg OrleansMembershipTable.Generation%TYPE,
    status_arg     OrleansMembershipTable.Status%TYPE,
    suspect_times  OrleansMembershipTable.SuspectTimes%TYPE,
    i_am_alive     OrleansMembershipTable.IAmAliveTime%TYPE,
    version_arg    OrleansMembershipVersionTable.Version%TYPE)
RETURNS TABLE(row_count integer) AS $$
DECLARE
    n integer := 0;
BEGIN
    UPDATE OrleansMembershipVersionTable
       SET Timestamp = now(), Version = Version + 1
     WHERE DeploymentId = deployment_id AND Version = version_arg;
    GET DIAGNOSTICS n = ROW_COUNT;
    IF n = 0 THEN
        RETURN QUERY SELECT 0;
        RETURN;
    END IF;
    UPDATE OrleansMembershipTable
       SET Status = status_arg, SuspectTimes = suspect_times, IAmAliveTime = i_am_alive
     WHERE DeploymentId = deployment_id AND Address = address_arg AND Port = port_arg AND Generation = generation_arg;
    GET DIAGNOSTICS n = ROW_COUNT;
    IF n = 0 THEN
        RAISE EXCEPTION USING ERRCODE = 'P0001', MESSAGE = 'jobrec: membership row missing';
    END IF;
    RETURN QUERY SELECT 1;
EXCEPTION
    WHEN raise_exception THEN
        RETURN QUERY SELECT 0;
END
$$ LANGUAGE plpgsql;

-- The named queries Orleans.Clustering.AdoNet runs (parameters by name, result columns by name).
INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES
('UpdateIAmAlivetimeKey',
 'SELECT * FROM update_i_am_alive_time(@DeploymentId, @Address, @Port, @Generation, @IAmAliveTime);'),
('InsertMembershipVersionKey',
 'SELECT * FROM insert_membership_version(@DeploymentId);'),
('InsertMembershipKey',
 'SELECT * FROM insert_membership(@DeploymentId, @Address, @Port, @Generation, @SiloName, @HostName, @Status, @ProxyPort, @StartTime, @IAmAliveTime, @Version);'),
('UpdateMembershipKey',
 'SELECT * FROM update_membership(@DeploymentId, @Address, @Port, @Generation, @Status, @SuspectTimes, @IAmAliveTime, @Version);'),
('MembershipReadRowKey',
 'SELECT v.DeploymentId, m.Address, m.Port, m.Generation, m.SiloName, m.HostName, m.Status, m.ProxyPort, m.SuspectTimes, m.StartTime, m.IAmAliveTime, v.Version
    FROM OrleansMembershipVersionTable v
    LEFT OUTER JOIN OrleansMembershipTable m ON v.DeploymentId = m.DeploymentId
         AND m.Address = @Address AND m.Port = @Port AND m.Generation = @Generation
   WHERE v.DeploymentId = @DeploymentId;'),
('MembershipReadAllKey',
 'SELECT v.DeploymentId, m.Address, m.Port, m.Generation, m.SiloName, m.HostName, m.Status, m.ProxyPort, m.SuspectTimes, m.StartTime, m.IAmAliveTime, v.Version
    FROM OrleansMembershipVersionTable v
    LEFT OUTER JOIN OrleansMembershipTable m ON v.DeploymentId = m.DeploymentId
   WHERE v.DeploymentId = @DeploymentId;'),
('DeleteMembershipTableEntriesKey',
 'DELETE FROM OrleansMembershipTable WHERE DeploymentId = @DeploymentId;
  DELETE FROM OrleansMembershipVersionTable WHERE DeploymentId = @DeploymentId;'),
('GatewaysQueryKey',
 'SELECT Address, ProxyPort, Generation FROM OrleansMembershipTable
   WHERE DeploymentId = @DeploymentId AND Status = @Status AND ProxyPort > 0;'),
('CleanupDefunctSiloEntriesKey',
 'DELETE FROM OrleansMembershipTable
   WHERE DeploymentId = @DeploymentId AND IAmAliveTime < @IAmAliveTime AND Status != 3;')
ON CONFLICT (QueryKey) DO UPDATE SET QueryText = EXCLUDED.QueryText;

-- JobRec grain state (PostgresGrainStorage): key = grain id ("type/key") + state name; etag = integer version.
CREATE TABLE IF NOT EXISTS jobrec_grain_state (
    grain_id   text   NOT NULL,
    state_name text   NOT NULL,
    etag       bigint NOT NULL,
    data       bytea  NOT NULL,
    PRIMARY KEY (grain_id, state_name)
);

-- JobRec index shard entries (PostgresShardEntryStore): what a shard grain rebuilds its vector index from on whichever silo it activates.
-- shard and shard_count say where the row belongs; rows written under another shard count are re-routed by the store when read.
CREATE TABLE IF NOT EXISTS jobrec_shard_entry (
    job_id      text    NOT NULL PRIMARY KEY,
    shard       integer NOT NULL,
    shard_count integer NOT NULL,
    data        bytea   NOT NULL
);
CREATE INDEX IF NOT EXISTS jobrec_shard_entry_shard ON jobrec_shard_entry (shard_count, shard);
