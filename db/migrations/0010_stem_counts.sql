-- Search weighs query words by how many of the user's memories hold them, from the vocabulary.
-- The vocabulary counts words as written, but full text matches stems: "planning" was in 216
-- memories by the vocabulary and in 1,468 by full text ("plan", "planned", …). Each word now
-- carries its stem, so search can add up the counts of every word that shares it.
ALTER TABLE "memory_terms" ADD COLUMN "lexeme" text GENERATED ALWAYS AS ((tsvector_to_array(to_tsvector('english'::regconfig, term)))[1]) STORED;--> statement-breakpoint
CREATE INDEX "memory_terms_lexeme_idx" ON "memory_terms" USING btree ("user_id","lexeme");