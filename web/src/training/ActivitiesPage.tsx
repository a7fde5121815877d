// Activities (/training): the athlete's activities, newest first, with
// filters (sport, date range, search) kept in the URL and "load more".
import { useEffect, useMemo, useState, type FormEvent } from "react";
import { Link, useSearchParams } from "react-router";
import { listActivities, type ActivitySummary } from "../api/tracker";
import { ErrorBox } from "../app/ErrorBox";
import { useI18n } from "../i18n/I18nProvider";
import { formatDateTime } from "../lib/format";
import { activityFiltersToParams, parseActivityFilters, toActivityQuery, type ActivityFilters } from "./filters";
import { useMeasure, useTitle } from "./hooks";
import { formatDuration } from "./measure";
import { activitySportName, activitySportOptions } from "./vocabulary";


/** ActivitiesPage lists activities. */
export function ActivitiesPage() {
  const { t, lang } = useI18n();
  const m = useMeasure();
  useTitle("activities.title");
  const [params, setParams] = useSearchParams();
  const filters = useMemo(() => parseActivityFilters(params), [params]);
  const key = activityFiltersToParams(filters).toString();
  const [items, setItems] = useState<ActivitySummary[] | null>(null);
  const [cursor, setCursor] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [more, setMore] = useState(false);
  const [round, setRound] = useState(0);
  const [q, setQ] = useState(filters.q);

  useEffect(() => setQ(filters.q), [filters.q]);

  useEffect(() => {
    const ctl = new AbortController();
    setError(null);
    setItems(null);
    listActivities(toActivityQuery(filters), ctl.signal).then(
      (page) => {
        setItems(page.items ?? []);
        setCursor(page.next_cursor ?? null);
      },
      (err: unknown) => !ctl.signal.aborted && setError(err),
    );
    return () => ctl.abort();
  }, [key, round]);

  const loadMore = async () => {
    if (!cursor) return;
    setMore(true);
    try {
      const page = await listActivities(toActivityQuery(filters, cursor));
      setItems((cur) => [...(cur ?? []), ...(page.items ?? [])]);
      setCursor(page.next_cursor ?? null);
    } catch (err) {
      setError(err);
    } finally {
      setMore(false);
    }
  };

  const update = (next: ActivityFilters) => setParams(activityFiltersToParams(next), { flushSync: true });
  const search = (e: FormEvent) => {
    e.preventDefault();
    update({ ...filters, q });
  };
  const filtered = key !== "";

  return (
    <div className="stack">
      <div className="page-head">
        <h1>{t("activities.title")}</h1>
        <Link to="/training/upload" className="button-link">
          {t("activities.upload")}
        </Link>
      </div>
      <form role="search" className="activity-filters card" onSubmit={search} data-testid="activity-filters">
        <div className="field">
          <label htmlFor="af-sport">{t("activities.filter.sport")}</label>
          <select id="af-sport" value={filters.sport} onChange={(e) => update({ ...filters, sport: e.target.value })}>
            <option value="">{t("activities.filter.anySport")}</option>
            {activitySportOptions(lang).map((o) => (
              <option key={o.value} value={o.value}>
                {o.label}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="af-from">{t("activities.filter.from")}</label>
          <input id="af-from" type="date" value={filters.from} max={filters.to || undefined}
            onChange={(e) => update({ ...filters, from: e.target.value })} />
        </div>
        <div className="field">
          <label htmlFor="af-to">{t("activities.filter.to")}</label>
          <input id="af-to" type="date" value={filters.to} min={filters.from || undefined}
            onChange={(e) => update({ ...filters, to: e.target.value })} />
        </div>
        <div className="field grow">
          <label htmlFor="af-q">{t("activities.filter.search")}</label>
          <div className="inline-form">
            <input id="af-q" type="search" value={q} maxLength={200} onChange={(e) => setQ(e.target.value)}
              placeholder={t("activities.filter.searchPlaceholder")} />
            <button type="submit">{t("activities.filter.find")}</button>
          </div>
        </div>
        {filtered && (
          <button type="button" className="link-button" onClick={() => update({ sport: "", from: "", to: "", q: "" })}>
            {t("activities.filter.reset")}
          </button>
        )}
      </form>
      {error != null && <ErrorBox error={error} onRetry={() => setRound((r) => r + 1)} />}
      {items === null && error == null && <p role="status">{t("app.loading")}</p>}
      {items && items.length === 0 && (
        <p className="empty" data-testid="activities-empty">
          {filtered ? t("activities.noneFiltered") : t("activities.none")}
        </p>
      )}
      {items && items.length > 0 && (
        <ul className="plain-list activity-list" data-testid="activity-list">
          {items.map((a) => {
            return (
              <li key={a.id} className="card activity-card">
                <Link to={`/training/activities/${encodeURIComponent(a.id)}`} className="activity-card-link">
                  <span className="activity-card-name">{a.name || activitySportName(a.sport, lang)}</span>
                </Link>
                <p className="muted small">
                  {activitySportName(a.sport, lang)} · {formatDateTime(a.started_at, lang, a.time_zone || undefined)}
                </p>
                <dl className="stat-row">
                  <div>
                    <dt>{t("activity.distance")}</dt>
                    <dd>{m.distance(a.distance_m)}</dd>
                  </div>
                  <div>
                    <dt>{t("activity.movingTime")}</dt>
                    <dd>{formatDuration(a.moving_s)}</dd>
                  </div>
                  <div>
                    <dt>{t("activity.avgSpeedOrPace")}</dt>
                    <dd>{m.speedOrPace(a.avg_speed, a.sport)}</dd>
                  </div>
                  {a.elev_gain_m > 0 && (
                    <div>
                      <dt>{t("activity.elevGain")}</dt>
                      <dd>{m.elevation(a.elev_gain_m)}</dd>
                    </div>
                  )}
                </dl>
              </li>
            );
          })}
        </ul>
      )}
      {cursor && (
        <button type="button" className="secondary load-more" disabled={more} onClick={() => void loadMore()}>
          {more ? t("app.loading") : t("activities.loadMore")}
        </button>
      )}
    </div>
  );
}
