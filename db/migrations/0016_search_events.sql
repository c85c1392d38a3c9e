-- One row per search, for the admin's analytics: who (for counting active users), when, how
-- long it took and how many results it gave. Never the query's words.
CREATE TABLE "search_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"user_id" uuid NOT NULL,
	"duration_ms" real NOT NULL,
	"result_count" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);--> statement-breakpoint
ALTER TABLE "search_events" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "search_events" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "search_events" ADD CONSTRAINT "search_events_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "search_events_created_idx" ON "search_events" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "search_events_user_idx" ON "search_events" USING btree ("user_id","created_at");--> statement-breakpoint
CREATE POLICY "search_events_owner" ON "search_events" AS PERMISSIVE FOR ALL TO "mnemo_app" USING ("search_events"."user_id" = (select mnemo_user_id())) WITH CHECK ("search_events"."user_id" = (select mnemo_user_id()));--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON "search_events" TO mnemo_app;--> statement-breakpoint
GRANT USAGE, SELECT ON SEQUENCE "search_events_id_seq" TO mnemo_app;
