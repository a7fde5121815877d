// Upload (/training/upload): drop or choose activity files (FIT, GPX, TCX,
// gzip, zip exports with many activities). Each file is sent on its own
// request so one bad file spoils nothing else; every activity in it shows
// its status, polled until it is imported, a duplicate or failed, with
// the reason and what the importer had to drop.
import { useCallback, useEffect, useRef, useState, type DragEvent } from "react";
import { Link } from "react-router";
import { getImport, listImports, uploadFiles, type Import, type ImportItem } from "../api/devices";
import { useI18n } from "../i18n/I18nProvider";
import type { MessageKey } from "../i18n/i18n";
import { formatNumber } from "../lib/format";
import { describeProblem } from "../lib/problems";
import { useMessage } from "../ui/form";
import { useTitle } from "./hooks";
import { ACCEPT, applyImport, entriesFor, pending, pollDelay, tally, type Entry } from "./upload";

const REASONS: Record<string, MessageKey> = {
  unsupported_format: "upload.reason.unsupported_format",
  corrupt_file: "upload.reason.corrupt_file",
  no_data: "upload.reason.no_data",
  not_an_activity: "upload.reason.not_an_activity",
  file_too_large: "upload.reason.too_large",
  same_file: "upload.reason.same_file",
  same_activity: "upload.reason.same_activity",
  duplicate: "upload.reason.same_activity",
  invalid: "upload.reason.invalid",
};

/** MAX_SINGLE_POLLS is how many pending imports are polled one by one; more go through the list. */
const MAX_SINGLE_POLLS = 10;

/** reasonText is a reason code's text (the code itself when unknown). */
function useReason() {
  const { t } = useI18n();
  return (code: string | undefined | null) => (!code ? null : REASONS[code] ? t(REASONS[code] as MessageKey) : code);
}

function ItemRow({ item }: { item: ImportItem }) {
  const { t } = useI18n();
  const reason = useReason()(item.reason);
  return (
    <li className={`import-item status-${item.status}`} data-testid="import-item" data-status={item.status}>
      <span className="import-file">{item.file}</span>{" "}
      <span className={`badge ${item.status === "imported" ? "badge-in" : item.status === "failed" ? "badge-out" : item.status === "duplicate" ? "badge-warn" : ""}`}>
        {t(`upload.status.${item.status}`)}
      </span>
      {reason && <span className="import-reason"> {reason}</span>}
      {item.detail && item.status === "failed" && <span className="import-reason muted small"> ({item.detail})</span>}
      {item.status === "imported" && item.activity_id && (
        <>
          {" "}
          <Link to={`/training/activities/${encodeURIComponent(item.activity_id)}`} data-testid="import-open">
            {t("upload.open")}
          </Link>
        </>
      )}
      {item.status === "duplicate" && item.duplicate_of && (
        <>
          {" "}
          <Link to={`/training/activities/${encodeURIComponent(item.duplicate_of)}`}>{t("upload.openExisting")}</Link>
        </>
      )}
      {item.warnings && item.warnings.length > 0 && (
        <ul className="import-warnings small muted">
          {item.warnings.map((w, i) => (
            <li key={i}>{w}</li>
          ))}
        </ul>
      )}
    </li>
  );
}

