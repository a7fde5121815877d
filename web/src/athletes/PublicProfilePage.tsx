// A public profile (/athletes/:id): what privacy lets the visitor see, with
// follow, unfollow and "requested" states.
import { useCallback, useEffect, useState } from "react";
import { Link, useLocation, useParams } from "react-router";
import { follow, getPublicProfile, unfollow, type PublicProfile } from "../api/profiles";
import { ErrorBox } from "../app/ErrorBox";
import { Avatar } from "../account/AvatarEditor";
import { achievementName, sportName } from "../account/vocabulary";
import { useAuth } from "../auth/AuthProvider";
import { loginPath } from "../auth/guards";
import { useI18n } from "../i18n/I18nProvider";
import { formatDate } from "../lib/format";
import { FormAlert, useSubmission } from "../ui/form";

function FollowButton({ profile, onChange }: { profile: PublicProfile; onChange: (p: PublicProfile) => void }) {
  const { t } = useI18n();
  const { status } = useAuth();
  const location = useLocation();
  const sub = useSubmission();
  if (profile.relationship === "self") {
    return (
      <Link className="button-link" to="/account/profile">
        {t("athlete.editProfile")}
      </Link>
    );
  }
  if (status !== "authenticated") {
    return (
      <Link className="button-link" to={loginPath(location.pathname)}>
        {t("athlete.loginToFollow")}
      </Link>
    );
  }
  const rel = profile.relationship;
  const doFollow = async () => {
    const res = await sub.run(() => follow(profile.user_id));
    if (res.ok) {
      const following = res.value.status === "following";
      onChange({
        ...profile,
        relationship: res.value.status,
        followers_count: (profile.followers_count ?? 0) + (following ? 1 : 0),
      });
    }
  };
  const doUnfollow = async () => {
    const res = await sub.run(() => unfollow(profile.user_id));
    if (res.ok) {
      onChange({
        ...profile,
        relationship: "none",
        followers_count: Math.max(0, (profile.followers_count ?? 0) - (rel === "following" ? 1 : 0)),
      });
    }
  };
  return (
    <div className="follow" data-testid="follow" data-relationship={rel}>
      {rel === "none" && (
        <button type="button" onClick={() => void doFollow()} disabled={sub.busy}>
          {t("athlete.follow")}
        </button>
      )}
      {rel === "following" && (
        <button type="button" className="secondary" onClick={() => void doUnfollow()} disabled={sub.busy}>
          {t("athlete.unfollow")}
        </button>
      )}
      {rel === "requested" && (
        <>
          <span className="badge">{t("athlete.requested")}</span>{" "}
          <button type="button" className="link-button" onClick={() => void doUnfollow()} disabled={sub.busy}>
            {t("athlete.cancelRequest")}
          </button>
        </>
      )}
      <FormAlert error={sub.error} />
    </div>
  );
}

/** PublicProfilePage shows another athlete's profile. */
export function PublicProfilePage() {
  const { id = "" } = useParams();
  const { t, lang } = useI18n();
  const { status } = useAuth();
  const [profile, setProfile] = useState<PublicProfile | null>(null);
  const [error, setError] = useState<unknown>(null);
  const load = useCallback(() => {
    setError(null);
    getPublicProfile(id).then(setProfile, (err: unknown) => setError(err));
  }, [id]);
  // Reload when signing in or out: the answer depends on the caller.
  useEffect(() => {
    if (status !== "loading") load();
  }, [load, status]);
  const name = profile?.display_name || t("athlete.unnamed");
  useEffect(() => {
    document.title = `${name} · ${t("app.name")}`;
  }, [name, t]);
  return (
    <div className="stack athlete" data-testid="athlete-page">
      {error != null && <ErrorBox error={error} onRetry={load} />}
      {!profile && error == null && <p role="status">{t("app.loading")}</p>}
      {profile && (
        <>
          <header className="athlete-head">
            <Avatar url={profile.avatar_url} name={name} size={96} />
            <div>
              <h1>{name}</h1>
              {profile.region && <p className="muted">{profile.region}</p>}
              {profile.followers_count !== undefined && (
                <p className="muted">
                  {t("profile.counts", { followers: profile.followers_count, following: profile.following_count ?? 0 })}
                </p>
              )}
            </div>
            <FollowButton profile={profile} onChange={setProfile} />
          </header>
          {profile.restricted && (
            <p className="notice" data-testid="restricted">
              {t("athlete.restricted")}
            </p>
          )}
          {profile.bio && <p className="bio">{profile.bio}</p>}
          {profile.sports && profile.sports.length > 0 && (
            <section aria-labelledby="athlete-sports">
              <h2 id="athlete-sports">{t("profile.sports.title")}</h2>
              <ul className="chips">
                {profile.sports.map((s) => (
                  <li key={s.sport}>
                    {sportName(s.sport, lang)} · {t(`level.${s.level}`)}
                  </li>
                ))}
              </ul>
            </section>
          )}
          {profile.achievements && profile.achievements.length > 0 && (
            <section aria-labelledby="athlete-achievements">
              <h2 id="athlete-achievements">{t("profile.achievements")}</h2>
              <ul className="chips">
                {profile.achievements.map((a) => (
                  <li key={a.code}>
                    {achievementName(a.code, lang)} <span className="muted small">{formatDate(a.awarded_at, lang)}</span>
                  </li>
                ))}
              </ul>
            </section>
          )}
        </>
      )}
    </div>
  );
}
