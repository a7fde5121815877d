// Shows a failed request: the problem+json title, detail and field errors,
// or a network message, with an optional retry.
import { ProblemError } from "../api/client";
import { useI18n } from "../i18n/I18nProvider";

/** ErrorBox renders an error as an alert. */
export function ErrorBox({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useI18n();
  const problem = error instanceof ProblemError ? error.problem : null;
  return (
    <div className="error-box" role="alert" data-testid="error">
      <p className="error-title">{problem?.title || t("error.title")}</p>
      {problem ? (
        problem.detail && <p className="error-detail">{problem.detail}</p>
      ) : (
        <p className="error-detail">{t("error.network")}</p>
      )}
      {problem?.errors && problem.errors.length > 0 && (
        <ul className="error-fields">
          {problem.errors.map((e, i) => (
            <li key={i}>
              {e.field && <code>{e.field}</code>} {e.message || e.code}
            </li>
          ))}
        </ul>
      )}
      {problem?.request_id && <p className="error-request">{problem.request_id}</p>}
      {onRetry && (
        <button type="button" onClick={onRetry}>
          {t("error.retry")}
        </button>
      )}
    </div>
  );
}
