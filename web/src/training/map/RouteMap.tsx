// RouteMap shows a route with Leaflet. Tiles come from the app config
// (/app-config.json); with no tile URL, while the browser is offline, or
// when the tiles fail to load, the route is drawn on a blank background and
// still fits the view. A marker shows the hovered sample (from the charts);
// live pages append points and follow the newest position. Leaflet itself loads on first use,
// so pages without a map do not fetch it.
import type * as Leaflet from "leaflet";
import { useEffect, useRef, useState } from "react";
import { appConfig } from "../../lib/appConfig";
import type { LatLng } from "../polyline";

type L = typeof Leaflet;
let loading: Promise<L> | null = null;

/** loadLeaflet fetches the map library and its styles once. */
function loadLeaflet(): Promise<L> {
  loading ??= Promise.all([import("leaflet"), import("leaflet/dist/leaflet.css")]).then(([m]) => (m.default ?? m) as L);
  return loading;
}

export interface RouteMapProps {
  /** route is the line to draw. */
  route: readonly LatLng[];
  /** marker is a highlighted position (hovered sample, or the live position). */
  marker?: LatLng | null;
  /** follow pans to the marker (or the route's last point) whenever it moves. */
  follow?: boolean;
  /** label is the map's accessible name. */
  label: string;
  /** offlineLabel is shown when the map has no tiles. */
  offlineLabel?: string;
  testId?: string;
  height?: number;
}

/** RouteMap renders the map. */
export function RouteMap({ route, marker, follow, label, offlineLabel, testId, height = 320 }: RouteMapProps) {
  const el = useRef<HTMLDivElement | null>(null);
  const map = useRef<Leaflet.Map | null>(null);
  const line = useRef<Leaflet.Polyline | null>(null);
  const dot = useRef<Leaflet.CircleMarker | null>(null);
  const start = useRef<Leaflet.CircleMarker | null>(null);
  const fitted = useRef(false);
  const [tiles, setTiles] = useState<"loading" | "on" | "off">("loading");
  const [lib, setLib] = useState<L | null>(null);

  useEffect(() => {
    let cancelled = false;
    loadLeaflet().then(
      (l) => !cancelled && setLib(() => l),
      () => !cancelled && setTiles("off"),
    );
    return () => {
      cancelled = true;
    };
  }, []);

  // Create the map once the library is there.
  useEffect(() => {
    const L = lib;
    if (!el.current || !L) return;
    const m = L.map(el.current, { zoomControl: true, attributionControl: true, preferCanvas: false, zoomSnap: 0.25 });
    m.setView([55.751, 37.618], 11);
    map.current = m;
    line.current = L.polyline([], { color: "#0f766e", weight: 4, opacity: 0.9, className: "route-line" }).addTo(m);
    let cancelled = false;
    void appConfig().then((cfg) => {
      if (cancelled) return;
      const online = typeof navigator === "undefined" || navigator.onLine !== false;
      if (cfg.map_tile_url && online) {
        const layer = L.tileLayer(cfg.map_tile_url, { attribution: cfg.map_attribution, maxZoom: 19, crossOrigin: true });
        // Tiles that never load (offline, blocked) leave the blank background instead of grey squares.
        let failed = 0;
        let loaded = 0;
        layer.on("tileload", () => loaded++);
        layer.on("tileerror", () => {
          if (++failed >= 4 && loaded === 0 && !cancelled) {
            layer.remove();
            setTiles("off");
          }
        });
        layer.addTo(m);
        setTiles("on");
      } else {
        setTiles("off");
      }
    });
    return () => {
      cancelled = true;
      m.remove();
      map.current = null;
      line.current = null;
      dot.current = null;
      start.current = null;
      fitted.current = false;
    };
  }, [lib]);

  // The route: fit it on first draw (and on every change unless following).
  useEffect(() => {
    const m = map.current;
    const ln = line.current;
    const L = lib;
    if (!m || !ln || !L) return;
    ln.setLatLngs(route as unknown as Leaflet.LatLngExpression[]);
    const first = route[0];
    if (first) {
      if (!start.current) {
        start.current = L.circleMarker(first, { radius: 5, color: "#fff", weight: 2, fillColor: "#047857", fillOpacity: 1, className: "route-start" }).addTo(m);
      } else {
        start.current.setLatLng(first);
      }
    }
    if (route.length > 0 && (!fitted.current || !follow)) {
      if (route.length === 1 && first) m.setView(first, 15);
      else m.fitBounds(ln.getBounds(), { padding: [16, 16], maxZoom: 17 });
      fitted.current = true;
    }
  }, [route, follow, lib]);

  // The marker; following keeps it in view.
  useEffect(() => {
    const m = map.current;
    const L = lib;
    if (!m || !L) return;
    const at = marker ?? (follow ? route.at(-1) : undefined) ?? null;
    if (!at) {
      dot.current?.remove();
      dot.current = null;
      return;
    }
    if (!dot.current) {
      dot.current = L.circleMarker(at, { radius: 7, color: "#fff", weight: 2, fillColor: "#dc2626", fillOpacity: 1, className: "route-marker" }).addTo(m);
    } else {
      dot.current.setLatLng(at);
    }
    if (follow && !m.getBounds().pad(-0.2).contains(at)) m.panTo(at, { animate: true });
  }, [marker, follow, route, lib]);

  return (
    <div className="route-map-wrap">
      <div
        ref={el}
        className={tiles === "off" ? "route-map route-map-blank" : "route-map"}
        style={{ height }}
        role="region"
        aria-label={label}
        data-testid={testId}
        data-tiles={tiles}
        data-points={route.length}
      />
      {tiles === "off" && offlineLabel && <p className="muted small">{offlineLabel}</p>}
    </div>
  );
}
