// The share-link live view (/live/<token>): anyone with the link follows
// the session without signing in, until the link expires or the session
// ends. Privacy zones are masked by the server.
import { useParams } from "react-router";
import { ProblemError } from "../api/client";
import { sharedSession } from "../api/tracker";
import { ErrorBox } from "../app/ErrorBox";
import { useI18n } from "../i18n/I18nProvider";
import { useLoad, useTitle } from "./hooks";
import { LivePanel } from "./live/LivePanel";
import { useTrack } from "./live/useTrack";

/** SharedLivePage shows a shared live session. */
export function SharedLivePage() {
  const { token = "" } = useParams();
  const { t } = useI18n();
  useTitle("live.shared.title");
  const shared = useLoad((s) => sharedSession(token, s), token);
  const { view, state } = useTrack(shared.data ? { kind: "share", token } : null, shared.data);
  const status = shared.error instanceof ProblemError ? shared.error.status : 0;
  return (
    <div className="stack shared-live">
      <h1>{t("live.shared.title")}</h1>
      {(status === 404 || status === 410) && (
        <p className="page-message notice" role="alert" data-testid="live-link-gone">
          {status === 410 ? t("live.shared.expired") : t("live.shared.notFound")}
        </p>
      )}
      {shared.error != null && status !== 404 && status !== 410 && <ErrorBox error={shared.error} onRetry={shared.reload} />}
      {shared.loading && !shared.data && <p role="status">{t("app.loading")}</p>}
      {shared.data && (
        <>
          <LivePanel view={view} connection={state} />
          {view.ended && (
            <p className="notice card" role="status" data-testid="live-ended">
              {t("live.shared.ended")}
            </p>
          )}
        </>
      )}
    </div>
  );
}
