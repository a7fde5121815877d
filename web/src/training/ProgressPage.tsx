// Progress (/training/progress): fitness, fatigue and form over time,
// weekly or monthly volume, the acute:chronic load ratio (described, not
// advised on), personal records with their history, race predictions,
// goals from the profile, and whether to take part in comparisons.
import { useMemo, useState } from "react";
import { Link } from "react-router";
import { listGoals } from "../api/profiles";
import {
  getAcwr,
  getFitness,
  getPredictions,
  getProgressSettings,
  getRecords,
  getSummary,
  getVolume,
  putProgressSettings,
  type Family,
  type PersonalRecord,
  type Prediction,
} from "../api/progress";
import { ErrorBox } from "../app/ErrorBox";
import { goalProgress } from "../account/goalForm";
import { useI18n } from "../i18n/I18nProvider";
import { formatDate, formatNumber } from "../lib/format";
import { FormAlert, useSubmission } from "../ui/form";
import { PeriodBars } from "./charts/Bars";
import { LineChart } from "./charts/LineChart";
import { evenTicks } from "./charts/chartMath";
import { useLoad, useMeasure, useTitle } from "./hooks";
import { formatDuration } from "./measure";
import { formLabel, isoDate, periodStarts, volumeBars, type FormLabel, type VolumeMetric } from "./progressData";
import { activitySportName, activitySportOptions, effortName } from "./vocabulary";

const DAY = 86_400_000;
const FAMILIES = ["run", "ride", "swim", "walk"] as const;
const FORMS: readonly FormLabel[] = ["transition", "fresh", "neutral", "productive", "overreaching"];

function FitnessSection() {
  const { t, lang } = useI18n();
  const [days, setDays] = useState(180);
  const from = isoDate(new Date(Date.now() - days * DAY));
  const to = isoDate(new Date());
  const fit = useLoad((s) => getFitness({ from, to }, s), `${from}|${to}`);
  const [hover, setHover] = useState<number | null>(null);
  const data = fit.data ?? [];
  const x = useMemo(() => data.map((d) => Date.parse(d.date.length === 10 ? `${d.date}T00:00:00Z` : d.date)), [data]);
  const series = useMemo(() => {
    const fmt = (v: number) => formatNumber(v, lang, Math.abs(v) < 10 ? 1 : 0);
    return [
      { label: t("progress.ctl"), values: data.map((d) => d.ctl), color: "#2563eb", format: fmt },
      { label: t("progress.atl"), values: data.map((d) => d.atl), color: "#db2777", format: fmt },
      { label: t("progress.tsb"), values: data.map((d) => d.tsb), color: "#d97706", format: fmt },
    ];
  }, [data, t, lang]);
  // Days without any load yet draw nothing worth a chart.
  const empty = data.every((d) => !d.load && !d.ctl && !d.atl);
  return (
    <section className="card stack" aria-labelledby="fit-h">
      <div className="page-head">
        <h2 id="fit-h">{t("progress.fitness")}</h2>
        <label className="inline-field">
          <span>{t("progress.range")}</span>
          <select value={days} onChange={(e) => setDays(Number(e.target.value))}>
            {[42, 90, 180, 365].map((d) => (
              <option key={d} value={d}>
                {t("progress.days", { days: d })}
              </option>
            ))}
          </select>
        </label>
      </div>
      {fit.error != null && <ErrorBox error={fit.error} onRetry={fit.reload} />}
      {fit.loading && !fit.data && <p role="status">{t("app.loading")}</p>}
      {fit.data && empty && <p className="muted">{t("progress.noData")}</p>}
      {!empty && (
        <LineChart
          title={t("progress.fitnessChart")}
          x={x}
          xFormat={(v) => formatDate(new Date(v).toISOString(), lang)}
          xTicks={evenTicks(x, 5)}
          series={series}
          zero
          hover={hover}
          onHover={setHover}
          height={220}
          testId="fitness-chart"
        />
      )}
      <p className="muted small">{t("progress.fitnessHint")}</p>
    </section>
  );
}

