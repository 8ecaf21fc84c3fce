// npm run dev – the respondent pages' assets rebuilt on every change (esbuild watch), and
// `next dev` for everything else. Stops both on Ctrl-C.
import { spawn } from "node:child_process";
import path from "node:path";
import { watchRespondentAssets } from "./build-respondent-assets";

async function main(): Promise<void> {
  const stop = await watchRespondentAssets();
  const next = spawn(process.execPath, [path.join(__dirname, "../node_modules/next/dist/bin/next"), "dev", ...process.argv.slice(2)], {
    stdio: "inherit",
  });
  const shutdown = () => next.kill("SIGINT");
  process.on("SIGINT", shutdown);
  process.on("SIGTERM", shutdown);
  next.on("exit", async (code) => {
    await stop();
    process.exit(code ?? 0);
  });
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
