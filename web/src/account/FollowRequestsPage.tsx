// Follow requests (/account/followers): people asking to follow a
// non-public profile, accepted or declined one by one.
import { useCallback, useEffect, useState } from "react";
import { Link } from "react-router";
import { acceptFollowRequest, declineFollowRequest, listFollowRequests, type FollowRequest } from "../api/profiles";
import { ErrorBox } from "../app/ErrorBox";
import { useI18n } from "../i18n/I18nProvider";
import { formatDateTime } from "../lib/format";
import { FormAlert, useSubmission } from "../ui/form";
import { Avatar } from "./AvatarEditor";

/** FollowRequestsPage lists pending follow requests. */
export function FollowRequestsPage() {
  const { t, lang } = useI18n();
  const [items, setItems] = useState<FollowRequest[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const sub = useSubmission();
  const load = useCallback(() => {
    setError(null);
    listFollowRequests().then((r) => setItems(r.items), (err: unknown) => setError(err));
  }, []);
  useEffect(load, [load]);
  useEffect(() => {
    document.title = `${t("follow.requests.title")} · ${t("app.name")}`;
  }, [t]);
  const act = (r: FollowRequest, accept: boolean) =>
    void sub
      .run(() => (accept ? acceptFollowRequest(r.follower_id) : declineFollowRequest(r.follower_id)), {
        success: { key: accept ? "follow.requests.accepted" : "follow.requests.declined", params: { name: r.display_name } },
      })
      .then((res) => res.ok && setItems((list) => (list ?? []).filter((x) => x.follower_id !== r.follower_id)));
  return (
    <div className="stack">
      <h1>{t("follow.requests.title")}</h1>
      {error != null && <ErrorBox error={error} onRetry={load} />}
      <FormAlert error={sub.error} success={sub.success} />
      {items === null && error == null && <p role="status">{t("app.loading")}</p>}
      {items && items.length === 0 && <p className="muted">{t("follow.requests.none")}</p>}
      {items && items.length > 0 && (
        <ul className="plain-list person-list" data-testid="follow-requests">
          {items.map((r) => (
            <li key={r.follower_id} className="person">
              <Avatar url={r.avatar_url} name={r.display_name} size={40} />
              <span className="person-name">
                <Link to={`/athletes/${encodeURIComponent(r.follower_id)}`}>{r.display_name}</Link>
                <span className="muted small"> {formatDateTime(r.requested_at, lang)}</span>
              </span>
              <span className="form-actions">
                <button type="button" className="small" disabled={sub.busy} onClick={() => act(r, true)}
                  aria-label={t("follow.requests.acceptOne", { name: r.display_name })}>
                  {t("follow.requests.accept")}
                </button>
                <button type="button" className="secondary small" disabled={sub.busy} onClick={() => act(r, false)}
                  aria-label={t("follow.requests.declineOne", { name: r.display_name })}>
                  {t("follow.requests.decline")}
                </button>
              </span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
