"use client";
// The coordinator's editor of the plan draft: accept or drop, rename, reorder and merge modules,
// choose places and months, add notes, then save (PUT /api/surveys/{slug}/plan: a new version).
// Read-only for analysts. Figures come from the server; only the edits are sent.
import { useState } from "react";
import { sendJson } from "@/app/admin/send-json";
import { mergeModules, type PlanEdits } from "@/lib/plan/plan-edits";
import { fill } from "@/lib/plan/plan-labels";

export interface EditorTopic {
  code: string;
  title: string;
  /** Formatted figures; null when hidden (fewer than k raters). */
  figures: { mwds: string; rank: number | null; quadrant: string; n: number } | null;
  reasons: string[];
  highFor: string[];
  scope: string;
  suggested: string[];
  respondents: number;
}

export interface EditorProps {
  slug: string;
  canEdit: boolean;
  edits: PlanEdits;
  /** Module ids proposed now that the saved edits lack. */
  newIds: string[];
  /** Module ids whose topics the data no longer propose. */
  notProposed: string[];
  topics: Record<string, EditorTopic>;
  sites: { value: string; label: string }[];
  months: { value: string; label: string }[];
  /** The months most respondents can attend (a module's months until chosen). */
  bestMonths: string[];
  filters: Record<string, string>;
  texts: { actions: Record<string, string>; module: Record<string, string>; notes: string; errors: { generic: string } };
  k: number;
}

type Module = PlanEdits["modules"][number];

