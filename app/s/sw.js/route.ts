// GET /s/sw.js – the respondent pages' service worker (app/s/_fill/service-worker.ts, bundled as
// a hashed asset), preceded by what it needs from this server: the fill page's assets of this
// build and the pages' Content-Security-Policy. Served from /s/ so that its scope covers every
// fill link; never cached by HTTP, so a new build's worker replaces the old one on the next visit.
import fs from "node:fs";
import path from "node:path";
import type { NextRequest } from "next/server";
import { contentSecurityPolicy } from "@/lib/http/content-security-policy";
import { NONCE_PLACEHOLDER, type WorkerConfig } from "../_fill/offline-protocol";
import { respondentAssets } from "../_page/respondent-assets";

export const dynamic = "force-dynamic";

const code = new Map<string, string>();

function workerCode(url: string): string {
  let text = code.get(url);
  if (text === undefined) {
    text = fs.readFileSync(path.join(process.cwd(), "public", url), "utf8");
    code.set(url, text);
  }
  return text;
}

export function GET(request: NextRequest): Response {
  const assets = respondentAssets();
  // The policy proxy.ts gives this request (as every page's), with the nonce left for the worker.
  const nonce = request.headers.get("x-nonce");
  const policy = request.headers.get("content-security-policy");
  const csp =
    nonce && policy
      ? policy.split(`'nonce-${nonce}'`).join(`'nonce-${NONCE_PLACEHOLDER}'`)
      : contentSecurityPolicy(NONCE_PLACEHOLDER, { dev: process.env.NODE_ENV === "development", https: false });
  const config: WorkerConfig = { assets: [assets.respondent, assets.fill, assets.survey], csp };
  const body = `self.__SONDEO_SW__=${JSON.stringify(config)};\n${workerCode(assets.worker)}`;
  return new Response(body, {
    headers: {
      "content-type": "text/javascript; charset=utf-8",
      "cache-control": "no-cache",
    },
  });
}
