import { Link } from "react-router";
import { useI18n } from "../i18n/I18nProvider";

/** NotFound is shown for URLs no section handles. */
export function NotFound() {
  const { t } = useI18n();
  return (
    <section className="page-message">
      <h1>{t("error.notFound")}</h1>
      <Link to="/">{t("error.home")}</Link>
    </section>
  );
}
