// Live tracking (/training/live): the owner starts a session (or sees the
// one a device started), pauses, resumes, finishes or discards it, sends
// an SOS to the safety contacts, and shares an expiring link to the live
// view. The page follows the session over the ticketed WebSocket.
import { useEffect, useState, type FormEvent } from "react";
import { Link } from "react-router";
import {
  createShare,
  currentSession,
  deleteShare,
  discardSession,
  finishSession,
  getSession,
  listShares,
  pauseSession,
  resumeSession,
  sendSos,
  startSession,
  type Session,
  type SessionAction,
  type Share,
} from "../api/tracker";
import { ErrorBox } from "../app/ErrorBox";
import { useI18n } from "../i18n/I18nProvider";
import { formatDateTime } from "../lib/format";
import { FormAlert, SelectField, useSubmission } from "../ui/form";
import { useLoad, useTitle } from "./hooks";
import { LivePanel } from "./live/LivePanel";
import { useTrack } from "./live/useTrack";
import { activitySportOptions } from "./vocabulary";

/** SHARE_TTLS are the share link lifetimes offered, in seconds. */
export const SHARE_TTLS = [3600, 3 * 3600, 6 * 3600, 24 * 3600, 48 * 3600] as const;

function ShareLinks({ session }: { session: Session }) {
  const { t, lang } = useI18n();
  const shares = useLoad((s) => listShares(session.id, s), session.id);
  const [ttl, setTtl] = useState<string>(String(6 * 3600));
  const [copied, setCopied] = useState<string | null>(null);
  // Token and URL come only with the answer that created a link; keep them for this page.
  const [made, setMade] = useState<Record<string, Share>>({});
  const sub = useSubmission();
  const create = async (e: FormEvent) => {
    e.preventDefault();
    const res = await sub.run(() => createShare(session.id, Number(ttl)));
    if (res.ok) {
      setMade((m) => ({ ...m, [res.value.id]: res.value }));
      shares.set((cur) => [res.value, ...(cur ?? []).filter((x) => x.id !== res.value.id)]);
    }
  };
  const absolute = (s: Share) => {
    const full = made[s.id] ?? s;
    if (!full.url && !full.token) return "";
    return new URL(full.url || `/live/${full.token}`, window.location.origin).toString();
  };
  const copy = async (s: Share) => {
    try {
      await navigator.clipboard.writeText(absolute(s));
      setCopied(s.id);
    } catch {
      setCopied(null);
    }
  };
  const revoke = async (s: Share) => {
    const res = await sub.run(() => deleteShare(session.id, s.id));
    if (res.ok) shares.set((cur) => (cur ?? []).filter((x) => x.id !== s.id));
  };
  const active = (shares.data ?? []).filter((s) => s.purpose !== "safety" && !s.expired && Date.parse(s.expires_at) > Date.now());
  return (
    <section className="card stack" aria-labelledby="share-h">
      <h2 id="share-h">{t("live.share.title")}</h2>
      <p className="muted small">{t("live.share.hint")}</p>
      <form className="inline-form" onSubmit={create}>
        <SelectField label={t("live.share.ttl")} value={ttl} onChange={setTtl} testId="share-ttl"
          options={SHARE_TTLS.map((s) => ({ value: String(s), label: t("live.share.hours", { hours: s / 3600 }) }))} />
        <button type="submit" disabled={sub.busy} data-testid="share-create">
          {t("live.share.create")}
        </button>
      </form>
      <FormAlert error={sub.error} />
      {active.length > 0 && (
        <ul className="plain-list share-list" data-testid="share-list">
          {active.map((s) => (
            <li key={s.id} className="share">
              {absolute(s) ? (
                <input readOnly value={absolute(s)} aria-label={t("live.share.link")} onFocus={(e) => e.target.select()} data-testid="share-url" />
              ) : (
                <span>{t("live.share.made", { at: formatDateTime(s.created_at, lang) })}</span>
              )}
              <span className="muted small">{t("live.share.until", { at: formatDateTime(s.expires_at, lang) })}</span>
              <span className="form-actions">
                {absolute(s) && (
                  <button type="button" className="secondary small" onClick={() => void copy(s)}>
                    {copied === s.id ? t("live.share.copied") : t("live.share.copy")}
                  </button>
                )}
                <button type="button" className="secondary small" onClick={() => void revoke(s)}>
                  {t("live.share.revoke")}
                </button>
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function Start({ onStarted }: { onStarted: (s: Session) => void }) {
  const { t, lang } = useI18n();
  const [sport, setSport] = useState("running");
  const sub = useSubmission();
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const res = await sub.run(() => startSession({ sport }));
    if (res.ok) onStarted(res.value);
  };
  return (
    <form className="card stack" onSubmit={submit} data-testid="live-start">
      <p>{t("live.none")}</p>
      <SelectField label={t("activity.sport")} value={sport} onChange={setSport} options={activitySportOptions(lang)} />
      <FormAlert error={sub.error} />
      <div className="form-actions">
        <button type="submit" disabled={sub.busy}>
          {t("live.start")}
        </button>
      </div>
      <p className="muted small">{t("live.startHint")}</p>
    </form>
  );
}

/** LivePage is the owner's live tracking page. */
export function LivePage() {
  const { t } = useI18n();
  useTitle("live.title");
  const cur = useLoad((s) => currentSession(s), "current");
  const [finished, setFinished] = useState<{ activityId: string | null; discarded: boolean } | null>(null);
  const [confirm, setConfirm] = useState<SessionAction | "sos" | null>(null);
  const [sosSent, setSosSent] = useState(false);
  const sub = useSubmission();
  const session = cur.data;
  const setCur = cur.set;
  const { view, state } = useTrack(session ? { kind: "owner", sessionId: session.id } : null, session ?? null);

  // A session that ends elsewhere (the watch finished it) ends here too;
  // the ended message names no activity, the session does.
  useEffect(() => {
    if (!view.ended || !session || finished) return;
    const discarded = view.session?.status === "discarded";
    setFinished({ activityId: view.activityId, discarded });
    setCur(null);
    if (!discarded && !view.activityId) {
      getSession(session.id).then(
        (s) => s.activity_id && setFinished({ activityId: s.activity_id, discarded: false }),
        () => undefined,
      );
    }
  }, [view.ended, view.activityId, view.session?.status, session, finished, setCur]);

  const act = async (a: SessionAction) => {
    if (!session) return;
    setConfirm(null);
    if (a === "finish") {
      const res = await sub.run(() => finishSession(session.id));
      if (!res.ok) return;
      setFinished({ activityId: res.value.activity_id || res.value.session.activity_id, discarded: false });
      cur.set(null);
      return;
    }
    if (a === "discard") {
      const res = await sub.run(() => discardSession(session.id));
      if (!res.ok) return;
      setFinished({ activityId: null, discarded: true });
      cur.set(null);
      return;
    }
    const res = await sub.run(() => (a === "pause" ? pauseSession(session.id) : resumeSession(session.id)));
    if (res.ok) cur.set(res.value);
  };
  const sos = async () => {
    if (!session) return;
    setConfirm(null);
    const res = await sub.run(() => sendSos(session.id));
    if (res.ok) setSosSent(true);
  };

  if (cur.error != null) return <ErrorBox error={cur.error} onRetry={cur.reload} />;
  if (cur.loading && !session) return <p role="status">{t("app.loading")}</p>;
  return (
    <div className="stack">
      <h1>{t("live.title")}</h1>
      {finished && (
        <div className="notice card" role="status" data-testid="live-finished">
          <p>{finished.discarded ? t("live.discarded") : t("live.finished")}</p>
          {finished.activityId && (
            <Link to={`/training/activities/${encodeURIComponent(finished.activityId)}`}>{t("live.openActivity")}</Link>
          )}
        </div>
      )}
      {!session && (
        <Start
          onStarted={(s) => {
            setFinished(null);
            setSosSent(false);
            cur.set(s);
          }}
        />
      )}
      {session && (
        <>
          <div className="card stack live-controls" data-testid="live-controls">
            <div className="form-actions">
              {session.status === "paused" ? (
                <button type="button" disabled={sub.busy} onClick={() => void act("resume")} data-testid="live-resume">
                  {t("live.resume")}
                </button>
              ) : (
                <button type="button" disabled={sub.busy} onClick={() => void act("pause")} data-testid="live-pause">
                  {t("live.pause")}
                </button>
              )}
              <button type="button" className="secondary" disabled={sub.busy} onClick={() => setConfirm("finish")} data-testid="live-finish">
                {t("live.finish")}
              </button>
              <button type="button" className="secondary" disabled={sub.busy} onClick={() => setConfirm("discard")} data-testid="live-discard">
                {t("live.discard")}
              </button>
              <button type="button" className="danger sos" disabled={sub.busy} onClick={() => setConfirm("sos")} data-testid="live-sos">
                {t("live.sos")}
              </button>
            </div>
            {confirm && (
              <div role="alertdialog" aria-labelledby="live-confirm" className="stack confirm">
                <p id="live-confirm">{t(`live.confirm.${confirm}`)}</p>
                <div className="form-actions">
                  <button
                    type="button"
                    className={confirm === "finish" ? "" : "danger"}
                    onClick={() => void (confirm === "sos" ? sos() : act(confirm))}
                    data-testid="live-confirm-yes"
                  >
                    {t(`live.confirmYes.${confirm}`)}
                  </button>
                  <button type="button" className="secondary" onClick={() => setConfirm(null)}>
                    {t("common.cancel")}
                  </button>
                </div>
              </div>
            )}
            {sosSent && (
              <p className="form-success" role="status" data-testid="live-sos-sent">
                {t("live.sosSent")} <Link to="/training/safety">{t("live.safetyLink")}</Link>
              </p>
            )}
            <FormAlert error={sub.error} />
          </div>
          <LivePanel view={view} connection={state} />
          <ShareLinks session={session} />
        </>
      )}
    </div>
  );
}
