// Zone labels: the analysis gives the lower bounds of zones 2..n, so zone
// 1 is "below the first bound" and the last zone "from the last bound".

/** zoneRanges returns one range text per zone (bounds.length + 1 of them). */
export function zoneRanges(bounds: readonly number[], unit: string): string[] {
  const r = (v: number) => String(Math.round(v));
  if (bounds.length === 0) return [];
  const out: string[] = [`< ${r(bounds[0] as number)} ${unit}`];
  for (let i = 1; i < bounds.length; i++) out.push(`${r(bounds[i - 1] as number)}–${r(bounds[i] as number)} ${unit}`);
  out.push(`≥ ${r(bounds[bounds.length - 1] as number)} ${unit}`);
  return out;
}
