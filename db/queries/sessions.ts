// Server-side sessions: created at sign-in, looked up on every protected request, revocable.
import { and, eq, gt, isNull, ne } from "drizzle-orm";
import type { Db } from "../client";
import { sessions, users } from "../schema";

export interface SessionUser {
  id: number;
  email: string;
  name: string;
  role: "admin" | "analyst";
}

export function insertSession(db: Db, input: { tokenHash: string; userId: number; expiresAt: string; ip?: string; userAgent?: string }): void {
  db.transaction((tx) => {
    tx.insert(sessions).values(input).run();
    tx.update(users).set({ lastLoginAt: new Date().toISOString() }).where(eq(users.id, input.userId)).run();
  });
}

/** The active user of a session token hash: not expired, not revoked, account active. */
export function findSessionUser(db: Db, tokenHash: string, now = new Date().toISOString()): SessionUser | undefined {
  return db
    .select({ id: users.id, email: users.email, name: users.name, role: users.role })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(and(eq(sessions.tokenHash, tokenHash), gt(sessions.expiresAt, now), isNull(sessions.revokedAt), eq(users.active, true)))
    .get();
}

export function revokeSession(db: Db, tokenHash: string): void {
  db.update(sessions)
    .set({ revokedAt: new Date().toISOString() })
    .where(and(eq(sessions.tokenHash, tokenHash), isNull(sessions.revokedAt)))
    .run();
}

/** Signs a user out everywhere (optionally keeping the session making the change). */
export function revokeUserSessions(db: Db, userId: number, exceptTokenHash?: string): void {
  db.update(sessions)
    .set({ revokedAt: new Date().toISOString() })
    .where(and(eq(sessions.userId, userId), isNull(sessions.revokedAt), exceptTokenHash ? ne(sessions.tokenHash, exceptTokenHash) : undefined))
    .run();
}
