// Goals (/account/goals): list with progress, add, edit and delete.
import { useCallback, useEffect, useState, type FormEvent } from "react";
import { createGoal, deleteGoal, listGoals, updateGoal, type Goal, type GoalKind, type GoalPeriod } from "../api/profiles";
import { ErrorBox } from "../app/ErrorBox";
import { useI18n } from "../i18n/I18nProvider";
import { formatDate, formatNumber } from "../lib/format";
import type { FieldErrors } from "../lib/problems";
import { formatClock, formatHours, metresToDisplay, type Units } from "../lib/units";
import { Field, FormAlert, SelectField, useSubmission } from "../ui/form";
import { EMPTY_GOAL, GOAL_KINDS, GOAL_PERIODS, RACE_DISTANCES, formToGoal, goalProgress, goalToForm, type GoalForm } from "./goalForm";
import { sportName, sportOptions } from "./vocabulary";
import { useSettings } from "./settingsStore";

/** raceDistanceName names a race distance (the standard ones by name). */
function raceDistanceName(m: number, lang: "ru" | "en"): string {
  const names: Record<number, { ru: string; en: string }> = {
    21097.5: { ru: "Полумарафон", en: "Half marathon" },
    42195: { ru: "Марафон", en: "Marathon" },
  };
  return names[m]?.[lang] ?? (lang === "ru" ? `${formatNumber(m / 1000, lang, 3)} км` : `${formatNumber(m / 1000, lang, 3)} km`);
}

function useAmount(units: Units) {
  const { t, lang } = useI18n();
  return (kind: GoalKind, v: number) => {
    if (kind === "time") return t("goals.hoursValue", { value: formatHours(v) });
    if (kind === "race") return formatClock(v);
    if (kind === "count") return formatNumber(v, lang, 0);
    const d = formatNumber(metresToDisplay(v, units), lang, 2);
    return units === "metric" ? t("units.kmValue", { value: d }) : t("units.miValue", { value: d });
  };
}

function GoalEditor({ initial, editingId, units, onSave, onCancel }: {
  initial: GoalForm;
  editingId?: string;
  units: Units;
  onSave: (g: Goal) => void;
  onCancel?: () => void;
}) {
  const { t, lang } = useI18n();
  const [form, setForm] = useState(initial);
  const [errors, setErrors] = useState<FieldErrors>({});
  const sub = useSubmission();
  const all = { ...sub.fields, ...errors };
  const set = (k: keyof GoalForm) => (v: string) => setForm((f) => ({ ...f, [k]: v }));
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const { goal, errors: err } = formToGoal(form, units);
    setErrors(err);
    if (!goal) return;
    const res = await sub.run(() => (editingId ? updateGoal(editingId, goal) : createGoal(goal)));
    if (res.ok) {
      onSave(res.value);
      if (!editingId) setForm(EMPTY_GOAL);
    }
  };
  const targetLabel =
    form.kind === "race"
      ? t("goals.targetFinish")
      : form.kind === "time"
      ? t("goals.targetHours")
      : form.kind === "count"
        ? t("goals.targetCount")
        : units === "metric"
          ? t("goals.targetKm")
          : t("goals.targetMi");
  return (
    <form onSubmit={submit} noValidate className="goal-form" data-testid="goal-form">
      <div className="grid-3">
        <SelectField label={t("goals.kind")} value={form.kind} onChange={(v: GoalKind) => setForm({ ...form, kind: v, target: "" })}
          options={GOAL_KINDS.map((k) => ({ value: k, label: t(`goals.kind.${k}`) }))} />
        <SelectField label={t("goals.sport")} value={form.sport} onChange={set("sport")}
          options={[{ value: "", label: t("goals.anySport") }, ...sportOptions(lang)]} />
        {form.kind !== "race" && (
          <SelectField label={t("goals.period")} value={form.period} onChange={(v: GoalPeriod) => setForm({ ...form, period: v })}
            options={GOAL_PERIODS.map((p) => ({ value: p, label: t(`goals.period.${p}`) }))} />
        )}
      </div>
      {form.kind === "race" && (
        <div className="grid-2">
          <Field label={t("goals.raceName")} value={form.race_name} onChange={set("race_name")} error={all.race_name} maxLength={100} />
          <Field label={t("goals.raceDate")} type="date" value={form.race_date} onChange={set("race_date")} error={all.race_date} />
          <SelectField label={t("goals.raceDistance")} value={form.race_distance} onChange={set("race_distance")}
            options={[
              { value: "", label: t("goals.raceDistance.none") },
              ...RACE_DISTANCES.map((d) => ({ value: String(d), label: raceDistanceName(d, lang) })),
            ]} />
        </div>
      )}
      <Field label={targetLabel} value={form.target} onChange={set("target")} error={all.target}
        inputMode={form.kind === "time" || form.kind === "race" ? "text" : "decimal"}
        placeholder={form.kind === "time" ? "5:30" : form.kind === "race" ? "3:59:00" : undefined} />
      <FormAlert error={sub.error} />
      <div className="form-actions">
        <button type="submit" disabled={sub.busy}>
          {editingId ? t("common.save") : t("goals.add")}
        </button>
        {onCancel && (
          <button type="button" className="secondary" onClick={onCancel}>
            {t("common.cancel")}
          </button>
        )}
      </div>
    </form>
  );
}

