import { defineConfig } from 'drizzle-kit'

// Generating migrations needs no database; `npm run db:migrate` applies them (db/migrate.ts).
export default defineConfig({
  dialect: 'postgresql',
  schema: './db/schema.ts',
  out: './db/migrations',
})