function VolumeSection() {
  const { t, lang } = useI18n();
  const m = useMeasure();
  const [period, setPeriod] = useState<"week" | "month">("week");
  const [metric, setMetric] = useState<VolumeMetric>("distance_m");
  const [sport, setSport] = useState("");
  const starts = useMemo(() => periodStarts(period, new Date(), period === "week" ? 16 : 12), [period]);
  const vol = useLoad((s) => getVolume({ period, from: starts[0], to: isoDate(new Date()) }, s), `${period}|${starts[0]}`);
  const bars = volumeBars(vol.data ?? [], starts, metric, sport);
  const text = (v: number) =>
    metric === "distance_m" ? m.distance(v, v < 10_000 ? 1 : 0) : metric === "moving_s" ? formatDuration(v) : m.number(v, 0);
  return (
    <section className="card stack" aria-labelledby="vol-h">
      <h2 id="vol-h">{t("progress.volume")}</h2>
      <div className="filter-row">
        <label className="inline-field">
          <span>{t("progress.period")}</span>
          <select value={period} onChange={(e) => setPeriod(e.target.value as "week" | "month")}>
            <option value="week">{t("progress.period.week")}</option>
            <option value="month">{t("progress.period.month")}</option>
          </select>
        </label>
        <label className="inline-field">
          <span>{t("progress.metric")}</span>
          <select value={metric} onChange={(e) => setMetric(e.target.value as VolumeMetric)}>
            {(["distance_m", "moving_s", "load", "count"] as const).map((k) => (
              <option key={k} value={k}>
                {t(`progress.metric.${k}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="inline-field">
          <span>{t("activity.sport")}</span>
          <select value={sport} onChange={(e) => setSport(e.target.value)}>
            <option value="">{t("activities.filter.anySport")}</option>
            {activitySportOptions(lang).map((o) => (
              <option key={o.value} value={o.value}>
                {o.label}
              </option>
            ))}
          </select>
        </label>
      </div>
      {vol.error != null && <ErrorBox error={vol.error} onRetry={vol.reload} />}
      <PeriodBars
        title={t(period === "week" ? "progress.volumeWeekly" : "progress.volumeMonthly")}
        testId="volume-bars"
        bars={bars.map((b) => ({
          key: b.start,
          label: period === "week" ? formatDate(b.start, lang).replace(/\s?\d{4}.*$/, "") : new Intl.DateTimeFormat(lang, { month: "short", timeZone: "UTC" }).format(new Date(`${b.start}T00:00:00Z`)),
          value: b.value,
          text: text(b.value),
        }))}
      />
    </section>
  );
}

function AcwrSection() {
  const { t } = useI18n();
  const m = useMeasure();
  const a = useLoad((s) => getAcwr(s), "acwr");
  return (
    <section className="card stack" aria-labelledby="acwr-h">
      <h2 id="acwr-h">{t("progress.acwr")}</h2>
      {a.error != null && <ErrorBox error={a.error} onRetry={a.reload} />}
      {a.data && (
        <dl className="stat-row" data-testid="acwr">
          <div>
            <dt>{t("progress.acute")}</dt>
            <dd>{m.number(a.data.acute, 0)}</dd>
          </div>
          <div>
            <dt>{t("progress.chronic")}</dt>
            <dd>{m.number(a.data.chronic, 0)}</dd>
          </div>
          <div>
            <dt>{t("progress.ratio")}</dt>
            <dd>{a.data.ratio == null ? "—" : m.number(a.data.ratio, 2)}</dd>
          </div>
        </dl>
      )}
      <p className="muted small">{t("progress.acwrNote")}</p>
    </section>
  );
}

function RecordsSection() {
  const { t, lang } = useI18n();
  const [family, setFamily] = useState<Family>("run");
  const rec = useLoad((s) => getRecords(family, s), family);
  const records: PersonalRecord[] = rec.data ?? [];
  return (
    <section className="card stack" aria-labelledby="rec-h">
      <div className="page-head">
        <h2 id="rec-h">{t("progress.records")}</h2>
        <label className="inline-field">
          <span className="visually-hidden">{t("progress.family")}</span>
          <select value={family} onChange={(e) => setFamily(e.target.value as Family)}>
            {FAMILIES.map((f) => (
              <option key={f} value={f}>
                {t(`family.${f}`)}
              </option>
            ))}
          </select>
        </label>
      </div>
      {rec.error != null && <ErrorBox error={rec.error} onRetry={rec.reload} />}
      {rec.data && records.length === 0 && <p className="muted">{t("progress.noRecords")}</p>}
      {records.length > 0 && (
        <ul className="plain-list record-list" data-testid="records">
          {records.map((r) => (
            <li key={`${r.family}-${r.effort}`}>
              <details>
                <summary>
                  <strong>{effortName(r.effort, lang)}</strong> {formatDuration(r.best.elapsed_s)}{" "}
                  <span className="muted small">{formatDate(r.best.achieved_at, lang)}</span>{" "}
                  <Link to={`/training/activities/${encodeURIComponent(r.best.activity_id)}`}>{t("progress.openActivity")}</Link>
                </summary>
                {r.history && r.history.length > 1 ? (
                  <ol className="record-history small">
                    {r.history.map((h, i) => (
                      <li key={i}>
                        {formatDuration(h.elapsed_s)}
                        {h.improvement_s != null && ` (−${formatDuration(h.improvement_s)})`} · {formatDate(h.achieved_at, lang)} ·{" "}
                        <Link to={`/training/activities/${encodeURIComponent(h.activity_id)}`}>{t("progress.openActivity")}</Link>
                      </li>
                    ))}
                  </ol>
                ) : (
                  <p className="muted small">{t("progress.noHistory")}</p>
                )}
              </details>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function PredictionsSection() {
  const { t, lang } = useI18n();
  const m = useMeasure();
  const p = useLoad((s) => getPredictions(s), "pred");
  const items: Prediction[] = p.data?.items ?? [];
  return (
    <section className="card stack" aria-labelledby="pred-h">
      <h2 id="pred-h">{t("progress.predictions")}</h2>
      {p.error != null && <ErrorBox error={p.error} onRetry={p.reload} />}
      {p.data?.source && (
        <p>
          {t("progress.predictionSource", {
            effort: effortName(p.data.source.effort, lang),
            time: formatDuration(p.data.source.elapsed_s),
            date: formatDate(p.data.source.achieved_at, lang),
          })}
          {p.data.vdot != null && ` · VDOT ${m.number(p.data.vdot, 1)}`}
          {p.data.age_grade_pct != null && ` · ${t("compare.ageGrade", { pct: m.number(p.data.age_grade_pct, 1) })}`}
        </p>
      )}
      {p.data && items.length === 0 && <p className="muted">{t("progress.noPredictions")}</p>}
      {items.length > 0 && (
        <div className="table-scroll">
          <table className="data-table" data-testid="predictions">
            <thead>
              <tr>
                <th scope="col">{t("progress.distance")}</th>
                <th scope="col">Riegel</th>
                <th scope="col">VDOT</th>
              </tr>
            </thead>
            <tbody>
              {items.map((i) => (
                <tr key={i.effort}>
                  <th scope="row">{effortName(i.effort, lang)}</th>
                  <td>{formatDuration(i.riegel_s)}</td>
                  <td>{formatDuration(i.vdot_s)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <p className="muted small">{t("progress.predictionsHint")}</p>
    </section>
  );
}

function GoalsSection() {
  const { t, lang } = useI18n();
  const m = useMeasure();
  const goals = useLoad((s) => listGoals(s), "goals");
  const items = goals.data?.items ?? [];
  const amount = (kind: string, v: number) =>
    kind === "distance" ? m.distance(v, 1) : kind === "time" || kind === "race" ? formatDuration(v) : m.number(v, 0);
  return (
    <section className="card stack" aria-labelledby="goals-h">
      <div className="page-head">
        <h2 id="goals-h">{t("progress.goals")}</h2>
        <Link to="/account/goals">{t("progress.editGoals")}</Link>
      </div>
      {goals.error != null && <ErrorBox error={goals.error} onRetry={goals.reload} />}
      {goals.data && items.length === 0 && <p className="muted">{t("goals.none")}</p>}
      <ul className="plain-list goal-list" data-testid="progress-goals">
        {items.map((g) => (
          <li key={g.id}>
            <label className="progress-label">
              {g.kind === "race" ? g.race_name : t(`goals.kind.${g.kind}`)}
              {g.sport && ` · ${activitySportName(g.sport, lang)}`}
              {g.period && ` · ${t(`goals.period.${g.period}`)}`}
              {": "}
              {amount(g.kind, g.progress)} / {amount(g.kind, g.target)}
              {g.kind !== "race" && <progress max={1} value={goalProgress(g)} />}
            </label>
          </li>
        ))}
      </ul>
    </section>
  );
}

function ComparisonOptIn() {
  const { t } = useI18n();
  const s = useLoad((sig) => getProgressSettings(sig), "ps");
  const sub = useSubmission();
  if (!s.data) return s.error != null ? null : null;
  const toggle = async (v: boolean) => {
    const res = await sub.run(() => putProgressSettings({ share_in_comparisons: v }), { success: { key: "common.saved" } });
    if (res.ok) s.set(res.value ?? { share_in_comparisons: v });
  };
  return (
    <section className="card stack" aria-labelledby="cmp-h">
      <h2 id="cmp-h">{t("progress.comparisons")}</h2>
      <label className="check">
        <input type="checkbox" checked={s.data.share_in_comparisons} disabled={sub.busy} onChange={(e) => void toggle(e.target.checked)} />{" "}
        {t("progress.shareInComparisons")}
      </label>
      <p className="muted small">{t("progress.shareHint")}</p>
      <FormAlert error={sub.error} success={sub.success} />
    </section>
  );
}

/** ProgressPage is the progress dashboard. */
export function ProgressPage() {
  const { t } = useI18n();
  const m = useMeasure();
  useTitle("progress.title");
  const sum = useLoad((s) => getSummary(s), "summary");
  const f = sum.data?.fitness ?? null;
  const label: FormLabel | null = f ? (FORMS.find((x) => x === f.form) ?? formLabel(f.tsb)) : null;
  return (
    <div className="stack progress-page">
      <h1>{t("progress.title")}</h1>
      {sum.error != null && <ErrorBox error={sum.error} onRetry={sum.reload} />}
      {f && (
        <dl className="stat-grid card" data-testid="fitness-today">
          <div>
            <dt>{t("progress.ctl")}</dt>
            <dd>{m.number(f.ctl, 0)}</dd>
          </div>
          <div>
            <dt>{t("progress.atl")}</dt>
            <dd>{m.number(f.atl, 0)}</dd>
          </div>
          <div>
            <dt>{t("progress.tsb")}</dt>
            <dd>
              {m.number(f.tsb, 0)} {label && <span className="muted small">({t(`progress.form.${label}`)})</span>}
            </dd>
          </div>
        </dl>
      )}
      <FitnessSection />
      <VolumeSection />
      <div className="grid-2">
        <RecordsSection />
        <PredictionsSection />
      </div>
      <div className="grid-2">
        <GoalsSection />
        <AcwrSection />
      </div>
      <ComparisonOptIn />
    </div>
  );
}
