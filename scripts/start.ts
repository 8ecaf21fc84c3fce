// npm start: build if needed, create and migrate the database (SQLite file, or PostgreSQL), create the first admin from
// SONDEO_ADMIN_EMAIL + SONDEO_ADMIN_PASSWORD when there is none, print the addresses, serve.
import { spawn } from "node:child_process";
import os from "node:os";
import path from "node:path";
import { closeDb, databaseTarget, describeTarget, openDb } from "@/db/client";
import { isUniqueViolation } from "@/db/dialect";
import { countUsers, insertUser } from "@/db/queries/users";
import { hashPassword, MIN_PASSWORD_LENGTH } from "@/lib/auth/password";
import { env } from "@/lib/env";
import { buildIfNeeded } from "./build-if-needed";

async function main(): Promise<void> {
  env(); // a wrong setting stops here, with the variable's name
  const port = Number(process.env.PORT ?? 3000);
  const host = process.env.HOST ?? "0.0.0.0";
  buildIfNeeded();

  const db = await openDb(databaseTarget());
  const email = process.env.SONDEO_ADMIN_EMAIL;
  const password = process.env.SONDEO_ADMIN_PASSWORD;
  if ((await countUsers(db)) === 0) {
    if (email && password) {
      if (password.length < MIN_PASSWORD_LENGTH) {
        throw new Error(`SONDEO_ADMIN_PASSWORD must have at least ${MIN_PASSWORD_LENGTH} characters`);
      }
      try {
        await insertUser(db, { email, passwordHash: await hashPassword(password), role: "admin", name: "Admin" });
        console.log(`[sondeo] created the first admin account: ${email}`);
      } catch (err) {
        // Another instance starting on the same PostgreSQL database created it a moment ago.
        if (!isUniqueViolation(err)) throw err;
      }
    } else {
      console.log(
        "[sondeo] no coordinator account yet. Create the first admin with:\n" +
          "           npm run admin:create -- --email you@example.org\n" +
          "         or start once with SONDEO_ADMIN_EMAIL and SONDEO_ADMIN_PASSWORD set.",
      );
    }
  }
  await closeDb(db);

  console.log(`[sondeo] database: ${describeTarget(databaseTarget())}`);
  console.log(`[sondeo] survey:   http://localhost:${port}/s/dnc-tim`);
  for (const addrs of Object.values(os.networkInterfaces())) {
    for (const a of addrs ?? []) {
      if (a.family === "IPv4" && !a.internal && host === "0.0.0.0") {
        console.log(`[sondeo] on a phone in the same network: http://${a.address}:${port}/s/dnc-tim`);
      }
    }
  }
  console.log(`[sondeo] coordinators: http://localhost:${port}/admin`);

  // Longer than a load balancer's idle timeout (60 s is common): the proxy, not the app, closes an
  // idle connection, so it never sends a request on a socket the app has just closed.
  const KEEP_ALIVE_MS = 65_000;
  const next = spawn(
    process.execPath,
    [
      path.resolve(__dirname, "../node_modules/next/dist/bin/next"),
      "start",
      "-H",
      host,
      "-p",
      String(port),
      "--keepAliveTimeout",
      String(KEEP_ALIVE_MS),
    ],
    {
      stdio: "inherit",
      env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
    },
  );
  for (const sig of ["SIGINT", "SIGTERM"] as const) process.on(sig, () => next.kill(sig));
  next.on("exit", (code) => process.exit(code ?? 0));
}

main().catch((err: Error) => {
  console.error(`[sondeo] ${err.message}`);
  process.exit(1);
});
