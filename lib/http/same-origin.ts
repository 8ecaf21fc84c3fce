// CSRF defence for state-changing requests: a browser always sends Origin on POST/PUT/DELETE;
// when it names another site the request is refused. Scripts without Origin (curl) pass, and
// the session cookie is SameSite=Lax on top of this.
import { AppError } from "./app-error";

export function assertSameOrigin(req: Request): void {
  const origin = req.headers.get("origin");
  if (!origin) return;
  const host = req.headers.get("x-forwarded-host") ?? req.headers.get("host");
  let originHost: string;
  try {
    originHost = new URL(origin).host;
  } catch {
    throw new AppError(403, "bad_origin", "Request refused: unknown origin.");
  }
  if (!host || originHost !== host) {
    throw new AppError(403, "bad_origin", "Request refused: it comes from another site.");
  }
}
