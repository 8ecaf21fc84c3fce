// Validated configuration. Every variable has a default that works on a fresh machine; a wrong
// value fails fast with a message naming the variable.
import { z } from "zod";

const schema = z.object({
  SONDEO_DB: z.string().min(1).default("./data/sondeo.db"),
  /** PostgreSQL instead of SQLite: postgres://user:password@host:5432/database (docs/deployment.md). */
  SONDEO_DATABASE_URL: z.preprocess(
    (v) => (v === "" ? undefined : v),
    z
      .string()
      .regex(/^postgres(ql)?:\/\//i, "SONDEO_DATABASE_URL must be a postgres:// URL")
      .optional(),
  ),
  /** Connections each app instance keeps to PostgreSQL. */
  SONDEO_PG_POOL_SIZE: z.coerce.number().int().min(1).max(100).default(10),
  SONDEO_SURVEYS_DIR: z.string().min(1).default("./surveys"),
  SONDEO_MIN_GROUP_SIZE: z.coerce.number().int().min(3, "SONDEO_MIN_GROUP_SIZE must be at least 3 (confidentiality)").default(5),
  SONDEO_SEED_SAMPLE_UNITS: z.enum(["0", "1"]).default("1"),
  /** Response saves accepted per client IP and minute (a border post shares one address). */
  SONDEO_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(600),
  SONDEO_PUBLIC_URL: z.string().url().optional(),
  /** Tests only: a file holding the ISO time the server takes as "now" (lib/clock.ts). */
  SONDEO_CLOCK_FILE: z.string().min(1).optional(),
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
});

export type Env = z.infer<typeof schema>;

let cached: Env | undefined;

export function readEnv(source: Record<string, string | undefined> = process.env): Env {
  const parsed = schema.safeParse(source);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
    throw new Error(`Invalid configuration:\n  ${lines.join("\n  ")}`);
  }
  return parsed.data;
}

/** The process configuration, parsed once. */
export function env(): Env {
  cached ??= readEnv();
  return cached;
}
