// The whole view is suppressed: say so, and nothing else.
import { getTranslations } from "next-intl/server";
import type { ViewSuppression } from "@/lib/needs/suppression";

export async function SuppressedNotice({ reason, k }: { reason: ViewSuppression; k: number }) {
  const t = await getTranslations("needs");
  return (
    <p role="status" className="needs-suppressed-view" data-suppressed={reason}>
      {t(`suppressed.${reason}`, { k })}
    </p>
  );
}
