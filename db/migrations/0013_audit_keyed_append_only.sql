-- The access log is append-only for the request role, and its chain is keyed (issue 21).
-- mnemo_app may insert rows and read its own (the policy); rewriting or cutting the log is for
-- nobody but the table's owner, which the request transactions never run as.
REVOKE UPDATE, DELETE, TRUNCATE ON "access_log" FROM mnemo_app;--> statement-breakpoint
ALTER TABLE "access_log" ADD COLUMN "chain_version" smallint DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "access_log" ADD COLUMN "position" bigint;
