// Says, in words and not only in colour, that the figures on screen include synthetic responses
// from `npm run demo`, how many, and how to remove them — so nobody takes decisions on fake data.
// Renders nothing when there are none.
import { getTranslations } from "next-intl/server";
import type { DemoCount } from "@/db/queries/count-demo-responses";

export async function DemoDataBanner({ demo, figures, className = "" }: { demo: DemoCount; figures: "needs" | "coverage"; className?: string }) {
  const shown = figures === "needs" ? demo.completed : demo.started;
  if (shown === 0) return null;
  const t = await getTranslations("admin.demoData");
  return (
    <div role="status" className={`notice warn demo-banner ${className}`.trim()} data-testid="demo-data-banner" data-demo-count={shown}>
      <p>
        <strong>
          <span aria-hidden="true">⚠ </span>
          {t("label")}.
        </strong>{" "}
        {figures === "needs" ? t("needs", { count: demo.completed }) : t("coverage", { started: demo.started, completed: demo.completed })}
      </p>
      <p>{t.rich("remove", { code: (chunks) => <code>{chunks}</code> })}</p>
    </div>
  );
}