export function PlanEditor(props: EditorProps) {
  const { texts: tx, topics, canEdit } = props;
  const [edits, setEdits] = useState<PlanEdits>(props.edits);
  const [status, setStatus] = useState<string>("");
  const [saving, setSaving] = useState(false);
  const update = (id: string, change: Partial<Module>) =>
    setEdits((e) => ({ ...e, modules: e.modules.map((m) => (m.id === id ? { ...m, ...change } : m)) }));
  const move = (index: number, delta: number) =>
    setEdits((e) => {
      const list = [...e.modules];
      const j = index + delta;
      if (j < 0 || j >= list.length) return e;
      [list[index], list[j]] = [list[j] as Module, list[index] as Module];
      return { ...e, modules: list };
    });
  const save = async () => {
    setSaving(true);
    setStatus(tx.actions.saving!);
    const res = await sendJson<{ saved: { version: number } }>("PUT", `/api/surveys/${encodeURIComponent(props.slug)}/plan`, {
      edits,
      filters: props.filters,
    });
    setSaving(false);
    if (res.ok) {
      setStatus(fill(tx.actions.savedOk!, { version: res.body.saved.version }));
      window.location.reload();
    } else setStatus(res.body.message ?? tx.errors.generic);
  };
  const defaultTitle = (m: Module) => m.topics.map((c) => `${c} ${topics[c]?.title ?? ""}`).join(" + ");
  return (
    <div className="plan-editor">
      <ol className="plan-modules" data-testid="plan-modules">
        {edits.modules.map((m, i) => {
          const shownTopics = m.topics.map((c) => topics[c]).filter((t): t is EditorTopic => Boolean(t));
          const hidden = shownTopics.every((t) => t.figures === null);
          const suggested = [...new Set(shownTopics.flatMap((t) => t.suggested))];
          return (
            <li key={m.id} className={`plan-module-edit${m.accepted ? "" : " dropped"}`} data-module={m.id} data-accepted={m.accepted}>
              <div className="plan-module-head">
                <label className="plan-accept">
                  <input type="checkbox" checked={m.accepted} disabled={!canEdit} onChange={(e) => update(m.id, { accepted: e.target.checked })} />
                  {tx.actions.accept}
                </label>
                {props.newIds.includes(m.id) && <span className="plan-badge">{tx.module.new}</span>}
                {props.notProposed.includes(m.id) && <span className="plan-badge warn">{tx.module.notProposed}</span>}
                {canEdit && (
                  <span className="plan-move">
                    <button type="button" onClick={() => move(i, -1)} disabled={i === 0} aria-label={`${tx.actions.up}: ${m.id}`}>
                      ↑
                    </button>
                    <button
                      type="button"
                      onClick={() => move(i, 1)}
                      disabled={i === edits.modules.length - 1}
                      aria-label={`${tx.actions.down}: ${m.id}`}
                    >
                      ↓
                    </button>
                    <button
                      type="button"
                      disabled={i === edits.modules.length - 1}
                      onClick={() => setEdits((e) => mergeModules(e, m.id, (e.modules[i + 1] as Module).id))}
                    >
                      {tx.actions.merge}
                    </button>
                  </span>
                )}
              </div>
              <label className="plan-field">
                {tx.module.title}
                <input
                  type="text"
                  value={m.title ?? ""}
                  placeholder={defaultTitle(m)}
                  disabled={!canEdit}
                  maxLength={200}
                  onChange={(e) => update(m.id, { title: e.target.value === "" ? null : e.target.value })}
                />
              </label>
              {hidden ? (
                <p className="plan-hidden">{fill(tx.module.hidden!, { k: props.k })}</p>
              ) : (
                <ul className="plan-topic-lines">
                  {shownTopics.map((t) => (
                    <li key={t.code} data-topic={t.code}>
                      <strong>
                        {t.code} {t.title}
                      </strong>
                      {t.figures && (
                        <>
                          {" "}
                          — MWDS {t.figures.mwds} · #{t.figures.rank} · {t.figures.quadrant} · n = {t.figures.n}
                        </>
                      )}
                      <br />
                      <span className="plan-note">
                        {t.scope}
                        {t.reasons.length > 0 && <> · {fill(tx.module.reasons!, { list: t.reasons.join(", ") })}</>}
                        {t.highFor.length > 0 && <> · {fill(tx.module.highFor!, { list: t.highFor.join(", ") })}</>}
                      </span>
                    </li>
                  ))}
                </ul>
              )}
              {props.sites.length > 0 && (
                <label className="plan-field">
                  {tx.module.places} {m.places === null && suggested.length > 0 && <em>({tx.module.suggested})</em>}
                  <select
                    multiple
                    size={4}
                    disabled={!canEdit}
                    value={m.places ?? suggested}
                    data-testid={`places-${m.id}`}
                    onChange={(e) => update(m.id, { places: [...e.target.selectedOptions].map((o) => o.value) })}
                  >
                    {props.sites.map((s) => (
                      <option key={s.value} value={s.value}>
                        {s.label}
                      </option>
                    ))}
                  </select>
                </label>
              )}
              {props.months.length > 0 && (
                <fieldset className="plan-months" disabled={!canEdit}>
                  <legend>{tx.module.months}</legend>
                  {props.months.map((mo) => (
                    <label key={mo.value}>
                      <input
                        type="checkbox"
                        checked={(m.months ?? props.bestMonths).includes(mo.value)}
                        onChange={(e) => {
                          const now = new Set(m.months ?? props.bestMonths);
                          if (e.target.checked) now.add(mo.value);
                          else now.delete(mo.value);
                          update(m.id, { months: props.months.map((x) => x.value).filter((v) => now.has(v)) });
                        }}
                      />
                      {mo.label}
                    </label>
                  ))}
                </fieldset>
              )}
              <label className="plan-field">
                {tx.module.notes}
                <textarea value={m.notes} disabled={!canEdit} maxLength={4000} rows={2} onChange={(e) => update(m.id, { notes: e.target.value })} />
              </label>
            </li>
          );
        })}
      </ol>
      <label className="plan-field">
        {tx.notes}
        <textarea
          value={edits.notes}
          disabled={!canEdit}
          maxLength={4000}
          rows={3}
          onChange={(e) => setEdits((x) => ({ ...x, notes: e.target.value }))}
        />
      </label>
      {canEdit && (
        <p className="plan-save">
          <button type="button" onClick={save} disabled={saving}>
            {tx.actions.save}
          </button>{" "}
          <span role="status" data-testid="plan-status">
            {status}
          </span>
        </p>
      )}
    </div>
  );
}
