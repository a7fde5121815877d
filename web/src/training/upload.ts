// Upload state: which files the page accepts (FIT, GPX, TCX, gzip of them,
// zip archives such as bulk exports), each chosen file's progress, the
// import items the API answers with, and polling until every item is
// imported, a duplicate or failed.
import type { Import, ImportItem, SkippedFile } from "../api/devices";

/** EXTENSIONS are the file endings the importer reads. */
export const EXTENSIONS = [".fit", ".gpx", ".tcx", ".zip", ".fit.gz", ".gpx.gz", ".tcx.gz"] as const;

/** ACCEPT is the file input's accept attribute. */
export const ACCEPT = ".fit,.gpx,.tcx,.zip,.gz";

/** MAX_FILE_BYTES is the largest file the page sends (the server has its own limit). */
export const MAX_FILE_BYTES = 256 * 1024 * 1024;

/** FileProblem is why a file is not sent. */
export type FileProblem = "type" | "size" | "empty";

/** checkFile says why a file cannot be uploaded, or null when it can. */
export function checkFile(f: { name: string; size: number }): FileProblem | null {
  const name = f.name.toLowerCase();
  if (!EXTENSIONS.some((e) => name.endsWith(e))) return "type";
  if (f.size === 0) return "empty";
  if (f.size > MAX_FILE_BYTES) return "size";
  return null;
}

/** Phase is where an uploaded file is. */
export type Phase = "queued" | "uploading" | "sent" | "error" | "rejected";

/** Entry is one chosen file and what became of the activities in it. */
export interface Entry {
  key: string;
  name: string;
  size: number;
  phase: Phase;
  problem?: FileProblem;
  /** error is the request's failure (a Message text or key is rendered by the page). */
  error?: unknown;
  items: ImportItem[];
  /** skipped are files of an archive that hold no activity. */
  skipped: SkippedFile[];
}

/** settled reports whether an import item reached its final status. */
export function settled(item: ImportItem): boolean {
  return item.status !== "processing";
}

/** pending lists the import ids still processing. */
export function pending(entries: readonly Entry[]): string[] {
  const ids: string[] = [];
  for (const e of entries) for (const it of e.items) if (!settled(it) && it.import_id) ids.push(it.import_id);
  return ids;
}

/** applyImport updates the items of an import with its latest state. */
export function applyImport(entries: readonly Entry[], imp: Import): Entry[] {
  return entries.map((e) => {
    if (!e.items.some((it) => it.import_id === imp.id)) return e;
    return {
      ...e,
      items: e.items.map((it) =>
        it.import_id === imp.id
          ? {
              ...it,
              status: imp.status,
              reason: imp.reason || it.reason,
              detail: imp.detail || it.detail,
              warnings: imp.warnings && imp.warnings.length ? imp.warnings : it.warnings,
              activity_id: imp.activity_id || it.activity_id,
              duplicate_of: imp.duplicate_of || it.duplicate_of,
            }
          : it,
      ),
    };
  });
}

/** pollDelay is the wait before poll round n: 1 s growing to 5 s. */
export function pollDelay(round: number): number {
  return Math.min(5_000, 1_000 + round * 500);
}

/** Tally counts the items by outcome. */
export interface Tally {
  processing: number;
  imported: number;
  duplicate: number;
  failed: number;
}

/** tally counts every item of every entry, and files that could not be sent as failed. */
export function tally(entries: readonly Entry[]): Tally {
  const t: Tally = { processing: 0, imported: 0, duplicate: 0, failed: 0 };
  for (const e of entries) {
    if (e.phase === "error" || e.phase === "rejected") {
      t.failed++;
      continue;
    }
    for (const it of e.items) {
      if (it.status === "imported") t.imported++;
      else if (it.status === "duplicate") t.duplicate++;
      else if (it.status === "failed") t.failed++;
      else t.processing++;
    }
  }
  return t;
}

let seq = 0;

/** entriesFor turns chosen files into entries; files the page cannot send are rejected at once. */
export function entriesFor(files: readonly { name: string; size: number }[]): Entry[] {
  return files.map((f) => {
    const problem = checkFile(f);
    return {
      key: `${++seq}-${f.name}`,
      name: f.name,
      size: f.size,
      phase: problem ? "rejected" : "queued",
      problem: problem ?? undefined,
      items: [],
      skipped: [],
    };
  });
}
