// A tile-free preview of privacy zones: circles to scale around their
// centre, a scale bar, and the zone being added drawn dashed. Clicking the
// preview places the new zone there.
import type { MouseEvent } from "react";
import { useI18n } from "../i18n/I18nProvider";
import { formatNumber } from "../lib/format";
import { projectZones, type ZoneForm } from "./zones";
import type { Zone } from "../api/profiles";
import { parseNumber } from "../lib/validation";

/** ZoneMap draws zones and a pending one. */
export function ZoneMap({ zones, pending, onPick }: { zones: Zone[]; pending: ZoneForm; onPick: (lat: number, lon: number) => void }) {
  const { t, lang } = useI18n();
  const lat = parseNumber(pending.lat);
  const lon = parseNumber(pending.lon);
  const radius = parseNumber(pending.radius);
  const pendingOk =
    lat !== null && lon !== null && !Number.isNaN(lat) && !Number.isNaN(lon) && Math.abs(lat) <= 90 && Math.abs(lon) <= 180;
  const all = [
    ...zones,
    ...(pendingOk ? [{ id: "__new", name: pending.name, lat, lon, radius_m: radius && radius > 0 ? radius : 200 }] : []),
  ];
  const proj = projectZones(all);
  if (!proj) {
    return <p className="muted zone-map-empty">{t("privacy.zones.mapEmpty")}</p>;
  }
  const [x0, y0, w, h] = proj.viewBox;
  const onClick = (e: MouseEvent<SVGSVGElement>) => {
    const box = e.currentTarget.getBoundingClientRect();
    const x = x0 + ((e.clientX - box.left) / box.width) * w;
    const y = y0 + ((e.clientY - box.top) / box.height) * h;
    const p = proj.toLatLon(x, y);
    onPick(Math.round(p.lat * 1e5) / 1e5, Math.round(p.lon * 1e5) / 1e5);
  };
  const scaleLabel = proj.scale >= 1000 ? `${formatNumber(proj.scale / 1000, lang)} km` : `${proj.scale} m`;
  return (
    <figure className="zone-map">
      <svg
        viewBox={proj.viewBox.join(" ")}
        role="img"
        aria-label={t("privacy.zones.mapLabel", { count: zones.length })}
        onClick={onClick}
        data-testid="zone-map"
      >
        <rect x={x0} y={y0} width={w} height={h} className="zone-map-bg" />
        {proj.circles.map((c) => (
          <g key={c.id} className={c.id === "__new" ? "zone zone-new" : "zone"}>
            <circle cx={c.cx} cy={c.cy} r={c.r} vectorEffect="non-scaling-stroke" />
            <circle cx={c.cx} cy={c.cy} r={w / 150} className="zone-centre" />
            {c.name && (
              <text x={c.cx} y={c.cy - c.r - w / 60} fontSize={w / 28} textAnchor="middle">
                {c.name}
              </text>
            )}
          </g>
        ))}
        <g className="zone-scale">
          <line x1={x0 + w * 0.05} x2={x0 + w * 0.05 + proj.scale} y1={y0 + h * 0.95} y2={y0 + h * 0.95} vectorEffect="non-scaling-stroke" />
          <text x={x0 + w * 0.05} y={y0 + h * 0.92} fontSize={w / 30}>
            {scaleLabel}
          </text>
        </g>
      </svg>
      <figcaption className="field-hint">{t("privacy.zones.mapHint")}</figcaption>
    </figure>
  );
}
