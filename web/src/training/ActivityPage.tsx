// An activity (/training/activities/:id): headline numbers, the route on a
// map, charts of pace or speed, heart rate, elevation, cadence and power
// against time or distance (hovering one chart points at the same moment
// on all charts and the map), time in zones, splits, laps, best efforts,
// comparisons with the athlete's past and with standards, exports, and
// for the owner editing and deleting.
import { useMemo, useState, type FormEvent } from "react";
import { Link, useNavigate, useParams } from "react-router";
import { getComparisons, type Comparisons, type OwnComparison } from "../api/progress";
import { useAuth } from "../auth/AuthProvider";
import {
  EXPORT_FORMATS,
  deleteActivity,
  exportActivity,
  getActivity,
  getStreams,
  updateActivity,
  type Activity,
  type ExportFormat,
  type Split,
  type Visibility,
} from "../api/tracker";
import { ErrorBox } from "../app/ErrorBox";
import { useI18n } from "../i18n/I18nProvider";
import { formatDateTime } from "../lib/format";
import { FormAlert, SelectField, useSubmission } from "../ui/form";
import { ZoneBars } from "./charts/Bars";
import { LineChart, type Series } from "./charts/LineChart";
import { timeTicks } from "./charts/chartMath";
import { useLoad, useMeasure, useTitle } from "./hooks";
import { RouteMap } from "./map/RouteMap";
import { formatDuration, usesPace, type Measure } from "./measure";
import { decodePolyline, type LatLng } from "./polyline";
import { prepare, type ChannelKey } from "./streams";
import { activitySportName, activitySportOptions, effortName } from "./vocabulary";
import { zoneRanges } from "./zones";

const COLORS: Record<ChannelKey, string> = {
  pace: "#2563eb",
  speed: "#2563eb",
  hr: "#dc2626",
  alt: "#78716c",
  cad: "#7c3aed",
  power: "#d97706",
};

const VISIBILITIES: readonly Visibility[] = ["public", "followers", "private"];

function Stat({ label, value, testId }: { label: string; value: string; testId?: string }) {
  return (
    <div data-testid={testId}>
      <dt>{label}</dt>
      <dd>{value}</dd>
    </div>
  );
}

