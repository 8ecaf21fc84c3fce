// What a request says about how the visitor reached the site: directly, or through a reverse
// proxy that names the client-facing hop first in its X-Forwarded-* headers.

export interface HeaderReader {
  get(name: string): string | null;
}

/** The first (client-facing) value of a comma-separated X-Forwarded-* header, if any. */
export function firstForwarded(headers: HeaderReader, name: string): string | undefined {
  return headers.get(name)?.split(",")[0]?.trim() || undefined;
}

/** Whether the visitor's connection is https: the request's own URL says so, or the proxy does. */
export function isHttpsRequest(url: string | URL, headers: HeaderReader): boolean {
  return new URL(url).protocol === "https:" || firstForwarded(headers, "x-forwarded-proto") === "https";
}
