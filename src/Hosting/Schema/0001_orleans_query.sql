-- The table the Orleans ADO.NET providers read their SQL from, once, when they start.
-- Scripts 0002-0004 put their query texts here.
CREATE TABLE orleansquery (
  querykey  varchar(64) NOT NULL,
  querytext text        NOT NULL,
  CONSTRAINT pk_orleansquery PRIMARY KEY (querykey)
);