function SplitsTable({ caption, splits, sport, m, testId, showIndexAs }: {
  caption: string;
  splits: readonly Split[];
  sport: string;
  m: Measure;
  testId: string;
  showIndexAs: (s: Split) => string;
}) {
  const { t } = useI18n();
  const hasHr = splits.some((s) => s.avg_hr != null);
  const hasPower = splits.some((s) => s.avg_power != null);
  const hasCad = splits.some((s) => s.avg_cadence != null);
  return (
    <div className="table-scroll">
      <table className="data-table splits" data-testid={testId}>
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">#</th>
            <th scope="col">{t("activity.distance")}</th>
            <th scope="col">{t("activity.time")}</th>
            <th scope="col">{usesPace(sport) ? t("activity.pace") : t("activity.speed")}</th>
            <th scope="col">{t("activity.elevDiff")}</th>
            {hasHr && <th scope="col">{t("activity.hr")}</th>}
            {hasCad && <th scope="col">{t("activity.cadence")}</th>}
            {hasPower && <th scope="col">{t("activity.power")}</th>}
          </tr>
        </thead>
        <tbody>
          {splits.map((s) => (
            <tr key={s.index}>
              <th scope="row">{showIndexAs(s)}</th>
              <td>{m.distance(s.distance_m)}</td>
              <td>{formatDuration(s.moving_s || s.elapsed_s)}</td>
              <td>{m.speedOrPace(s.avg_speed, sport)}</td>
              <td>{m.elevation(s.elev_diff_m)}</td>
              {hasHr && <td>{m.number(s.avg_hr, 0)}</td>}
              {hasCad && <td>{m.number(s.avg_cadence, 0)}</td>}
              {hasPower && <td>{m.number(s.avg_power, 0)}</td>}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function EditForm({ activity, onSaved, onCancel }: { activity: Activity; onSaved: (a: Activity) => void; onCancel: () => void }) {
  const { t, lang } = useI18n();
  const [name, setName] = useState(activity.name ?? "");
  const [sport, setSport] = useState(activity.sport);
  const [visibility, setVisibility] = useState<Visibility>(activity.visibility ?? "private");
  const sub = useSubmission();
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!name.trim()) {
      sub.setError({ key: "validation.required" });
      return;
    }
    const res = await sub.run(() => updateActivity(activity.id, { name: name.trim(), sport, visibility }));
    if (res.ok) onSaved({ ...activity, ...(res.value ?? {}), name: name.trim(), sport, visibility });
  };
  return (
    <form className="card stack" onSubmit={submit} noValidate data-testid="activity-edit">
      <div className="field">
        <label htmlFor="act-name">{t("activity.name")}</label>
        <input id="act-name" value={name} maxLength={200} onChange={(e) => setName(e.target.value)} required
          aria-invalid={sub.fields.name ? true : undefined} />
      </div>
      <div className="grid-2">
        <SelectField label={t("activity.sport")} value={sport} onChange={setSport} options={activitySportOptions(lang)} />
        <SelectField label={t("activity.visibility")} value={visibility} onChange={(v: Visibility) => setVisibility(v)}
          options={VISIBILITIES.map((v) => ({ value: v, label: t(`visibility.${v}`) }))} />
      </div>
      <FormAlert error={sub.error} />
      <div className="form-actions">
        <button type="submit" disabled={sub.busy}>
          {t("common.save")}
        </button>
        <button type="button" className="secondary" onClick={onCancel}>
          {t("common.cancel")}
        </button>
      </div>
    </form>
  );
}

function ComparisonsView({ data, m, sport }: { data: Comparisons; m: Measure; sport: string }) {
  const { t, lang } = useI18n();
  const own = (c: OwnComparison, title: string, testId: string) => (
    <div data-testid={testId}>
      <h3>{title}</h3>
      {c.count > 1 ? (
        <>
          <p>{t("compare.rank", { rank: c.rank, count: c.count })}</p>
          <ul className="plain-list compare-list">
            {(c.items ?? []).slice(0, 10).map((r) => (
              <li key={r.activity_id}>
                <Link to={`/training/activities/${encodeURIComponent(r.activity_id)}`}>{r.name || formatDateTime(r.started_at, lang)}</Link>{" "}
                <span className="muted small">
                  {formatDateTime(r.started_at, lang)} · {m.distance(r.distance_m)} · {formatDuration(r.moving_s)} · {m.speedOrPace(r.avg_speed, sport)}
                </span>
              </li>
            ))}
          </ul>
        </>
      ) : (
        <p className="muted">{t("compare.none")}</p>
      )}
    </div>
  );
  const standards = data.reference?.efforts ?? [];
  const predictions = data.reference?.predictions ?? [];
  const peers = data.others?.efforts ?? [];
  return (
    <div className="stack">
      {own(data.same_distance, t("compare.sameDistance"), "compare-distance")}
      {own(data.same_route, t("compare.sameRoute"), "compare-route")}
      {standards.length > 0 && (
        <div>
          <h3>{t("compare.standards")}</h3>
          <ul className="plain-list">
            {standards.map((s) => (
              <li key={s.effort}>
                <strong>{effortName(s.effort, lang)}</strong> {formatDuration(s.elapsed_s)}
                {s.vdot != null && ` · VDOT ${m.number(s.vdot, 1)}`}
                {s.age_grade_pct != null && ` · ${t("compare.ageGrade", { pct: m.number(s.age_grade_pct, 1) })}`}
              </li>
            ))}
          </ul>
          {predictions.length > 0 && (
            <p className="small">
              {t("compare.predicts")}{" "}
              {predictions.map((p) => `${effortName(p.effort, lang)} ${formatDuration(p.vdot_s ?? p.riegel_s)}`).join(" · ")}
            </p>
          )}
        </div>
      )}
      <div>
        <h3>{t("compare.peers")}</h3>
        {peers.length === 0 && <p className="muted">{t("compare.peersNone")}</p>}
        <ul className="plain-list" data-testid="compare-peers">
          {peers.map((p) => (
            <li key={p.effort}>
              <strong>{effortName(p.effort, lang)}</strong>{" "}
              {p.percentile != null
                ? `${t("compare.percentile", { pct: m.number(p.percentile, 0) })}${p.cohort_size != null ? ` ${t("compare.cohort", { count: p.cohort_size })}` : ""}`
                : p.reason === "unknown_athlete"
                  ? t("compare.unknownAthlete")
                  : t("compare.peersNone")}
            </li>
          ))}
        </ul>
      </div>
    </div>
  );
}

/** ActivityPage shows one activity. */
export function ActivityPage() {
  const { id = "" } = useParams();
  const { t, lang } = useI18n();
  const m = useMeasure();
  const navigate = useNavigate();
  const act = useLoad((s) => getActivity(id, s), id);
  const str = useLoad((s) => getStreams(id, s), id);
  const a = act.data;
  const { me } = useAuth();
  const owner = !a || !me || a.user_id === me.user_id;
  const cmp = useLoad((s) => (owner ? getComparisons(id, s) : Promise.resolve(null)), `${id}|${owner}`);
  useTitle("activity.title", a?.name);
  const [axis, setAxis] = useState<"time" | "distance">("time");
  const [hover, setHover] = useState<number | null>(null);
  const [editing, setEditing] = useState(false);
  const [confirmDelete, setConfirmDelete] = useState(false);
  const del = useSubmission();
  const exp = useSubmission();

  const prepared = useMemo(() => (a && str.data ? prepare(str.data, a.sport, m.units) : null), [a, str.data, m.units]);
  const route = useMemo<LatLng[]>(() => {
    if (prepared) {
      const pts = prepared.positions.filter((p): p is LatLng => p !== null);
      if (pts.length > 1) return pts;
    }
    return a?.polyline ? decodePolyline(a.polyline) : [];
  }, [a?.polyline, prepared]);

  if (act.error != null) return <ErrorBox error={act.error} onRetry={act.reload} />;
  if (!a) return <p role="status">{t("app.loading")}</p>;
  const an = a.analysis ?? null;
  const sport = a.sport;
  const x = !prepared ? [] : axis === "distance" && prepared.dist ? prepared.dist.map((d) => m.distanceValue(d)) : prepared.t;
  const xFormat = axis === "distance" && prepared?.dist ? (v: number) => `${m.number(v, 1)} ${m.distanceUnit}` : (v: number) => formatDuration(v);
  const xTicks = axis === "time" && x.length ? timeTicks(x[0] ?? 0, x[x.length - 1] ?? 0, 5) : undefined;
  const channelTitle: Record<ChannelKey, string> = {
    pace: `${t("activity.pace")}, ${m.paceUnit(sport)}`,
    speed: `${t("activity.speed")}, ${m.speedUnit}`,
    hr: `${t("activity.hr")}, ${t("unit.bpm")}`,
    alt: `${t("activity.elevation")}, ${m.elevationUnit}`,
    cad: `${t("activity.cadence")}, ${t(sport === "cycling" || sport === "mountain_biking" ? "unit.rpm" : "unit.spm")}`,
    power: `${t("activity.power")}, ${t("unit.w")}`,
  };
  const fmt = (k: ChannelKey) => (v: number) => (k === "pace" ? formatDuration(v) : m.number(v, k === "speed" ? 1 : 0));
  const hoverPos = hover !== null && prepared ? (prepared.positions[hover] ?? null) : null;

  const doExport = async (f: ExportFormat) => {
    const res = await exp.run(() => exportActivity(a.id, f));
    if (!res.ok) return;
    const url = URL.createObjectURL(res.value.blob);
    const link = document.createElement("a");
    link.href = url;
    link.download = res.value.filename;
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  };
  const doDelete = async () => {
    const res = await del.run(() => deleteActivity(a.id));
    if (res.ok) navigate("/training", { replace: true });
  };
  const splits = (m.units === "metric" ? an?.splits_km : an?.splits_mile) ?? [];
  const laps = an?.laps ?? [];
  const efforts = an?.best_efforts ?? [];

  return (
    <article className="stack activity-page" data-testid="activity-page">
      <p>
        <Link to="/training" className="back-link">
          {t("activity.back")}
        </Link>
      </p>
      {editing ? (
        <EditForm activity={a} onSaved={(n) => { act.set(n); setEditing(false); }} onCancel={() => setEditing(false)} />
      ) : (
        <header className="page-head">
          <div>
            <h1 data-testid="activity-name">{a.name || activitySportName(sport, lang)}</h1>
            <p className="muted">
              {activitySportName(sport, lang)} · {formatDateTime(a.started_at, lang, a.time_zone || undefined)} · {t(`visibility.${a.visibility ?? "private"}`)}
            </p>
          </div>
          {owner && (
            <div className="form-actions">
              <button type="button" className="secondary small" onClick={() => setEditing(true)} data-testid="activity-edit-open">
                {t("common.edit")}
              </button>
            </div>
          )}
        </header>
      )}

      {an && (
        <dl className="stat-grid card" data-testid="activity-stats">
          <Stat label={t("activity.distance")} value={m.distance(an.distance_m)} testId="stat-distance" />
          <Stat label={t("activity.movingTime")} value={formatDuration(an.moving_s)} />
          <Stat label={t("activity.elapsedTime")} value={formatDuration(an.elapsed_s)} />
          <Stat label={usesPace(sport) ? t("activity.avgPace") : t("activity.avgSpeed")} value={m.speedOrPace(an.avg_speed, sport)} />
          {!usesPace(sport) && <Stat label={t("activity.maxSpeed")} value={m.speed(an.max_speed)} />}
          <Stat label={t("activity.elevGain")} value={m.elevation(an.elev_gain_m)} />
          <Stat label={t("activity.elevLoss")} value={m.elevation(an.elev_loss_m)} />
          {an.avg_hr != null && <Stat label={t("activity.avgHr")} value={`${m.number(an.avg_hr, 0)} / ${m.number(an.max_hr, 0)}`} />}
          {an.avg_cadence != null && <Stat label={t("activity.avgCadence")} value={m.number(an.avg_cadence, 0)} />}
          {an.avg_power != null && <Stat label={t("activity.avgPower")} value={`${m.number(an.avg_power, 0)} ${t("unit.w")}`} />}
          {an.normalized_power != null && <Stat label={t("activity.np")} value={`${m.number(an.normalized_power, 0)} ${t("unit.w")}`} />}
          {an.calories != null && <Stat label={t("activity.calories")} value={`${m.number(an.calories, 0)} ${t("unit.kcal")}`} />}
          {an.load?.tss != null && <Stat label={t("activity.tss")} value={m.number(an.load.tss, 0)} />}
          {an.load?.trimp != null && <Stat label="TRIMP" value={m.number(an.load.trimp, 0)} />}
        </dl>
      )}
      {a.hidden && a.hidden.length > 0 && (
        <p className="muted small" data-testid="activity-hidden">
          {t("activity.hidden", { parts: a.hidden.map((h) => t(`activity.hidden.${h === "map" || h === "heart_rate" || h === "pace" ? h : "map"}`)).join(", ") })}
        </p>
      )}

      {route.length > 0 && (
        <section aria-labelledby="act-map">
          <h2 id="act-map" className="visually-hidden">{t("activity.map")}</h2>
          <RouteMap route={route} marker={hoverPos} label={t("activity.map")} offlineLabel={t("map.offline")} testId="activity-map" />
        </section>
      )}

      <section aria-labelledby="act-charts" className="stack">
        <div className="page-head">
          <h2 id="act-charts">{t("activity.charts")}</h2>
          {prepared?.dist && (
            <div className="segmented" role="group" aria-label={t("activity.axis")}>
              <button type="button" aria-pressed={axis === "time"} className={axis === "time" ? "" : "secondary"} onClick={() => setAxis("time")}>
                {t("activity.axis.time")}
              </button>
              <button type="button" aria-pressed={axis === "distance"} className={axis === "distance" ? "" : "secondary"} onClick={() => setAxis("distance")}
                data-testid="axis-distance">
                {t("activity.axis.distance")}
              </button>
            </div>
          )}
        </div>
        {str.error != null && <ErrorBox error={str.error} onRetry={str.reload} />}
        {str.loading && !prepared && <p role="status">{t("app.loading")}</p>}
        {prepared && prepared.channels.length === 0 && <p className="muted">{t("activity.noStreams")}</p>}
        {prepared && prepared.channels.length > 0 && (
          <p className="muted small">{t("activity.chartHint")}</p>
        )}
        {prepared?.channels.map((c) => {
          const series: Series[] = [{ label: channelTitle[c.key].split(",")[0] ?? c.key, values: c.values, color: COLORS[c.key], format: fmt(c.key) }];
          return (
            <LineChart
              key={c.key}
              title={channelTitle[c.key]}
              x={x}
              xFormat={xFormat}
              xTicks={xTicks}
              series={series}
              invert={c.invert}
              hover={hover}
              onHover={setHover}
              testId={`chart-${c.key}`}
            />
          );
        })}
      </section>

      {(an?.hr_zones?.time_s?.length || an?.power_zones?.time_s?.length) && (
        <section aria-labelledby="act-zones" className="grid-2">
          <h2 id="act-zones" className="visually-hidden">{t("activity.zones")}</h2>
          {an?.hr_zones && an.hr_zones.time_s.length > 0 && (
            <ZoneBars
              title={`${t("activity.hrZones")} (${t(`zones.method.${an.hr_zones.method}`)})`}
              testId="hr-zones"
              zones={an.hr_zones.time_s.map((s, i) => ({
                label: `Z${i + 1}`,
                range: zoneRanges(an.hr_zones?.bounds ?? [], t("unit.bpm"))[i] ?? "",
                seconds: s,
                value: formatDuration(s),
              }))}
            />
          )}
          {an?.power_zones && an.power_zones.time_s.length > 0 && (
            <ZoneBars
              title={t("activity.powerZones")}
              testId="power-zones"
              zones={an.power_zones.time_s.map((s, i) => ({
                label: `Z${i + 1}`,
                range: zoneRanges(an.power_zones?.bounds ?? [], t("unit.w"))[i] ?? "",
                seconds: s,
                value: formatDuration(s),
              }))}
            />
          )}
        </section>
      )}

      {splits.length > 0 && (
        <section aria-labelledby="act-splits">
          <h2 id="act-splits">{m.units === "metric" ? t("activity.splitsKm") : t("activity.splitsMile")}</h2>
          <SplitsTable caption={t("activity.splits")} splits={splits} sport={sport} m={m} testId="splits" showIndexAs={(s) => String(s.index)} />
        </section>
      )}
      {laps.length > 1 && (
        <section aria-labelledby="act-laps">
          <h2 id="act-laps">{t("activity.laps")}</h2>
          <SplitsTable caption={t("activity.laps")} splits={laps} sport={sport} m={m} testId="laps" showIndexAs={(s) => String(s.index)} />
        </section>
      )}
      {efforts.length > 0 && (
        <section aria-labelledby="act-efforts">
          <h2 id="act-efforts">{t("activity.bestEfforts")}</h2>
          <ul className="plain-list effort-list" data-testid="best-efforts">
            {efforts.map((e) => (
              <li key={`${e.name}-${e.start_s}`}>
                <strong>{effortName(e.name, lang)}</strong> {formatDuration(e.elapsed_s)}{" "}
                <span className="muted small">
                  {m.speedOrPace(e.distance_m / (e.elapsed_s || 1), sport)} · {t("activity.effortAt", { at: formatDuration(e.start_s) })}
                </span>
              </li>
            ))}
          </ul>
        </section>
      )}

      {owner && (
        <section aria-labelledby="act-compare" className="card">
          <h2 id="act-compare">{t("activity.comparisons")}</h2>
          {cmp.loading && <p role="status">{t("app.loading")}</p>}
          {cmp.error != null && <p className="muted">{t("compare.unavailable")}</p>}
          {cmp.data && <ComparisonsView data={cmp.data} m={m} sport={sport} />}
        </section>
      )}

      <section aria-labelledby="act-export" className="card">
        <h2 id="act-export">{t("activity.export")}</h2>
        <div className="form-actions">
          {EXPORT_FORMATS.map((f) => (
            <button key={f} type="button" className="secondary" disabled={exp.busy} onClick={() => void doExport(f)} data-testid={`export-${f}`}>
              {t("activity.exportAs", { format: f.toUpperCase() })}
            </button>
          ))}
        </div>
        <FormAlert error={exp.error} />
      </section>

      {owner && (
        <section aria-labelledby="act-delete" className="card danger-zone">
          <h2 id="act-delete">{t("activity.delete")}</h2>
          {!confirmDelete ? (
            <button type="button" className="danger" onClick={() => setConfirmDelete(true)} data-testid="activity-delete">
              {t("activity.delete")}
            </button>
          ) : (
            <div role="alertdialog" aria-labelledby="act-delete-q" className="stack">
              <p id="act-delete-q">{t("activity.deleteConfirm")}</p>
              <div className="form-actions">
                <button type="button" className="danger" disabled={del.busy} onClick={() => void doDelete()} data-testid="activity-delete-confirm">
                  {t("activity.deleteYes")}
                </button>
                <button type="button" className="secondary" onClick={() => setConfirmDelete(false)}>
                  {t("common.cancel")}
                </button>
              </div>
            </div>
          )}
          <FormAlert error={del.error} />
        </section>
      )}
    </article>
  );
}
