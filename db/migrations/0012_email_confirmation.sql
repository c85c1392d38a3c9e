-- Email addresses are confirmed before they count: a password reset goes only to a confirmed
-- address, and a changed address takes effect once its owner follows the link sent to it.
-- Addresses stored before this migration start unconfirmed (one of them may have been set by a
-- stolen API token); saving the address again in Settings sends its confirmation link.
ALTER TABLE "users" ADD COLUMN "email_verified_at" timestamp with time zone;--> statement-breakpoint
CREATE TABLE "email_confirmations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"email" text NOT NULL,
	"token_hash" text NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"used_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);--> statement-breakpoint
ALTER TABLE "email_confirmations" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "email_confirmations" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "email_confirmations" ADD CONSTRAINT "email_confirmations_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "email_confirmations_hash_key" ON "email_confirmations" USING btree ("token_hash");--> statement-breakpoint
CREATE INDEX "email_confirmations_user_idx" ON "email_confirmations" USING btree ("user_id");--> statement-breakpoint
CREATE POLICY "email_confirmations_owner" ON "email_confirmations" AS PERMISSIVE FOR ALL TO "mnemo_app" USING ("email_confirmations"."user_id" = (select mnemo_user_id())) WITH CHECK ("email_confirmations"."user_id" = (select mnemo_user_id()));--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON "email_confirmations" TO mnemo_app;--> statement-breakpoint
-- Expired passkey challenges are purged as new ones are stored; this index keeps that cheap.
CREATE INDEX "auth_challenges_expires_idx" ON "auth_challenges" USING btree ("expires_at");
