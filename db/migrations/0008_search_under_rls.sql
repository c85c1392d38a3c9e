-- Row Level Security lets a query's own conditions run before the policy's only when their
-- functions are LEAKPROOF; otherwise PostgreSQL reads every row the policy allows and filters
-- afterwards, so the full-text (GIN) and typo (trigram GIN) indexes were never used for the
-- application role and every search read the user's whole table.
--
-- The two matching operators search relies on return a boolean and raise no error that depends
-- on a row's value: `tsvector @@ tsquery` (ts_match_vq) and pg_trgm's `text % text`
-- (similarity_op). Marking them LEAKPROOF lets the planner use the indexes under the policies;
-- the policies themselves are unchanged, so a user still sees only their own rows. Only a
-- superuser may do this: where the migrating role is not one, search stays correct but reads
-- more rows (see README, "Security").
DO $$
BEGIN
  IF (SELECT rolsuper FROM pg_roles WHERE rolname = current_user) THEN
    ALTER FUNCTION pg_catalog.ts_match_vq(tsvector, tsquery) LEAKPROOF;
    EXECUTE format('ALTER FUNCTION %s LEAKPROOF', (
      SELECT p.oid::regprocedure FROM pg_operator o JOIN pg_proc p ON p.oid = o.oprcode
      WHERE o.oprname = '%' AND o.oprleft = 'text'::regtype AND o.oprright = 'text'::regtype
    ));
  ELSE
    RAISE NOTICE 'mnemo: not a superuser, so search operators stay non-leakproof and search under row level security reads more rows';
  END IF;
END
$$;
