// LineChart draws one or more series against a shared x axis as SVG: round
// ticks, gaps where a channel has no value, min/max downsampling, and a
// cursor with a readout that follows the pointer or the arrow keys. The
// hovered sample is shared (hover/onHover) so several charts and the map
// point at the same moment.
import { useId, useMemo, type KeyboardEvent, type PointerEvent } from "react";
import { downsample, extent, linePath, nearestIndex, niceDomain, scale, stats, type Value } from "./chartMath";
import { useWidth } from "./useWidth";

/** Series is one line of a chart. */
export interface Series {
  label: string;
  values: readonly Value[];
  color: string;
  format: (v: number) => string;
}

/** LineChartProps configure a chart. */
export interface LineChartProps {
  title: string;
  x: readonly number[];
  xFormat: (v: number) => string;
  /** xTicks overrides the round x ticks (dates, times). */
  xTicks?: readonly number[];
  series: readonly Series[];
  /** invert draws larger values lower (pace: faster is up). */
  invert?: boolean;
  /** zero draws a line at y = 0 when it is in range. */
  zero?: boolean;
  hover: number | null;
  onHover: (i: number | null) => void;
  height?: number;
  testId?: string;
  /** summary formats the accessible min/avg/max description; default on. */
  summary?: boolean;
}

const M = { top: 8, right: 12, bottom: 22, left: 48 };

/** LineChart renders the chart and its readout. */
export function LineChart({ title, x, xFormat, xTicks, series, invert, zero, hover, onHover, height = 160, testId, summary = true }: LineChartProps) {
  const { ref, width } = useWidth<HTMLDivElement>();
  const id = useId();
  const w = Math.max(120, width);
  const plotW = w - M.left - M.right;
  const plotH = height - M.top - M.bottom;

  const geo = useMemo(() => {
    const xs = extent(x) ?? [0, 1];
    const all: Value[] = [];
    for (const s of series) for (const v of s.values) all.push(v);
    const ys = extent(all) ?? [0, 1];
    let lo = ys[0];
    let hi = ys[1];
    if (zero) {
      lo = Math.min(lo, 0);
      hi = Math.max(hi, 0);
    }
    const dom = niceDomain(lo, hi, 4);
    const sx = scale(xs[0], xs[1], M.left, M.left + plotW);
    const sy = invert ? scale(dom.lo, dom.hi, M.top, M.top + plotH) : scale(dom.lo, dom.hi, M.top + plotH, M.top);
    const buckets = Math.max(10, Math.floor(plotW / 2));
    const paths = series.map((s) => linePath(x, s.values, downsample(x, s.values, buckets), sx, sy));
    const ticksX = xTicks ?? niceDomain(xs[0], xs[1], Math.max(2, Math.floor(plotW / 90))).ticks.filter((v) => v >= xs[0] && v <= xs[1]);
    return { xs, dom, sx, sy, paths, ticksX };
  }, [x, series, invert, zero, plotW, plotH, xTicks]);

  const fromPointer = (e: PointerEvent<SVGSVGElement>) => {
    const rect = e.currentTarget.getBoundingClientRect();
    const px = ((e.clientX - rect.left) / rect.width) * w;
    const frac = (px - M.left) / plotW;
    const v = geo.xs[0] + Math.min(1, Math.max(0, frac)) * (geo.xs[1] - geo.xs[0]);
    onHover(nearestIndex(x, v));
  };
  const onKey = (e: KeyboardEvent<SVGSVGElement>) => {
    const n = x.length;
    if (n === 0) return;
    const step = Math.max(1, Math.round(n / 100));
    const cur = hover ?? -1;
    let next: number | null = null;
    if (e.key === "ArrowRight") next = Math.min(n - 1, cur < 0 ? 0 : cur + step);
    else if (e.key === "ArrowLeft") next = Math.max(0, cur < 0 ? n - 1 : cur - step);
    else if (e.key === "Home") next = 0;
    else if (e.key === "End") next = n - 1;
    else if (e.key === "Escape") {
      onHover(null);
      return;
    }
    if (next !== null) {
      e.preventDefault();
      onHover(next);
    }
  };

  const desc = summary
    ? series
        .map((s) => {
          const st = stats(s.values);
          return st ? `${s.label}: ${s.format(st.min)} – ${s.format(st.max)}` : "";
        })
        .filter(Boolean)
        .join("; ")
    : "";
  const hx = hover !== null && hover >= 0 && hover < x.length ? x[hover] : undefined;
  const readout =
    hx === undefined
      ? null
      : [xFormat(hx), ...series.map((s) => {
          const v = s.values[hover as number];
          return `${s.label}: ${v != null && Number.isFinite(v) ? s.format(v) : "—"}`;
        })].join(" · ");

  return (
    <figure className="chart" data-testid={testId} ref={ref}>
      <figcaption className="chart-title">
        <span id={`${id}-t`}>{title}</span>
        <output className="chart-readout" aria-live="off" data-testid={testId ? `${testId}-readout` : undefined}>
          {readout ?? "\u00a0"}
        </output>
      </figcaption>
      <svg
        width={w}
        height={height}
        viewBox={`0 0 ${w} ${height}`}
        role="img"
        aria-labelledby={`${id}-t`}
        aria-describedby={desc ? `${id}-d` : undefined}
        tabIndex={0}
        onPointerMove={fromPointer}
        onPointerDown={fromPointer}
        onPointerLeave={() => onHover(null)}
        onKeyDown={onKey}
        onBlur={() => onHover(null)}
      >
        {geo.dom.ticks.map((v) => (
          <g key={`y${v}`} className="chart-grid">
            <line x1={M.left} x2={M.left + plotW} y1={geo.sy(v)} y2={geo.sy(v)} />
            <text x={M.left - 6} y={geo.sy(v)} dy="0.32em" textAnchor="end">
              {series[0]?.format(v) ?? v}
            </text>
          </g>
        ))}
        {zero && geo.dom.lo < 0 && geo.dom.hi > 0 && (
          <line className="chart-zero" x1={M.left} x2={M.left + plotW} y1={geo.sy(0)} y2={geo.sy(0)} />
        )}
        {geo.ticksX.map((v) => (
          <text key={`x${v}`} className="chart-xtick" x={geo.sx(v)} y={height - 6} textAnchor="middle">
            {xFormat(v)}
          </text>
        ))}
        {geo.paths.map((d, i) => (
          <path key={i} d={d} fill="none" stroke={series[i]?.color} strokeWidth={1.6} strokeLinejoin="round" className="chart-line" />
        ))}
        {hx !== undefined && (
          <g className="chart-cursor">
            <line x1={geo.sx(hx)} x2={geo.sx(hx)} y1={M.top} y2={M.top + plotH} />
            {series.map((s, i) => {
              const v = s.values[hover as number];
              return v != null && Number.isFinite(v) ? <circle key={i} cx={geo.sx(hx)} cy={geo.sy(v)} r={3.5} fill={s.color} /> : null;
            })}
          </g>
        )}
      </svg>
      {desc && (
        <p id={`${id}-d`} className="visually-hidden">
          {desc}
        </p>
      )}
      {series.length > 1 && (
        <ul className="chart-legend">
          {series.map((s) => (
            <li key={s.label}>
              <span className="swatch" style={{ background: s.color }} aria-hidden="true" />
              {s.label}
            </li>
          ))}
        </ul>
      )}
    </figure>
  );
}
