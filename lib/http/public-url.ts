// The base URL printed in respondent links and QR codes: SONDEO_PUBLIC_URL when configured
// (it must be, behind a proxy that rewrites Host), else the scheme and host of the request.

export function publicBaseUrl(
  configured: string | undefined,
  headers: { get(name: string): string | null },
): string {
  if (configured) return configured.replace(/\/+$/, "");
  const host = headers.get("x-forwarded-host")?.split(",")[0]?.trim() || headers.get("host") || "localhost:3000";
  const proto = headers.get("x-forwarded-proto")?.split(",")[0]?.trim() || "http";
  return `${proto === "https" ? "https" : "http"}://${host}`;
}

/** The respondent link of a unit for one survey. */
export function unitSurveyLink(base: string, slug: string, linkCode: string): string {
  return `${base}/s/${encodeURIComponent(slug)}?u=${encodeURIComponent(linkCode)}`;
}
