// Drizzle schema: the single description of Sondeo's SQLite tables.
// Timestamps are ISO 8601 UTC strings ("2026-11-30T15:04:05.123Z"): they sort, compare and
// group (substr/date()) correctly in SQLite and export as-is.
import { sql } from "drizzle-orm";
import { foreignKey, index, integer, primaryKey, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";

const now = sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`;

/**
 * The breakdown values of a response (its answers to the questions its survey's needs declaration
 * lists as breakdowns), one slot column per dimension; survey_dimensions says which question a slot
 * holds for each survey. Copied into need_ratings and responses so that every filter is a plain
 * column comparison on either table (db/queries/filter-terms.ts).
 */
const dimensionSlots = () => ({
  dim1: text("dim1"),
  dim2: text("dim2"),
  dim3: text("dim3"),
  dim4: text("dim4"),
  dim5: text("dim5"),
  dim6: text("dim6"),
  dim7: text("dim7"),
  dim8: text("dim8"),
});

/** Each survey: open/closed, and which of its versions respondents get (surveys/registry.ts). */
export const surveys = sqliteTable("surveys", {
  slug: text("slug").primaryKey(),
  status: text("status", { enum: ["open", "closed"] })
    .notNull()
    .default("open"),
  updatedAt: text("updated_at").notNull().default(now),
  /** The version served to respondents; null while none is published (an uploaded draft). */
  publishedVersion: text("published_version"),
  /** The version last imported from the survey's file in SONDEO_SURVEYS_DIR; null: never imported. */
  fileVersion: text("file_version"),
});

/** Every definition a survey has had (version = content hash): imported from its file or uploaded. */
export const surveyVersions = sqliteTable(
  "survey_versions",
  {
    slug: text("slug")
      .notNull()
      .references(() => surveys.slug),
    version: text("version").notNull(),
    definition: text("definition").notNull(),
    /** When the version was first stored (imported, uploaded, or first answered before uploads existed). */
    firstSeenAt: text("first_seen_at").notNull().default(now),
    origin: text("origin", { enum: ["file", "upload"] })
      .notNull()
      .default("file"),
    /** E-mail of the admin who uploaded it; null for a file. */
    uploadedBy: text("uploaded_by"),
    /** When it last became the published version; null: never published (a draft). */
    publishedAt: text("published_at"),
  },
  (t) => [primaryKey({ columns: [t.slug, t.version] })],
);

/** Distribution units: provincial services, working groups, commissions. */
export const units = sqliteTable(
  "units",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    code: text("code").notNull(),
    name: text("name").notNull(),
    institution: text("institution").notNull(),
    region: text("region").notNull(),
    expected: integer("expected").notNull().default(0),
    active: integer("active", { mode: "boolean" }).notNull().default(true),
    linkCode: text("link_code").notNull(),
    isSample: integer("is_sample", { mode: "boolean" }).notNull().default(false),
    createdAt: text("created_at").notNull().default(now),
    updatedAt: text("updated_at").notNull().default(now),
  },
  (t) => [uniqueIndex("units_code_uq").on(t.code), uniqueIndex("units_link_code_uq").on(t.linkCode)],
);

/** One row per respondent session; the primary key is a client-generated UUID. */
export const responses = sqliteTable(
  "responses",
  {
    id: text("id").primaryKey(),
    surveySlug: text("survey_slug").notNull(),
    surveyVersion: text("survey_version").notNull(),
    unitId: integer("unit_id").references(() => units.id),
    status: text("status", { enum: ["partial", "complete"] }).notNull(),
    data: text("data").notNull(),
    locale: text("locale", { enum: ["es", "en"] }).notNull(),
    currentPage: integer("current_page").notNull().default(0),
    resumeCode: text("resume_code").notNull(),
    isDemo: integer("is_demo", { mode: "boolean" }).notNull().default(false),
    startedAt: text("started_at").notNull().default(now),
    updatedAt: text("updated_at").notNull().default(now),
    submittedAt: text("submitted_at"),
    /** The survey round it belongs to (survey_rounds; 1 for every response stored before rounds existed). */
    round: integer("round").notNull().default(1),
    ...dimensionSlots(),
    /** The release that published it to the aggregate views (docs/confidentiality.md); null: not yet. */
    releaseBatch: integer("release_batch"),
  },
  (t) => [
    foreignKey({
      columns: [t.surveySlug, t.surveyVersion],
      foreignColumns: [surveyVersions.slug, surveyVersions.version],
    }),
    uniqueIndex("responses_resume_code_uq").on(t.resumeCode),
    index("responses_survey_status_idx").on(t.surveySlug, t.status, t.submittedAt),
    index("responses_unit_idx").on(t.unitId),
    // Partial: empty on a real database, so the dashboards' "includes demo data" check reads only
    // the demo rows, never the survey's real responses.
    index("responses_demo_idx").on(t.surveySlug, t.status).where(sql`is_demo = 1`),
    // Partial: the completed responses waiting for a release, usually none or a few.
    index("responses_pending_release_idx").on(t.surveySlug).where(sql`status = 'complete' and release_batch is null`),
  ],
);

/** Which breakdown question each slot column holds, per survey; a slot once given is never reused. */
export const surveyDimensions = sqliteTable(
  "survey_dimensions",
  {
    surveySlug: text("survey_slug").notNull(),
    name: text("name").notNull(),
    slot: integer("slot").notNull(),
    createdAt: text("created_at").notNull().default(now),
  },
  (t) => [primaryKey({ columns: [t.surveySlug, t.name] }), uniqueIndex("survey_dimensions_slot_uq").on(t.surveySlug, t.slot)],
);

/**
 * The need matrix of each completed response in long form (one row per topic), written in the
 * same transaction as the completion, so the dashboards aggregate with GROUP BY. The breakdown
 * values are copied from the response to keep the aggregation a single-table scan.
 */
export const needRatings = sqliteTable(
  "need_ratings",
  {
    responseId: text("response_id")
      .notNull()
      .references(() => responses.id, { onDelete: "cascade" }),
    surveySlug: text("survey_slug").notNull(),
    topic: text("topic").notNull(),
    importance: integer("importance"),
    competence: integer("competence"),
    notApplicable: integer("not_applicable", { mode: "boolean" }).notNull().default(false),
    unitId: integer("unit_id"),
    submittedAt: text("submitted_at").notNull(),
    /** Copied from the response. */
    round: integer("round").notNull().default(1),
    ...dimensionSlots(),
    /** Copied from the response when a release publishes it. */
    releaseBatch: integer("release_batch"),
  },
  (t) => [
    primaryKey({ columns: [t.responseId, t.topic] }),
    // Covers the dashboard's default breakdown (the survey's first dimension): an ordered
    // index-only scan with no sort; with a filter on that dimension, a selective range. The
    // release and round columns are last: every aggregate view filters on them, read from the index.
    index("need_ratings_survey_round_cover_idx").on(
      t.surveySlug,
      t.dim1,
      t.topic,
      t.importance,
      t.competence,
      t.notApplicable,
      t.releaseBatch,
      t.round,
    ),
  ],
);

/**
 * The releases of each survey's aggregate figures (docs/confidentiality.md): completed responses
 * reach the dashboards, reports and aggregate exports only through a release.
 */
export const releaseBatches = sqliteTable(
  "release_batches",
  {
    surveySlug: text("survey_slug").notNull(),
    /** Numbered per survey across its rounds; each release publishes responses of one round. */
    batch: integer("batch").notNull(),
    round: integer("round").notNull().default(1),
    releasedAt: text("released_at").notNull(),
    responses: integer("responses").notNull(),
    firstSubmittedAt: text("first_submitted_at").notNull(),
    lastSubmittedAt: text("last_submitted_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.surveySlug, t.batch] })],
);

/**
 * The published cells of each survey round: a selection's figures include that round's releases up
 * to updated_batch. Rounds hold disjoint respondents, so each has its own cells.
 */
export const releaseCells = sqliteTable(
  "release_cells",
  {
    surveySlug: text("survey_slug").notNull(),
    round: integer("round").notNull().default(1),
    cellKey: text("cell_key").notNull(),
    firstBatch: integer("first_batch").notNull(),
    updatedBatch: integer("updated_batch").notNull(),
  },
  (t) => [primaryKey({ columns: [t.surveySlug, t.round, t.cellKey] })],
);

/**
 * The rounds of a survey (a baseline, a follow-up a year later…): every response belongs to exactly
 * one. A survey without rows here has one implicit round, 1 (db/queries/survey-rounds.ts).
 */
export const surveyRounds = sqliteTable(
  "survey_rounds",
  {
    surveySlug: text("survey_slug").notNull(),
    round: integer("round").notNull(),
    name: text("name").notNull(),
    /** First and last day (YYYY-MM-DD, Peru time) it accepts responses; null: no bound. */
    opensOn: text("opens_on"),
    closesOn: text("closes_on"),
    createdAt: text("created_at").notNull().default(now),
    createdBy: text("created_by"),
  },
  (t) => [primaryKey({ columns: [t.surveySlug, t.round] })],
);

/** Coordinator accounts. */
export const users = sqliteTable(
  "users",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    email: text("email").notNull(),
    name: text("name").notNull().default(""),
    passwordHash: text("password_hash").notNull(),
    role: text("role", { enum: ["admin", "analyst"] }).notNull(),
    active: integer("active", { mode: "boolean" }).notNull().default(true),
    createdAt: text("created_at").notNull().default(now),
    lastLoginAt: text("last_login_at"),
  },
  (t) => [uniqueIndex("users_email_uq").on(t.email)],
);

/** Server-side sessions; the cookie carries a random token, the table only its SHA-256. */
export const sessions = sqliteTable(
  "sessions",
  {
    tokenHash: text("token_hash").primaryKey(),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    createdAt: text("created_at").notNull().default(now),
    expiresAt: text("expires_at").notNull(),
    revokedAt: text("revoked_at"),
    ip: text("ip"),
    userAgent: text("user_agent"),
  },
  (t) => [index("sessions_user_idx").on(t.userId)],
);

/** Failed sign-ins, for throttling per account and per IP. */
export const loginFailures = sqliteTable(
  "login_failures",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    email: text("email").notNull(),
    ip: text("ip").notNull(),
    at: text("at").notNull().default(now),
  },
  (t) => [index("login_failures_email_idx").on(t.email, t.at), index("login_failures_ip_idx").on(t.ip, t.at)],
);

/**
 * Rate-limit counters shared by every app instance (db/queries/rate-limits.ts): requests of one
 * key (limit name and client address) in one fixed window. Used on PostgreSQL, where several
 * instances serve one database; a single SQLite process counts in memory.
 */
export const rateLimits = sqliteTable(
  "rate_limits",
  {
    key: text("key").notNull(),
    windowStart: text("window_start").notNull(),
    expiresAt: text("expires_at").notNull(),
    hits: integer("hits").notNull(),
  },
  (t) => [primaryKey({ columns: [t.key, t.windowStart] }), index("rate_limits_expires_idx").on(t.expiresAt)],
);

/** Who did what, when. Never holds answers. */
export const auditLog = sqliteTable(
  "audit_log",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    at: text("at").notNull().default(now),
    userId: integer("user_id"),
    actor: text("actor").notNull(),
    action: text("action").notNull(),
    target: text("target"),
    details: text("details"),
    ip: text("ip"),
  },
  (t) => [index("audit_log_at_idx").on(t.at), index("audit_log_action_idx").on(t.action, t.at)],
);

/**
 * Training plans (docs/training-plan.md): every save of a survey's plan is a new version holding the
 * coordinator's edits, the filters it was drafted under and the figures it rested on (to show what
 * moved since). Rows are never updated.
 */
export const trainingPlanVersions = sqliteTable(
  "training_plan_versions",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    surveySlug: text("survey_slug").notNull(),
    version: integer("version").notNull(),
    /** JSON: lib/plan/plan-edits.ts PlanEdits. */
    edits: text("edits").notNull(),
    /** JSON: the needs query (filters) the draft was computed with. */
    query: text("query").notNull(),
    /** JSON: lib/plan/plan-changes.ts PlanSnapshot. */
    snapshot: text("snapshot").notNull(),
    authorId: integer("author_id"),
    author: text("author").notNull(),
    createdAt: text("created_at").notNull().default(now),
  },
  (t) => [uniqueIndex("training_plan_versions_uq").on(t.surveySlug, t.version)],
);

export type ResponseRow = typeof responses.$inferSelect;
export type UnitRow = typeof units.$inferSelect;
export type UserRow = typeof users.$inferSelect;
export type NeedRatingInsert = typeof needRatings.$inferInsert;

/** Small key/value facts about this database (e.g. whether the sample units were seeded). */
export const appMeta = sqliteTable("app_meta", {
  key: text("key").primaryKey(),
  value: text("value").notNull(),
});
