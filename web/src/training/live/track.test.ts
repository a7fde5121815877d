import { describe, expect, it } from "vitest";
import { EMPTY_TRACK, applyTrack, lastPosition, parseTrackMessage, pointTime, type TrackMessage } from "./track";

const msg = (m: unknown): TrackMessage => {
  const parsed = parseTrackMessage(JSON.stringify(m));
  if (!parsed) throw new Error("not parsed");
  return parsed;
};

const session = {
  id: "s1",
  user_id: "u1",
  sport: "running",
  device_id: null,
  status: "active",
  auto_paused: false,
  started_at: "2025-05-01T08:00:00Z",
  ended_at: null,
  totals: { elapsed_s: 0, moving_s: 0, distance_m: 0 },
  last_point: null,
  activity_id: null,
  hidden: [],
};
const withLast = (p: unknown) => ({ ...session, last_point: p });

describe("live messages", () => {
  it("reads state, points and ended", () => {
    const s = msg({ type: "state", session: { ...withLast({ t: 1000, lat: 55.7, lon: 37.6, hr: 140 }), totals: { elapsed_s: 5, moving_s: 5, distance_m: 12 } } });
    expect(s.type === "state" && s.last?.hr).toBe(140);
    expect(s.type === "state" && s.totals?.distance_m).toBe(12);
    const p = msg({ type: "points", points: [{ t: 2000, lat: 55.71, lon: 37.61 }, { nope: 1 }], totals: { elapsed_s: 9, moving_s: 9, distance_m: 30 }, auto_paused: true });
    expect(p.type === "points" && p.points.length).toBe(1);
    expect(p.type === "points" && p.autoPaused).toBe(true);
    const e = msg({ type: "ended", status: "finished" });
    expect(e).toEqual({ type: "ended", status: "finished", activityId: null, session: null });
  });

  it("reads RFC 3339 point times too", () => {
    expect(pointTime({ t: "2025-05-01T08:00:05Z" })).toBe(Date.parse("2025-05-01T08:00:05Z"));
    expect(pointTime({ t: 1000 })).toBe(1000);
  });

  it("ignores what it does not know", () => {
    expect(parseTrackMessage("not json")).toBeNull();
    expect(parseTrackMessage(JSON.stringify({ type: "other" }))).toBeNull();
    expect(parseTrackMessage(JSON.stringify([1, 2]))).toBeNull();
    expect(parseTrackMessage(42)).toBeNull();
  });
});

describe("the view", () => {
  it("builds the route from state and points, without duplicates", () => {
    let v = applyTrack(EMPTY_TRACK, msg({ type: "state", session: withLast({ t: 1000, lat: 55.7, lon: 37.6 }) }));
    expect(v.route).toEqual([[55.7, 37.6]]);
    v = applyTrack(v, msg({ type: "points", points: [{ t: 2000, lat: 55.71, lon: 37.61 }, { t: 3000, hr: 150 }], totals: { elapsed_s: 3, moving_s: 3, distance_m: 20 }, auto_paused: true }));
    expect(v.totals?.distance_m).toBe(20);
    expect(v.session?.auto_paused).toBe(true);
    expect(v.route).toEqual([
      [55.7, 37.6],
      [55.71, 37.61],
    ]);
    expect(v.last?.hr).toBe(150);
    expect(lastPosition(v)).toEqual([55.71, 37.61]);
    // A reconnect resends the state with the last point: nothing doubles.
    const again = applyTrack(v, msg({ type: "state", session: withLast({ t: 3000, hr: 150 }) }));
    expect(again.points).toHaveLength(3);
    // Points out of order are sorted in.
    const late = applyTrack(v, msg({ type: "points", points: [{ t: 1500, lat: 55.705, lon: 37.605 }] }));
    expect(late.route).toEqual([
      [55.7, 37.6],
      [55.705, 37.605],
      [55.71, 37.61],
    ]);
  });

  it("drops duplicate times within one batch", () => {
    const v = applyTrack(EMPTY_TRACK, msg({ type: "points", points: [{ t: 1, lat: 1, lon: 1 }, { t: 1, lat: 1, lon: 1 }, { t: 2, lat: 2, lon: 2 }] }));
    expect(v.points).toHaveLength(2);
  });

  it("marks the end and keeps the activity id", () => {
    let v = applyTrack(EMPTY_TRACK, msg({ type: "state", session }));
    expect(v.ended).toBe(false);
    v = applyTrack(v, msg({ type: "ended", status: "discarded" }));
    expect(v.ended).toBe(true);
    expect(v.session?.status).toBe("discarded");
    const finished = applyTrack(EMPTY_TRACK, msg({ type: "state", session: { ...session, status: "finished", activity_id: "a9" } }));
    expect(finished.activityId).toBe("a9");
    expect(finished.ended).toBe(true);
  });
});
