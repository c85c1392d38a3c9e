-- Search at 100,000 memories spent much of its time reading pages from outside PostgreSQL's
-- buffer cache: rows carry their 384-number vector (1.5 kB of about 2 kB), and the vector index
-- alone was larger than the default 128 MB of shared buffers.
--
-- 1. The trigram index over whole memories has not been used since typos are looked up in the
--    per-user vocabulary (memory_terms); it only cost every capture.
DROP INDEX IF EXISTS "memories_trgm_idx";--> statement-breakpoint
-- 2. Rows are rewritten below; without the vector index that is quick.
DROP INDEX IF EXISTS "memories_embedding_idx";--> statement-breakpoint
-- 3. PostgreSQL starts moving values out of a row (TOAST) once it passes 2 kB; from there it now
--    shrinks the row to 1 kB, the vector going out first, and the tsvector ranking reads stays
--    in the row (MAIN). Rows already past 2 kB are rewritten so; smaller rows keep their vector.
ALTER TABLE "memories" ALTER COLUMN "search_vector" SET STORAGE MAIN;--> statement-breakpoint
ALTER TABLE "memories" SET (toast_tuple_target = 1024);--> statement-breakpoint
UPDATE "memories" SET "embedding" = "embedding" WHERE "embedding" IS NOT NULL AND pg_column_size("memories".*) > 2032;--> statement-breakpoint
-- 4. The vector index on half precision: half the size, the same neighbours within rounding.
CREATE INDEX "memories_embedding_idx" ON "memories" USING hnsw (("embedding"::halfvec(384)) halfvec_cosine_ops);
