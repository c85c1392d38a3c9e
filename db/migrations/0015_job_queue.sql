-- The job queue (pg-boss) keeps its tables in a schema of its own, which its installer fills at
-- start (lib/jobs/queue.ts). A capture enqueues its after-capture job inside its own
-- transaction, which runs as mnemo_app: that role may add jobs and read the queue settings
-- the insert looks up, nothing more (no update or delete of jobs).
CREATE SCHEMA IF NOT EXISTS pgboss;--> statement-breakpoint
GRANT USAGE ON SCHEMA pgboss TO mnemo_app;--> statement-breakpoint
ALTER DEFAULT PRIVILEGES IN SCHEMA pgboss GRANT SELECT, INSERT ON TABLES TO mnemo_app;
