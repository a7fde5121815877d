// Bar charts as plain HTML: zone bars (time in each zone, horizontal) and
// period bars (weekly or monthly volume, vertical). Each bar carries its
// value as text, so screen readers and small screens read the numbers.

/** ZoneBar is one zone's row. */
export interface ZoneBar {
  label: string;
  range: string;
  seconds: number;
  value: string;
}

/** ZoneBars draws time in zone as horizontal bars with percentages. */
export function ZoneBars({ title, zones, testId }: { title: string; zones: readonly ZoneBar[]; testId?: string }) {
  const total = zones.reduce((s, z) => s + Math.max(0, z.seconds), 0) || 1;
  return (
    <figure className="zone-bars" data-testid={testId}>
      <figcaption className="chart-title">{title}</figcaption>
      <ol className="plain-list">
        {zones.map((z, i) => {
          const pct = (Math.max(0, z.seconds) / total) * 100;
          return (
            <li key={i} className={`zbar zbar-${Math.min(i + 1, 7)}`}>
              <span className="zbar-label">
                <strong>{z.label}</strong> <span className="muted">{z.range}</span>
              </span>
              <span className="zbar-track" aria-hidden="true">
                <span className="zbar-fill" style={{ width: `${pct.toFixed(1)}%` }} />
              </span>
              <span className="zbar-value">
                {z.value} · {Math.round(pct)}%
              </span>
            </li>
          );
        })}
      </ol>
    </figure>
  );
}

/** PeriodBar is one period's bar. */
export interface PeriodBar {
  key: string;
  label: string;
  value: number;
  text: string;
}

/** PeriodBars draws one bar per period, tallest scaled to the full height. */
export function PeriodBars({ title, bars, testId }: { title: string; bars: readonly PeriodBar[]; testId?: string }) {
  const max = Math.max(0, ...bars.map((b) => b.value)) || 1;
  return (
    <figure className="period-bars" data-testid={testId}>
      <figcaption className="chart-title">{title}</figcaption>
      <ol className="plain-list bars">
        {bars.map((b) => (
          <li key={b.key} title={`${b.label}: ${b.text}`}>
            <span className="bar-value">{b.value > 0 ? b.text : ""}</span>
            <span className="bar" style={{ height: `${((b.value / max) * 100).toFixed(1)}%` }} aria-hidden="true" />
            <span className="bar-label">
              {b.label}
              <span className="visually-hidden">: {b.text}</span>
            </span>
          </li>
        ))}
      </ol>
    </figure>
  );
}