/** GoalsPage lists and edits training goals. */
export function GoalsPage() {
  const { t, lang } = useI18n();
  const { settings } = useSettings();
  const units: Units = settings?.units ?? "metric";
  const amount = useAmount(units);
  const [goals, setGoals] = useState<Goal[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [editing, setEditing] = useState<string | null>(null);
  const del = useSubmission();
  const load = useCallback(() => {
    setError(null);
    listGoals().then((r) => setGoals(r.items), (err: unknown) => setError(err));
  }, []);
  useEffect(load, [load]);
  useEffect(() => {
    document.title = `${t("goals.title")} · ${t("app.name")}`;
  }, [t]);
  return (
    <div className="stack">
      <h1>{t("goals.title")}</h1>
      {error != null && <ErrorBox error={error} onRetry={load} />}
      <FormAlert error={del.error} />
      {goals === null && error == null && <p role="status">{t("app.loading")}</p>}
      {goals && goals.length === 0 && <p className="muted">{t("goals.none")}</p>}
      {goals && goals.length > 0 && (
        <ul className="plain-list goal-list" data-testid="goals">
          {goals.map((g) => (
            <li key={g.id} className="card">
              {editing === g.id ? (
                <GoalEditor
                  initial={goalToForm(g, units)}
                  editingId={g.id}
                  units={units}
                  onSave={(saved) => {
                    setGoals(goals.map((x) => (x.id === saved.id ? saved : x)));
                    setEditing(null);
                  }}
                  onCancel={() => setEditing(null)}
                />
              ) : (
                <>
                  <h2 className="goal-title">
                    {g.kind === "race" ? g.race_name : t(`goals.kind.${g.kind}`)}
                    {g.sport && ` · ${sportName(g.sport, lang)}`}
                    {g.period && ` · ${t(`goals.period.${g.period}`)}`}
                  </h2>
                  {g.race_date && <p className="muted">{formatDate(g.race_date, lang)}</p>}
                  {g.kind === "race" ? (
                    <p>{t("goals.finishTarget", { target: amount(g.kind, g.target) })}</p>
                  ) : (
                    <label className="progress-label">
                      {t("goals.progress", { done: amount(g.kind, g.progress), target: amount(g.kind, g.target) })}
                      <progress max={1} value={goalProgress(g)} />
                    </label>
                  )}
                  <div className="form-actions">
                    <button type="button" className="secondary small" onClick={() => setEditing(g.id)}>
                      {t("common.edit")}
                    </button>
                    <button type="button" className="secondary small" disabled={del.busy}
                      onClick={() => void del.run(() => deleteGoal(g.id)).then((r) => r.ok && setGoals(goals.filter((x) => x.id !== g.id)))}>
                      {t("common.delete")}
                    </button>
                  </div>
                </>
              )}
            </li>
          ))}
        </ul>
      )}
      <section className="card" aria-labelledby="goal-new-heading">
        <h2 id="goal-new-heading">{t("goals.new")}</h2>
        <GoalEditor initial={EMPTY_GOAL} units={units} onSave={(g) => setGoals([...(goals ?? []), g])} />
      </section>
    </div>
  );
}
