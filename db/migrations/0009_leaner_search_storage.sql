-- Search at 100,000 memories spent its time reading pages from outside PostgreSQL's buffer
-- cache: each row carried its 384-number vector inline (about 1.5 kB of a 2 kB row, so four rows
-- to a page), and the vector index alone was larger than the default 128 MB of shared buffers.
--
-- 1. The trigram index over whole memories has not been used since typos are looked up in the
--    per-user vocabulary (memory_terms); it only cost every capture.
DROP INDEX IF EXISTS "memories_trgm_idx";--> statement-breakpoint
-- 2. Rows are rewritten below; without the vector index that is quick.
DROP INDEX IF EXISTS "memories_embedding_idx";--> statement-breakpoint
-- 3. The vector goes out of line (TOAST) once a row passes 1 kB, which leaves the rows search
--    ranks narrow; the tsvector stays in the row (MAIN), where ranking reads it.
ALTER TABLE "memories" ALTER COLUMN "search_vector" SET STORAGE MAIN;--> statement-breakpoint
ALTER TABLE "memories" SET (toast_tuple_target = 1024);--> statement-breakpoint
UPDATE "memories" SET "embedding" = "embedding" WHERE "embedding" IS NOT NULL;--> statement-breakpoint
-- 4. The vector index on half precision: half the size, the same neighbours within rounding.
CREATE INDEX "memories_embedding_idx" ON "memories" USING hnsw (("embedding"::halfvec(384)) halfvec_cosine_ops);
