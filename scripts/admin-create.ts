// npm run admin:create -- --email E [--name N] [--role admin|analyst] [--reset]
// Creates a coordinator account (the first admin, typically) in the database (SONDEO_DATABASE_URL, else the SQLite file SONDEO_DB), or with --reset sets a
// new password for an existing one (reactivating it and signing it out everywhere). The password
// comes from SONDEO_ADMIN_PASSWORD or, on a terminal, a hidden prompt asked twice.
import { parseArgs } from "node:util";
import { z } from "zod";
import { closeDb, databaseTarget, describeTarget, openDb } from "@/db/client";
import { transaction } from "@/db/dialect";
import { recordAudit } from "@/db/queries/audit";
import { clearAccountLoginFailures } from "@/db/queries/login-failures";
import { revokeUserSessions } from "@/db/queries/sessions";
import { findUserByEmail, insertUser, normalizeEmail, setUserPassword, updateUser } from "@/db/queries/users";
import { hashPassword, MIN_PASSWORD_LENGTH } from "@/lib/auth/password";

const USAGE = 'Usage: npm run admin:create -- --email you@example.org [--name "Your Name"] [--role admin|analyst] [--reset]';

function fail(message: string): never {
  console.error(`admin:create: ${message}`);
  process.exit(1);
}

function promptHidden(question: string): Promise<string> {
  const stdin = process.stdin;
  if (!stdin.isTTY) fail(`no terminal to ask for the password: set SONDEO_ADMIN_PASSWORD.\n${USAGE}`);
  process.stdout.write(question);
  stdin.setRawMode(true);
  stdin.resume();
  stdin.setEncoding("utf8");
  return new Promise((resolve) => {
    let value = "";
    const done = (result: string | null) => {
      stdin.setRawMode(false);
      stdin.pause();
      stdin.off("data", onData);
      process.stdout.write("\n");
      if (result === null) fail("cancelled.");
      resolve(result);
    };
    const onData = (chunk: string) => {
      for (const c of chunk) {
        if (c === "\r" || c === "\n") return done(value);
        if (c === "\u0003" || c === "\u0004") return done(null);
        if (c === "\u007f" || c === "\b") value = value.slice(0, -1);
        else value += c;
      }
    };
    stdin.on("data", onData);
  });
}

async function readPassword(): Promise<string> {
  const fromEnv = process.env.SONDEO_ADMIN_PASSWORD;
  if (fromEnv !== undefined && fromEnv !== "") return fromEnv;
  const first = await promptHidden(`Password (at least ${MIN_PASSWORD_LENGTH} characters): `);
  const second = await promptHidden("Repeat the password: ");
  if (first !== second) fail("the two passwords differ.");
  return first;
}

async function main(): Promise<void> {
  let args;
  try {
    args = parseArgs({
      options: {
        email: { type: "string" },
        name: { type: "string" },
        role: { type: "string", default: "admin" },
        reset: { type: "boolean", default: false },
        help: { type: "boolean", short: "h", default: false },
      },
      strict: true,
    }).values;
  } catch (e) {
    fail(`${(e as Error).message}\n${USAGE}`);
  }
  if (args.help) {
    console.log(USAGE);
    return;
  }
  const email = z.email().safeParse(normalizeEmail(args.email ?? ""));
  if (!email.success) fail(`--email must be an e-mail address.\n${USAGE}`);
  const role = z.enum(["admin", "analyst"]).safeParse(args.role);
  if (!role.success) fail(`--role must be admin or analyst.\n${USAGE}`);

  const target = databaseTarget();
  const db = await openDb(target);
  try {
    const existing = await findUserByEmail(db, email.data);
    if (existing && !args.reset) {
      fail(`there is already an account for ${email.data} (${existing.role}). Use --reset to set a new password.`);
    }
    if (!existing && args.reset) fail(`there is no account for ${email.data} to reset.`);
    const password = await readPassword();
    if (password.length < MIN_PASSWORD_LENGTH) fail(`the password must have at least ${MIN_PASSWORD_LENGTH} characters.`);
    const passwordHash = await hashPassword(password);
    const where = describeTarget(target);
    if (existing) {
      await transaction(db, async (tx) => {
        await setUserPassword(tx, existing.id, passwordHash);
        await updateUser(tx, existing.id, { active: true, ...(args.name !== undefined ? { name: args.name.trim() } : {}) });
        await revokeUserSessions(tx, existing.id);
        await clearAccountLoginFailures(tx, existing.email);
        await recordAudit(tx, {
          user: null,
          actor: "cli",
          action: "user.password_reset",
          target: existing.email,
          details: { id: existing.id, via: "admin:create --reset" },
        });
      });
      console.log(
        `Reset the password of ${existing.email} (${existing.role}, id ${existing.id}) in ${where}; the account is active and its sessions were signed out.`,
      );
    } else {
      const user = await insertUser(db, { email: email.data, name: args.name ?? "", role: role.data, passwordHash });
      await recordAudit(db, {
        user: null,
        actor: "cli",
        action: "user.create",
        target: user.email,
        details: { id: user.id, role: user.role, via: "admin:create" },
      });
      console.log(`Created ${user.role} account ${user.email} (id ${user.id}) in ${where}. Sign in at /admin/login.`);
    }
  } finally {
    await closeDb(db);
  }
}

main().catch((e: unknown) => fail((e as Error).message));