/** UploadPage sends activity files and follows their import. */
export function UploadPage() {
  const { t, lang } = useI18n();
  const msg = useMessage();
  const reasonText = useReason();
  useTitle("upload.title");
  const [entries, setEntries] = useState<Entry[]>([]);
  const [drag, setDrag] = useState(false);
  const files = useRef(new Map<string, File>());
  const sending = useRef(false);
  const input = useRef<HTMLInputElement | null>(null);

  const add = useCallback((list: FileList | File[]) => {
    const arr = [...list];
    if (arr.length === 0) return;
    const next = entriesFor(arr);
    next.forEach((e, i) => {
      const f = arr[i];
      if (f && e.phase === "queued") files.current.set(e.key, f);
    });
    setEntries((cur) => [...next, ...cur]);
  }, []);

  // Send queued files one after another.
  useEffect(() => {
    if (sending.current) return;
    const next = [...entries].reverse().find((e) => e.phase === "queued");
    if (!next) return;
    const file = files.current.get(next.key);
    if (!file) return;
    sending.current = true;
    const mark = (patch: Partial<Entry>) => setEntries((cur) => cur.map((e) => (e.key === next.key ? { ...e, ...patch } : e)));
    mark({ phase: "uploading" });
    uploadFiles([file])
      .then(
        (res) => mark({ phase: "sent", items: res.items ?? [], skipped: res.skipped ?? [] }),
        (err: unknown) => mark({ phase: "error", error: err }),
      )
      .finally(() => {
        files.current.delete(next.key);
        sending.current = false;
        setEntries((cur) => [...cur]); // look for the next queued file
      });
  }, [entries]);

  // Poll imports still processing.
  const waiting = pending(entries).join(",");
  useEffect(() => {
    if (!waiting) return;
    let round = 0;
    let timer = 0;
    let stopped = false;
    const ids = waiting.split(",");
    // A few imports are asked for one by one; a bulk export's many through
    // the import list (newest first, where this upload's imports are).
    const fetchAll = async (): Promise<Import[]> => {
      if (ids.length <= MAX_SINGLE_POLLS) {
        const results = await Promise.allSettled(ids.map((id) => getImport(id)));
        return results.flatMap((r) => (r.status === "fulfilled" && r.value ? [r.value] : []));
      }
      const want = new Set(ids);
      const out: Import[] = [];
      let cursor: string | undefined;
      for (let page = 0; page < 20 && want.size > 0; page++) {
        const res = await listImports({ cursor, limit: 100 });
        for (const imp of res.items ?? []) if (want.delete(imp.id)) out.push(imp);
        if (!res.next_cursor) break;
        cursor = res.next_cursor;
      }
      return out;
    };
    const poll = async () => {
      const found = await fetchAll().catch(() => [] as Import[]);
      if (stopped) return;
      setEntries((cur) => {
        let out = cur;
        for (const imp of found) out = applyImport(out, imp);
        return out;
      });
      timer = window.setTimeout(() => void poll(), pollDelay(++round));
    };
    timer = window.setTimeout(() => void poll(), pollDelay(round));
    return () => {
      stopped = true;
      window.clearTimeout(timer);
    };
  }, [waiting]);

  const onDrop = (e: DragEvent<HTMLDivElement>) => {
    e.preventDefault();
    setDrag(false);
    if (e.dataTransfer?.files) add(e.dataTransfer.files);
  };
  const total = tally(entries);

  return (
    <div className="stack">
      <h1>{t("upload.title")}</h1>
      <p className="muted">{t("upload.intro")}</p>
      <div
        className={drag ? "drop-zone upload-drop dragging" : "drop-zone upload-drop"}
        onDragOver={(e) => {
          e.preventDefault();
          setDrag(true);
        }}
        onDragLeave={() => setDrag(false)}
        onDrop={onDrop}
        data-testid="drop-zone"
      >
        <p>{t("upload.drop")}</p>
        <label className="button-link" htmlFor="upload-input">
          {t("upload.choose")}
        </label>
        <input
          id="upload-input"
          ref={input}
          className="visually-hidden"
          type="file"
          multiple
          accept={ACCEPT}
          data-testid="upload-input"
          onChange={(e) => {
            if (e.target.files) add(e.target.files);
            e.target.value = "";
          }}
        />
        <p className="small muted">{t("upload.formats")}</p>
      </div>
      {entries.length > 0 && (
        <>
          <p role="status" data-testid="upload-summary">
            {t("upload.summary", {
              imported: total.imported,
              duplicate: total.duplicate,
              failed: total.failed,
              processing: total.processing,
            })}
          </p>
          <ul className="plain-list upload-list" data-testid="upload-list">
            {entries.map((e) => (
              <li key={e.key} className="card upload-entry" data-phase={e.phase}>
                <p className="upload-name">
                  <strong>{e.name}</strong>{" "}
                  <span className="muted small">{t("upload.size", { mb: formatNumber(e.size / 1048576, lang, 2) })}</span>
                </p>
                {e.phase === "queued" && <p className="muted">{t("upload.queued")}</p>}
                {e.phase === "uploading" && (
                  <p role="status">
                    {t("upload.sending")} <progress />
                  </p>
                )}
                {e.phase === "rejected" && e.problem && (
                  <p className="field-error" role="alert">
                    {t(`upload.problem.${e.problem}`)}
                  </p>
                )}
                {e.phase === "error" && (
                  <p className="field-error" role="alert">
                    {msg(describeProblem(e.error))}
                  </p>
                )}
                {e.phase === "sent" && e.items.length === 0 && <p className="muted">{t("upload.nothing")}</p>}
                {e.skipped.length > 0 && (
                  <details className="small">
                    <summary>{t("upload.skipped", { count: e.skipped.length })}</summary>
                    <ul>
                      {e.skipped.map((s, i) => (
                        <li key={i}>
                          {s.file}: {reasonText(s.reason)}
                        </li>
                      ))}
                    </ul>
                  </details>
                )}
                {e.items.length > 0 && (
                  <ul className="plain-list import-items">
                    {e.items.map((it, i) => (
                      <ItemRow key={it.import_id ?? `${it.file}-${i}`} item={it} />
                    ))}
                  </ul>
                )}
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}
