// The header's notification bell: a link to the inbox with the unread count.
import { Link } from "react-router";
import { useI18n } from "../i18n/I18nProvider";
import { useNotifications } from "./NotificationsProvider";

/** badgeText caps the count shown on the bell. */
export function badgeText(n: number): string {
  return n > 99 ? "99+" : String(n);
}

/** Bell shows the unread count and opens the inbox. */
export function Bell() {
  const { t, tp } = useI18n();
  const { unread } = useNotifications();
  const label = unread > 0 ? `${t("notifications.title")}: ${tp("notifications.unread", unread)}` : t("notifications.title");
  return (
    <Link to="/notifications" className="bell" aria-label={label} data-testid="bell">
      <svg viewBox="0 0 24 24" width="22" height="22" aria-hidden="true" focusable="false">
        <path fill="currentColor" d="M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22zm7-6V11a7 7 0 0 0-5-6.7V3.5a2 2 0 0 0-4 0v.8A7 7 0 0 0 5 11v5l-2 2v1h18v-1l-2-2zm-2 1H7v-6a5 5 0 0 1 10 0v6z" />
      </svg>
      {unread > 0 && (
        <span className="bell-count" data-testid="bell-count" aria-hidden="true">
          {badgeText(unread)}
        </span>
      )}
    </Link>
  );
}
