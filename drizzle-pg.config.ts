// drizzle-kit configuration for the PostgreSQL engine (db/schema-pg.ts → db/migrations-pg); the
// SQLite one is drizzle.config.ts. Generate: npx drizzle-kit generate --config drizzle-pg.config.ts
import { defineConfig } from "drizzle-kit";

export default defineConfig({
  dialect: "postgresql",
  schema: "./db/schema-pg.ts",
  out: "./db/migrations-pg",
});
