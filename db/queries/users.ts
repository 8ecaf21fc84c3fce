// Coordinator accounts.
import { and, asc, count, eq, ne } from "drizzle-orm";
import type { Db } from "../client";
import { users } from "../schema";
import { conflict } from "@/lib/http/app-error";

export type Role = "admin" | "analyst";

export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

export function findUserByEmail(db: Db, email: string) {
  return db
    .select()
    .from(users)
    .where(eq(users.email, normalizeEmail(email)))
    .get();
}

export function getUserById(db: Db, id: number) {
  return db.select().from(users).where(eq(users.id, id)).get();
}

/** Inserts an account; an e-mail already in use is a 409 (not a crash). */
export function insertUser(db: Db, input: { email: string; name?: string; passwordHash: string; role: Role }) {
  const email = normalizeEmail(input.email);
  if (findUserByEmail(db, email)) throw conflict("email_taken", `There is already an account for ${email}.`);
  return db
    .insert(users)
    .values({ ...input, email, name: input.name?.trim() ?? "" })
    .returning()
    .get();
}

export function countUsers(db: Db): number {
  return db.select({ n: count() }).from(users).get()?.n ?? 0;
}

/** Every account, without password hashes, admins first. */
export function listUsers(db: Db) {
  return db
    .select({
      id: users.id,
      email: users.email,
      name: users.name,
      role: users.role,
      active: users.active,
      createdAt: users.createdAt,
      lastLoginAt: users.lastLoginAt,
    })
    .from(users)
    .orderBy(asc(users.role), asc(users.email))
    .all();
}

/** Active admins other than `exceptId`: a change must never leave the platform without one. */
export function countOtherActiveAdmins(db: Db, exceptId: number): number {
  return (
    db
      .select({ n: count() })
      .from(users)
      .where(and(eq(users.role, "admin"), eq(users.active, true), ne(users.id, exceptId)))
      .get()?.n ?? 0
  );
}

export function updateUser(db: Db, id: number, changes: { name?: string; role?: Role; active?: boolean }) {
  return db.update(users).set(changes).where(eq(users.id, id)).returning().get();
}

export function setUserPassword(db: Db, id: number, passwordHash: string): void {
  db.update(users).set({ passwordHash }).where(eq(users.id, id)).run();
}
