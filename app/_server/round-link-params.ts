// A page's search parameters as a URLSearchParams to build links from (e.g. to the same view in
// another round), without the round itself.
export function roundLinkParams(search: Record<string, string | string[] | undefined>): URLSearchParams {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(search)) {
    if (k === "round") continue;
    for (const one of Array.isArray(v) ? v : v === undefined ? [] : [v]) q.append(k, one);
  }
  return q;
}
