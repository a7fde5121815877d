import { describe, expect, it } from "vitest";
import { applyImport, checkFile, entriesFor, pending, pollDelay, settled, tally, type Entry } from "./upload";

describe("file checks", () => {
  it("accepts activity files, gzip and zip archives", () => {
    for (const name of ["a.FIT", "b.gpx", "c.tcx", "export.zip", "d.fit.gz", "e.GPX.GZ"]) {
      expect(checkFile({ name, size: 10 }), name).toBeNull();
    }
  });

  it("refuses other types, empty and oversized files", () => {
    expect(checkFile({ name: "photo.jpg", size: 10 })).toBe("type");
    expect(checkFile({ name: "notes.gz", size: 10 })).toBe("type");
    expect(checkFile({ name: "a.fit", size: 0 })).toBe("empty");
    expect(checkFile({ name: "a.zip", size: 300 * 1024 * 1024 })).toBe("size");
  });

  it("rejects bad files when they are chosen", () => {
    const [ok, bad] = entriesFor([
      { name: "run.fit", size: 100 },
      { name: "run.txt", size: 100 },
    ]);
    expect(ok?.phase).toBe("queued");
    expect(bad?.phase).toBe("rejected");
    expect(bad?.problem).toBe("type");
    expect(ok?.key).not.toBe(bad?.key);
  });
});

describe("statuses", () => {
  const entries: Entry[] = [
    {
      key: "1",
      name: "export.zip",
      size: 1000,
      phase: "sent",
      skipped: [],
      items: [
        { file: "a.fit", status: "processing", import_id: "i1", warnings: [] },
        { file: "b.gpx", status: "duplicate", duplicate_of: "act0", warnings: [] },
        { file: "c.txt", status: "failed", reason: "unsupported_format", warnings: [] },
      ],
    },
    { key: "2", name: "x.fit", size: 0, phase: "rejected", problem: "empty", items: [], skipped: [] },
  ];

  it("knows what is still processing", () => {
    expect(pending(entries)).toEqual(["i1"]);
    expect(settled({ file: "a", status: "processing", warnings: [] })).toBe(false);
    expect(tally(entries)).toEqual({ processing: 1, imported: 0, duplicate: 1, failed: 2 });
  });

  it("applies an import's new status", () => {
    const next = applyImport(entries, {
      id: "i1",
      file_name: "a.fit",
      format: "fit",
      status: "imported",
      activity_id: "act1",
      warnings: ["dropped 3 points without time"],
      sport: "running",
      started_at: "2025-05-01T08:00:00Z",
      elapsed_s: 3600,
      distance_m: 10_000,
      size_bytes: 1000,
      created_at: "2025-05-01T10:00:00Z",
      updated_at: "2025-05-01T10:00:01Z",
    });
    const item = next[0]?.items[0];
    expect(item?.status).toBe("imported");
    expect(item?.activity_id).toBe("act1");
    expect(item?.warnings).toEqual(["dropped 3 points without time"]);
    expect(pending(next)).toEqual([]);
    expect(next[1]).toBe(entries[1]);
  });

  it("polls less often as time goes by", () => {
    expect(pollDelay(0)).toBe(1000);
    expect(pollDelay(4)).toBe(3000);
    expect(pollDelay(100)).toBe(5000);
  });
});
