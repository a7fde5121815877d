// The inbox (/notifications): in-app notifications, newest first, with an
// unread filter, mark read, mark all read and "load more". New items arrive
// live.
import { useCallback, useEffect, useRef, useState } from "react";
import { Link, useSearchParams } from "react-router";
import { listInbox, markAllRead, markRead, type InboxItem } from "../api/notify";
import { ErrorBox } from "../app/ErrorBox";
import { useI18n } from "../i18n/I18nProvider";
import { formatDateTime } from "../lib/format";
import { FormAlert, useSubmission } from "../ui/form";
import { useNotifications } from "./NotificationsProvider";

/** mergeItems appends a page to a list, skipping items already held. */
export function mergeItems(held: readonly InboxItem[], page: readonly InboxItem[]): InboxItem[] {
  const seen = new Set(held.map((i) => i.id));
  return [...held, ...page.filter((i) => !seen.has(i.id))];
}

/** isInternalLink tells a same-app path (opened with the router) from an external URL. */
export function isInternalLink(link: string): boolean {
  return link.startsWith("/") && !link.startsWith("//");
}

/** isWebLink accepts only http(s) URLs for links that leave the app. */
export function isWebLink(link: string): boolean {
  return /^https?:\/\/[^\s]+$/i.test(link);
}

/** InboxPage lists the user's notifications. */
export function InboxPage() {
  const { t, lang } = useI18n();
  const { setUnread, onItem } = useNotifications();
  const [params, setParams] = useSearchParams();
  const unreadOnly = params.get("unread") === "true";
  const [items, setItems] = useState<InboxItem[] | null>(null);
  const [cursor, setCursor] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [loadingMore, setLoadingMore] = useState(false);
  const sub = useSubmission();
  const filterRef = useRef(unreadOnly);
  filterRef.current = unreadOnly;

  const load = useCallback(() => {
    setError(null);
    setItems(null);
    listInbox({ unread: unreadOnly, limit: 20 }).then(
      (page) => {
        setItems(page.items);
        setCursor(page.next_cursor ?? null);
        setUnread(page.unread);
      },
      (err: unknown) => setError(err),
    );
  }, [unreadOnly, setUnread]);
  useEffect(load, [load]);

  useEffect(() => onItem((item) => setItems((list) => (list ? mergeItems([item], list) : list))), [onItem]);

  useEffect(() => {
    document.title = `${t("notifications.title")} · ${t("app.name")}`;
  }, [t]);

  const more = () => {
    if (!cursor) return;
    setLoadingMore(true);
    listInbox({ unread: unreadOnly, cursor, limit: 20 }).then(
      (page) => {
        if (filterRef.current !== unreadOnly) return;
        setItems((list) => mergeItems(list ?? [], page.items));
        setCursor(page.next_cursor ?? null);
        setLoadingMore(false);
      },
      (err: unknown) => {
        setError(err);
        setLoadingMore(false);
      },
    );
  };

  const read = async (item: InboxItem) => {
    if (item.read_at) return;
    const res = await sub.run(() => markRead(item.id));
    if (!res.ok) return;
    const now = new Date().toISOString();
    setItems((list) =>
      (list ?? [])
        .map((i) => (i.id === item.id ? { ...i, read_at: now } : i))
        .filter((i) => !unreadOnly || !i.read_at || i.id === item.id),
    );
    setUnread((n) => Math.max(0, n - 1));
  };

  const readAll = async () => {
    const res = await sub.run(markAllRead);
    if (!res.ok) return;
    const now = new Date().toISOString();
    setItems((list) => (list ?? []).map((i) => (i.read_at ? i : { ...i, read_at: now })));
    setUnread(0);
  };

  return (
    <div className="stack inbox" data-testid="inbox">
      <div className="inbox-toolbar">
        <h1>{t("notifications.title")}</h1>
        <label className="check">
          <input
            type="checkbox"
            checked={unreadOnly}
            // flushSync: router navigations run in a transition, which would
            // briefly snap the controlled checkbox back.
            onChange={(e) => setParams(e.target.checked ? { unread: "true" } : {}, { replace: true, flushSync: true })}
          />
          {t("notifications.unreadOnly")}
        </label>
        <button type="button" className="secondary" onClick={() => void readAll()} disabled={sub.busy || !items?.some((i) => !i.read_at)}>
          {t("notifications.readAll")}
        </button>
      </div>
      <FormAlert error={sub.error} />
      {error != null && <ErrorBox error={error} onRetry={load} />}
      {items === null && error == null && <p role="status">{t("app.loading")}</p>}
      {items && items.length === 0 && <p className="muted">{unreadOnly ? t("notifications.noneUnread") : t("notifications.none")}</p>}
      {items && items.length > 0 && (
        <ul className="plain-list inbox-list" aria-live="polite">
          {items.map((item) => (
            <li key={item.id} className={item.read_at ? "inbox-item" : "inbox-item unread"} data-testid="inbox-item">
              <div className="inbox-main">
                <p className="inbox-title">
                  {!item.read_at && <span className="visually-hidden">{t("notifications.unreadMark")} </span>}
                  {item.link && isInternalLink(item.link) ? (
                    <Link to={item.link} onClick={() => void read(item)}>{item.title}</Link>
                  ) : item.link && isWebLink(item.link) ? (
                    <a href={item.link} rel="noopener noreferrer" onClick={() => void read(item)}>{item.title}</a>
                  ) : (
                    item.title
                  )}
                </p>
                {item.body && <p className="inbox-body">{item.body}</p>}
                <p className="muted small">{formatDateTime(item.created_at, lang)}</p>
              </div>
              {!item.read_at && (
                <button type="button" className="secondary small" onClick={() => void read(item)} disabled={sub.busy}
                  aria-label={t("notifications.markReadOne", { title: item.title })}>
                  {t("notifications.markRead")}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      {cursor && items && (
        <div className="load-more">
          <button type="button" onClick={more} disabled={loadingMore}>
            {loadingMore ? t("app.loading") : t("notifications.loadMore")}
          </button>
        </div>
      )}
    </div>
  );
}
