import { describe, expect, it } from "vitest";
import { downsample, extent, linePath, nearestIndex, niceDomain, niceStep, scale, stats } from "./chartMath";

describe("ranges and ticks", () => {
  it("ignores missing values", () => {
    expect(extent([null, 3, Number.NaN, -2, undefined, 7])).toEqual([-2, 7]);
    expect(extent([null, undefined])).toBeNull();
  });

  it("picks round steps", () => {
    expect(niceStep(100, 4)).toBe(25);
    expect(niceStep(7, 4)).toBe(2);
    expect(niceStep(0.3, 3)).toBeCloseTo(0.1, 10);
    expect(niceStep(1800, 4)).toBe(500);
  });

  it("widens a domain to round ticks", () => {
    expect(niceDomain(101, 178, 4)).toEqual({ lo: 100, hi: 180, ticks: [100, 120, 140, 160, 180] });
    const flat = niceDomain(150, 150);
    expect(flat.lo).toBeLessThan(150);
    expect(flat.hi).toBeGreaterThan(150);
  });

  it("maps linearly, including inverted ranges", () => {
    const s = scale(0, 10, 100, 0);
    expect(s(0)).toBe(100);
    expect(s(5)).toBe(50);
    expect(s(10)).toBe(0);
  });
});

describe("downsample", () => {
  const x = Array.from({ length: 3600 }, (_, i) => i);

  it("keeps everything that already fits", () => {
    expect(downsample([0, 1, 2], [1, 2, 3], 10)).toEqual([0, 1, 2]);
  });

  it("reduces an hour at 1 Hz to a few points per bucket and keeps a one-second spike", () => {
    const y = x.map((i) => (i === 1234 ? 200 : 140));
    const idx = downsample(x, y, 300);
    expect(idx.length).toBeLessThanOrEqual(300 * 4);
    expect(idx.length).toBeGreaterThan(300);
    expect(idx).toContain(1234);
    expect(idx[0]).toBe(0);
    expect(idx.at(-1)).toBe(3599);
    expect([...idx].sort((a, b) => a - b)).toEqual(idx);
  });

  it("keeps gaps where the channel has no value", () => {
    const y = x.map((i) => (i >= 1000 && i < 1500 ? null : 100));
    const idx = downsample(x, y, 200);
    const d = linePath(x, y, idx, (v) => v, (v) => v);
    expect(d.match(/M/g)?.length).toBe(2);
  });
});

describe("paths and lookup", () => {
  it("draws a path and lifts the pen over missing values", () => {
    const d = linePath([0, 1, 2, 3], [1, null, 3, 4], [0, 1, 2, 3], (v) => v * 10, (v) => v);
    expect(d).toBe("M0.0,1.0M20.0,3.0L30.0,4.0");
  });

  it("finds the nearest sample", () => {
    const xs = [0, 10, 20, 30, 30, 45];
    expect(nearestIndex(xs, -5)).toBe(0);
    expect(nearestIndex(xs, 14)).toBe(1);
    expect(nearestIndex(xs, 16)).toBe(2);
    expect(nearestIndex(xs, 100)).toBe(5);
    expect(nearestIndex([], 3)).toBe(-1);
  });

  it("summarizes", () => {
    expect(stats([1, null, 3, 5])).toEqual({ min: 1, avg: 3, max: 5 });
    expect(stats([null])).toBeNull();
  });
});

describe("axis ticks", () => {
  it("puts time ticks on round minutes", async () => {
    const { timeTicks } = await import("./chartMath");
    expect(timeTicks(0, 3600, 5)).toEqual([0, 900, 1800, 2700, 3600]);
    expect(timeTicks(0, 250, 5)).toEqual([0, 60, 120, 180, 240]);
    expect(timeTicks(5, 5)).toEqual([5]);
  });

  it("spreads date ticks evenly", async () => {
    const { evenTicks } = await import("./chartMath");
    expect(evenTicks([1, 2, 3, 4, 5, 6, 7, 8, 9], 3)).toEqual([1, 5, 9]);
    expect(evenTicks([1, 2], 5)).toEqual([1, 2]);
  });
});
