// The base URL printed in respondent links and QR codes: SONDEO_PUBLIC_URL when configured
// (it must be, behind a proxy that rewrites Host), else the scheme and host of the request.
import { firstForwarded, type HeaderReader } from "./forwarded";

export function publicBaseUrl(configured: string | undefined, headers: HeaderReader): string {
  if (configured) return configured.replace(/\/+$/, "");
  const host = firstForwarded(headers, "x-forwarded-host") || headers.get("host") || "localhost:3000";
  const proto = firstForwarded(headers, "x-forwarded-proto") || "http";
  return `${proto === "https" ? "https" : "http"}://${host}`;
}

/** The respondent link of a unit for one survey. */
export function unitSurveyLink(base: string, slug: string, linkCode: string): string {
  return `${base}/s/${encodeURIComponent(slug)}?u=${encodeURIComponent(linkCode)}`;
}
