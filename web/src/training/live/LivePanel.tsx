// LivePanel shows a live session: state, the numbers of the newest point
// and the totals, and the map following the athlete. Used by the owner's
// page and by the share-link view.
import { useEffect, useState } from "react";
import { useI18n } from "../../i18n/I18nProvider";
import type { LiveState } from "../../lib/liveSocket";
import { formatDateTime } from "../../lib/format";
import { useMeasure } from "../hooks";
import { RouteMap } from "../map/RouteMap";
import { formatDuration } from "../measure";
import { activitySportName } from "../vocabulary";
import { lastPosition, pointTime, type TrackView } from "./track";

function useNow(active: boolean): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!active) return;
    const h = window.setInterval(() => setNow(Date.now()), 1000);
    return () => window.clearInterval(h);
  }, [active]);
  return now;
}

/** LivePanel renders the live numbers and map. */
export function LivePanel({ view, connection, title }: { view: TrackView; connection: LiveState; title?: string }) {
  const { t, lang } = useI18n();
  const m = useMeasure();
  const s = view.session;
  const running = !!s && !view.ended && (s.status === "active" || s.status === "paused");
  const now = useNow(running);
  if (!s) return null;
  const tot = view.totals;
  const started = Date.parse(s.started_at);
  const endAt = s.ended_at ? Date.parse(s.ended_at) : view.ended && view.last ? pointTime(view.last) : now;
  // The clock keeps the time ticking between messages; the server's total wins when it knows more.
  const elapsed = Number.isFinite(started) ? Math.max(0, (endAt - started) / 1000, tot?.elapsed_s ?? 0) : (tot?.elapsed_s ?? null);
  const last = view.last;
  const pos = lastPosition(view);
  const stateKey = view.ended ? "ended" : s.status === "paused" ? "paused" : s.auto_paused ? "stopped" : "active";
  const lastSeen = last ? pointTime(last) : NaN;
  return (
    <section className="stack live-panel" aria-labelledby="live-title" data-testid="live-panel">
      <div className="page-head">
        <h2 id="live-title">
          {title ?? activitySportName(s.sport, lang)}{" "}
          <span className={`badge live-badge live-${stateKey}`} data-testid="live-state">
            {t(`live.state.${stateKey}`)}
          </span>
        </h2>
        <p className="muted small" aria-live="polite">
          {connection === "open" ? t("live.conn.open") : connection === "stopped" ? "" : t("live.conn.waiting")}
        </p>
      </div>
      <p className="muted small">
        {t("live.startedAt", { at: formatDateTime(s.started_at, lang) })}
        {Number.isFinite(lastSeen) && ` · ${t("live.lastPoint", { at: formatDateTime(new Date(lastSeen).toISOString(), lang) })}`}
      </p>
      <dl className="stat-grid card live-stats" data-testid="live-stats">
        <div>
          <dt>{t("activity.elapsedTime")}</dt>
          <dd>{formatDuration(elapsed)}</dd>
        </div>
        <div>
          <dt>{t("activity.distance")}</dt>
          <dd data-testid="live-distance">{m.distance(tot?.distance_m ?? last?.dist ?? null)}</dd>
        </div>
        {tot?.moving_s != null && (
          <div>
            <dt>{t("activity.movingTime")}</dt>
            <dd>{formatDuration(tot.moving_s)}</dd>
          </div>
        )}
        <div>
          <dt>{t("live.now")}</dt>
          <dd>{m.speedOrPace(last?.speed ?? null, s.sport)}</dd>
        </div>
        {last?.hr != null && (
          <div>
            <dt>{t("activity.hr")}</dt>
            <dd data-testid="live-hr">
              {m.number(last.hr, 0)} {t("unit.bpm")}
            </dd>
          </div>
        )}
        {last?.power != null && (
          <div>
            <dt>{t("activity.power")}</dt>
            <dd>
              {m.number(last.power, 0)} {t("unit.w")}
            </dd>
          </div>
        )}
        {last?.cad != null && (
          <div>
            <dt>{t("activity.cadence")}</dt>
            <dd>{m.number(last.cad, 0)}</dd>
          </div>
        )}
        <div>
          <dt>{t("live.points")}</dt>
          <dd data-testid="live-points">{view.points.length}</dd>
        </div>
      </dl>
      {view.route.length > 0 ? (
        <RouteMap route={view.route} marker={pos} follow={!view.ended} label={t("live.map")} offlineLabel={t("map.offline")} testId="live-map" />
      ) : (
        <p className="muted" data-testid="live-no-position">
          {t("live.noPosition")}
        </p>
      )}
    </section>
  );
}
