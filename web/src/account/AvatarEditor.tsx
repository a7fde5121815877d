// Avatar upload: a file input and a drop zone, a preview of the chosen
// image, client-side type and size checks, and the server's errors.
import { useEffect, useId, useRef, useState, type DragEvent } from "react";
import { deleteAvatar, uploadAvatar, type Profile } from "../api/profiles";
import { useI18n } from "../i18n/I18nProvider";
import { FormAlert, useSubmission } from "../ui/form";
import { AVATAR_MAX_BYTES, AVATAR_TYPES, checkAvatarFile, initials } from "./avatar";

/** Avatar shows a profile picture or initials. */
export function Avatar({ url, name, size = 96 }: { url: string | null | undefined; name: string; size?: number }) {
  return url ? (
    <img className="avatar" src={url} alt="" width={size} height={size} />
  ) : (
    <span className="avatar avatar-initials" aria-hidden="true" style={{ width: size, height: size, fontSize: size / 2.6 }}>
      {initials(name)}
    </span>
  );
}

/** AvatarEditor uploads or removes the profile's avatar. */
export function AvatarEditor({ profile, onChange }: { profile: Profile; onChange: (p: Profile) => void }) {
  const { t } = useI18n();
  const inputId = useId();
  const inputRef = useRef<HTMLInputElement>(null);
  const [file, setFile] = useState<File | null>(null);
  const [preview, setPreview] = useState<string | null>(null);
  const [problem, setProblem] = useState<"type" | "size" | "empty" | null>(null);
  const [dragging, setDragging] = useState(false);
  const sub = useSubmission();

  useEffect(() => {
    if (!file) return;
    const url = URL.createObjectURL(file);
    setPreview(url);
    return () => URL.revokeObjectURL(url);
  }, [file]);

  const choose = (f: File | undefined | null) => {
    sub.reset();
    if (!f) return;
    const why = checkAvatarFile(f);
    setProblem(why);
    if (why) {
      setFile(null);
      setPreview(null);
      return;
    }
    setFile(f);
  };

  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setDragging(false);
    choose(e.dataTransfer.files[0]);
  };

  const upload = async () => {
    if (!file) return;
    const res = await sub.run(() => uploadAvatar(file), { success: { key: "profile.avatar.saved" } });
    if (res.ok) {
      onChange(res.value);
      setFile(null);
      setPreview(null);
      if (inputRef.current) inputRef.current.value = "";
    }
  };

  const remove = async () => {
    const res = await sub.run(deleteAvatar, { success: { key: "profile.avatar.removed" } });
    if (res.ok) onChange(res.value);
  };

  const problemText =
    problem === "type"
      ? t("profile.avatar.badType")
      : problem === "size"
        ? t("profile.avatar.tooBig", { mb: AVATAR_MAX_BYTES / 1024 / 1024 })
        : problem === "empty"
          ? t("profile.avatar.empty")
          : "";

  return (
    <section className="card avatar-editor" aria-labelledby="avatar-heading">
      <h2 id="avatar-heading">{t("profile.avatar.title")}</h2>
      <div className="avatar-row">
        {preview ? (
          <img className="avatar" src={preview} alt={t("profile.avatar.preview")} width={96} height={96} data-testid="avatar-preview" />
        ) : (
          <Avatar url={profile.avatar_url} name={profile.display_name} />
        )}
        <div
          className={dragging ? "drop-zone dragging" : "drop-zone"}
          onDragOver={(e) => {
            e.preventDefault();
            setDragging(true);
          }}
          onDragLeave={() => setDragging(false)}
          onDrop={onDrop}
          data-testid="avatar-drop"
        >
          <label htmlFor={inputId}>{t("profile.avatar.choose")}</label>
          <input
            ref={inputRef}
            id={inputId}
            type="file"
            accept={AVATAR_TYPES.join(",")}
            onChange={(e) => choose(e.target.files?.[0])}
            aria-describedby={`${inputId}-hint${problem ? ` ${inputId}-error` : ""}`}
            aria-invalid={problem ? true : undefined}
          />
          <p id={`${inputId}-hint`} className="field-hint">
            {t("profile.avatar.hint", { mb: AVATAR_MAX_BYTES / 1024 / 1024 })}
          </p>
          {problem && (
            <p id={`${inputId}-error`} className="field-error">
              {problemText}
            </p>
          )}
        </div>
      </div>
      <FormAlert error={sub.error} success={sub.success} />
      <div className="form-actions">
        <button type="button" disabled={!file || sub.busy} onClick={() => void upload()}>
          {t("profile.avatar.upload")}
        </button>
        {profile.avatar_url && (
          <button type="button" className="secondary" disabled={sub.busy} onClick={() => void remove()}>
            {t("profile.avatar.remove")}
          </button>
        )}
      </div>
    </section>
  );
}
