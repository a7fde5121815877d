// The watch-sized glance (/watch): today, this week, the streak and the
// live session in large type on a dark background, refreshed every 30 s.
// It renders without the app frame so it fits a watch or widget screen.
import { useEffect } from "react";
import { Link } from "react-router";
import { getGlance } from "../api/tracker";
import { useI18n } from "../i18n/I18nProvider";
import { useLoad, useMeasure, useTitle } from "./hooks";
import { formatDuration } from "./measure";
import { activitySportName } from "./vocabulary";

/** WatchPage is the glance view. */
export function WatchPage() {
  const { t, tp, lang } = useI18n();
  const m = useMeasure();
  useTitle("watch.title");
  const g = useLoad((s) => getGlance(s), "glance");
  const { reload } = g;
  useEffect(() => {
    const h = window.setInterval(reload, 30_000);
    return () => window.clearInterval(h);
  }, [reload]);
  const d = g.data;
  return (
    <main className="watch" data-testid="watch" aria-busy={g.loading}>
      {g.error != null && !d && (
        <p role="alert">
          {t("watch.offline")}{" "}
          <button type="button" onClick={reload}>
            {t("error.retry")}
          </button>
        </p>
      )}
      {!d && g.loading && <p role="status">{t("app.loading")}</p>}
      {d && (
        <>
          {d.live && (
            <Link to="/training/live" className="watch-live" data-testid="watch-live">
              <span className="watch-dot" aria-hidden="true" /> {t("watch.live", { sport: activitySportName(d.live.sport, lang) })}
            </Link>
          )}
          <section aria-labelledby="w-today">
            <h1 id="w-today" className="watch-h">
              {t("watch.today")}
            </h1>
            <p className="watch-big" data-testid="watch-today-distance">
              {m.distance(d.today.distance_m, 1)}
            </p>
            <p className="watch-small">
              {formatDuration(d.today.moving_s)} · {tp("watch.activities", d.today.count)}
            </p>
          </section>
          <section aria-labelledby="w-week">
            <h2 id="w-week" className="watch-h">
              {t("watch.week")}
            </h2>
            <p className="watch-mid">{m.distance(d.week.distance_m, 1)}</p>
            <p className="watch-small">
              {formatDuration(d.week.moving_s)} · {tp("watch.activities", d.week.count)}
            </p>
          </section>
          <p className="watch-small">{tp("watch.streak", d.streak_days)}</p>
        </>
      )}
    </main>
  );
}
