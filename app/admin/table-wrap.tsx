// A horizontally scrollable box for wide tables that keyboard users can focus and scroll.
export function TableWrap({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    // biome-ignore lint/a11y/useSemanticElements: a <section> would be a landmark in the page outline; this is only a scroll box
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must take focus to be scrolled with the keyboard (axe: scrollable-region-focusable)
    <div className="table-wrap" role="region" aria-label={label} tabIndex={0}>
      {children}
    </div>
  );
}
