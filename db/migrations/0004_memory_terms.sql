CREATE TABLE "memory_terms" (
	"user_id" uuid NOT NULL,
	"term" text NOT NULL,
	"count" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "memory_terms_user_id_term_pk" PRIMARY KEY("user_id","term")
);
--> statement-breakpoint
ALTER TABLE "memory_terms" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "memory_terms" ADD CONSTRAINT "memory_terms_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "memory_terms_trgm_idx" ON "memory_terms" USING gin ("user_id","term" gin_trgm_ops);--> statement-breakpoint
CREATE POLICY "memory_terms_owner" ON "memory_terms" AS PERMISSIVE FOR ALL TO "mnemo_app" USING ("memory_terms"."user_id" = nullif(current_setting('app.user_id', true), '')::uuid) WITH CHECK ("memory_terms"."user_id" = nullif(current_setting('app.user_id', true), '')::uuid);--> statement-breakpoint
ALTER TABLE "memory_terms" FORCE ROW LEVEL SECURITY;

