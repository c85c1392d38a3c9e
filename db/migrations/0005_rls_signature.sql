-- A forged `app.user_id` must not open another user's rows. Request work also sets
-- `app.user_sig` = HMAC-SHA256(user id) with a secret kept in a table the application role
-- cannot read; policies trust `app.user_id` only through mnemo_user_id(), a SECURITY DEFINER
-- function that checks the signature.
CREATE EXTENSION IF NOT EXISTS pgcrypto;--> statement-breakpoint
CREATE TABLE IF NOT EXISTS "mnemo_secrets" (
	"name" text PRIMARY KEY NOT NULL,
	"value" bytea NOT NULL
);--> statement-breakpoint
REVOKE ALL ON "mnemo_secrets" FROM mnemo_app;--> statement-breakpoint
REVOKE ALL ON "mnemo_secrets" FROM PUBLIC;--> statement-breakpoint
INSERT INTO "mnemo_secrets" ("name", "value") VALUES ('rls', gen_random_bytes(32)) ON CONFLICT ("name") DO NOTHING;--> statement-breakpoint
CREATE OR REPLACE FUNCTION mnemo_user_id() RETURNS uuid
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT CASE
    WHEN nullif(current_setting('app.user_id', true), '') IS NOT NULL
     AND encode(hmac(convert_to(current_setting('app.user_id', true), 'UTF8'), s.value, 'sha256'), 'hex') = current_setting('app.user_sig', true)
    THEN current_setting('app.user_id', true)::uuid
  END
  FROM mnemo_secrets s WHERE s.name = 'rls'
$$;--> statement-breakpoint
REVOKE ALL ON FUNCTION mnemo_user_id() FROM PUBLIC;--> statement-breakpoint
GRANT EXECUTE ON FUNCTION mnemo_user_id() TO mnemo_app;
