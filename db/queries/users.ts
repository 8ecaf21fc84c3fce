// Coordinator accounts.
import { and, asc, count, eq, ne } from "drizzle-orm";
import { type Db, tablesOf } from "../client";
import { first, transaction } from "../dialect";
import { conflict } from "@/lib/http/app-error";

export type Role = "admin" | "analyst";

export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

export async function findUserByEmail(db: Db, email: string) {
  const { users } = tablesOf(db);
  return first(
    db
      .select()
      .from(users)
      .where(eq(users.email, normalizeEmail(email))),
  );
}

export async function getUserById(db: Db, id: number) {
  const { users } = tablesOf(db);
  return first(db.select().from(users).where(eq(users.id, id)));
}

/** Inserts an account; an e-mail already in use is a 409 (not a crash). */
export async function insertUser(db: Db, input: { email: string; name?: string; passwordHash: string; role: Role }) {
  const { users } = tablesOf(db);
  const email = normalizeEmail(input.email);
  return transaction(db, async (tx) => {
    if (await findUserByEmail(tx, email)) throw conflict("email_taken", `There is already an account for ${email}.`);
    const [user] = await tx
      .insert(users)
      .values({ ...input, email, name: input.name?.trim() ?? "" })
      .returning();
    return user!;
  });
}

export async function countUsers(db: Db): Promise<number> {
  const { users } = tablesOf(db);
  return (await first(db.select({ n: count() }).from(users)))?.n ?? 0;
}

/** Every account, without password hashes, admins first. */
export async function listUsers(db: Db) {
  const { users } = tablesOf(db);
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
    .orderBy(asc(users.role), asc(users.email));
}

/** Active admins other than `exceptId`: a change must never leave the platform without one. */
export async function countOtherActiveAdmins(db: Db, exceptId: number): Promise<number> {
  const { users } = tablesOf(db);
  const row = await first(
    db
      .select({ n: count() })
      .from(users)
      .where(and(eq(users.role, "admin"), eq(users.active, true), ne(users.id, exceptId))),
  );
  return row?.n ?? 0;
}

export async function updateUser(db: Db, id: number, changes: { name?: string; role?: Role; active?: boolean }) {
  const { users } = tablesOf(db);
  return transaction(db, async (tx) => {
    const [user] = await tx.update(users).set(changes).where(eq(users.id, id)).returning();
    return user!;
  });
}

export async function setUserPassword(db: Db, id: number, passwordHash: string): Promise<void> {
  const { users } = tablesOf(db);
  await transaction(db, async (tx) => {
    await tx.update(users).set({ passwordHash }).where(eq(users.id, id));
  });
}
