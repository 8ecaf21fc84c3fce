// Server-side sessions: created at sign-in, looked up on every protected request, revocable.
import { and, eq, gt, isNull, ne } from "drizzle-orm";
import { type Db, tablesOf } from "../client";
import { first, transaction } from "../dialect";

export interface SessionUser {
  id: number;
  email: string;
  name: string;
  role: "admin" | "analyst";
}

export async function insertSession(
  db: Db,
  input: { tokenHash: string; userId: number; expiresAt: string; ip?: string; userAgent?: string },
): Promise<void> {
  const { sessions, users } = tablesOf(db);
  await transaction(db, async (tx) => {
    await tx.insert(sessions).values(input);
    await tx.update(users).set({ lastLoginAt: new Date().toISOString() }).where(eq(users.id, input.userId));
  });
}

/** The active user of a session token hash: not expired, not revoked, account active. */
export async function findSessionUser(db: Db, tokenHash: string, now = new Date().toISOString()): Promise<SessionUser | undefined> {
  const { sessions, users } = tablesOf(db);
  return first(
    db
      .select({ id: users.id, email: users.email, name: users.name, role: users.role })
      .from(sessions)
      .innerJoin(users, eq(users.id, sessions.userId))
      .where(and(eq(sessions.tokenHash, tokenHash), gt(sessions.expiresAt, now), isNull(sessions.revokedAt), eq(users.active, true))),
  );
}

export async function revokeSession(db: Db, tokenHash: string): Promise<void> {
  const { sessions } = tablesOf(db);
  await transaction(db, async (tx) => {
    await tx
      .update(sessions)
      .set({ revokedAt: new Date().toISOString() })
      .where(and(eq(sessions.tokenHash, tokenHash), isNull(sessions.revokedAt)));
  });
}

/** Signs a user out everywhere (optionally keeping the session making the change). */
export async function revokeUserSessions(db: Db, userId: number, exceptTokenHash?: string): Promise<void> {
  const { sessions } = tablesOf(db);
  await transaction(db, async (tx) => {
    await tx
      .update(sessions)
      .set({ revokedAt: new Date().toISOString() })
      .where(and(eq(sessions.userId, userId), isNull(sessions.revokedAt), exceptTokenHash ? ne(sessions.tokenHash, exceptTokenHash) : undefined));
  });
}
