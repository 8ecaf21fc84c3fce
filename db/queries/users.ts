// Coordinator accounts.
import { count, eq } from "drizzle-orm";
import type { Db } from "../client";
import { users } from "../schema";

export type Role = "admin" | "analyst";

export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

export function findUserByEmail(db: Db, email: string) {
  return db.select().from(users).where(eq(users.email, normalizeEmail(email))).get();
}

export function insertUser(db: Db, input: { email: string; name?: string; passwordHash: string; role: Role }) {
  return db
    .insert(users)
    .values({ ...input, email: normalizeEmail(input.email), name: input.name ?? "" })
    .returning()
    .get();
}

export function countUsers(db: Db): number {
  return db.select({ n: count() }).from(users).get()?.n ?? 0;
}
