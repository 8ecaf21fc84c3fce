// The gate of the needs views that list respondents' answers (open answers): with
// invalid filters only the header (it says what is wrong); with a selection that must not be
// shown, the header and the suppression notice; otherwise the selection's size and filters.
import type { ReactElement } from "react";
import { getDb } from "@/db/client";
import { getViewVerdict } from "@/db/queries/needs-report";
import type { ResolvedFilters } from "@/db/queries/needs";
import type { LoadedView, NeedsView } from "./load-view";
import { NeedsHeader } from "./needs-header";
import { SuppressedNotice } from "./suppressed-notice";

export type ViewGate = { page: ReactElement } | { page: null; n: number; filters: ResolvedFilters };

export async function gateView(v: LoadedView, view: NeedsView, keep?: Record<string, string>): Promise<ViewGate> {
  const stop = (notice?: ReactElement) => ({
    page: (
      <div className="needs">
        <NeedsHeader v={v} view={view} keep={keep} />
        {notice}
      </div>
    ),
  });
  if (!v.filters) return stop();
  const { n, verdict } = await getViewVerdict(await getDb(), v.needsSurvey, v.filters, v.k);
  if (verdict) return stop(<SuppressedNotice reason={verdict} k={v.k} />);
  return { page: null, n, filters: v.filters };
}
