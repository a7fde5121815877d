import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { PeriodBars, ZoneBars } from "./Bars";
import { LineChart } from "./LineChart";

const x = Array.from({ length: 3600 }, (_, i) => i);
const hr = x.map((i) => (i < 100 ? null : 120 + Math.round(20 * Math.sin(i / 300))));

describe("LineChart", () => {
  it("draws a downsampled line with ticks and an accessible summary", () => {
    const html = renderToStaticMarkup(
      <LineChart title="Пульс" x={x} xFormat={(v) => `${v}s`} series={[{ label: "HR", values: hr, color: "red", format: (v) => String(Math.round(v)) }]}
        hover={null} onHover={() => undefined} testId="c" />,
    );
    const d = /<path d="([^"]+)"/.exec(html)?.[1] ?? "";
    expect(d.startsWith("M")).toBe(true);
    const points = d.split(/[ML]/).filter(Boolean).length;
    expect(points).toBeGreaterThan(100);
    expect(points).toBeLessThan(1500); // 3,600 samples drawn with far fewer points
    expect(html).toContain('role="img"');
    expect(html).toContain("HR: 100 – 140");
    expect(html).not.toContain("chart-cursor");
  });

  it("shows the cursor and readout at the hovered sample", () => {
    const html = renderToStaticMarkup(
      <LineChart title="Пульс" x={x} xFormat={(v) => `${v}s`} series={[{ label: "HR", values: hr, color: "red", format: (v) => String(Math.round(v)) }]}
        hover={1800} onHover={() => undefined} />,
    );
    expect(html).toContain("chart-cursor");
    expect(html).toContain(`1800s · HR: ${hr[1800]}`);
  });

  it("puts faster pace at the top when inverted", () => {
    const pace = [300, 240];
    const html = renderToStaticMarkup(
      <LineChart title="Темп" x={[0, 1]} xFormat={String} series={[{ label: "P", values: pace, color: "blue", format: String }]} invert
        hover={null} onHover={() => undefined} />,
    );
    const d = /<path d="M([\d.]+),([\d.]+)L([\d.]+),([\d.]+)"/.exec(html);
    expect(d).not.toBeNull();
    expect(Number(d?.[4])).toBeLessThan(Number(d?.[2])); // 4:00 drawn above 5:00
  });
});

describe("bars", () => {
  it("draws zones with their share of the time", () => {
    const html = renderToStaticMarkup(
      <ZoneBars title="Zones" zones={[{ label: "Z1", range: "< 120", seconds: 300, value: "5:00" }, { label: "Z2", range: "≥ 120", seconds: 900, value: "15:00" }]} />,
    );
    expect(html).toContain("width:25.0%");
    expect(html).toContain("15:00 · 75%");
  });

  it("scales period bars to the largest", () => {
    const html = renderToStaticMarkup(
      <PeriodBars title="Weeks" bars={[{ key: "a", label: "1", value: 10, text: "10 km" }, { key: "b", label: "2", value: 40, text: "40 km" }, { key: "c", label: "3", value: 0, text: "0 km" }]} />,
    );
    expect(html).toContain("height:25.0%");
    expect(html).toContain("height:100.0%");
    expect(html).toContain("3<span class=\"visually-hidden\">: 0 km</span>");
  });
});
