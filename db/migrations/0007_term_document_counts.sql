-- The document counter of the typo vocabulary ('#': how many tier-1 memories a user has), so
-- search can weigh words by rarity. Later captures, moves and deletions keep it up to date.
INSERT INTO "memory_terms" ("user_id", "term", "count")
SELECT "user_id", '#', count(*)::integer FROM "memories"
WHERE "tier" IN ('chronological', 'general') AND "deleted_at" IS NULL
GROUP BY "user_id"
ON CONFLICT ("user_id", "term") DO UPDATE SET "count" = excluded."count";
