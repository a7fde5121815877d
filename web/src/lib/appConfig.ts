// The web app's runtime configuration (GET /app-config.json): deployment
// settings that need no rebuild, such as the map tile server. Loaded once;
// when it cannot be loaded the app works offline (maps without tiles).

/** AppConfig is what /app-config.json holds. */
export interface AppConfig {
  /** map_tile_url is a {z}/{x}/{y} tile template; empty draws routes on a blank background. */
  map_tile_url: string;
  map_attribution: string;
}

/** OFFLINE_CONFIG is used when the configuration cannot be loaded. */
export const OFFLINE_CONFIG: AppConfig = { map_tile_url: "", map_attribution: "" };

/** parseAppConfig accepts only string fields and falls back to the offline values. */
export function parseAppConfig(raw: unknown): AppConfig {
  if (!raw || typeof raw !== "object") return OFFLINE_CONFIG;
  const r = raw as Record<string, unknown>;
  const url = typeof r.map_tile_url === "string" ? r.map_tile_url.trim() : "";
  return {
    // Only http(s) or same-origin templates: anything else would be a script or data URL.
    map_tile_url: /^(https?:\/\/|\/)/.test(url) ? url : "",
    map_attribution: typeof r.map_attribution === "string" ? r.map_attribution : "",
  };
}

let cached: Promise<AppConfig> | null = null;

/** appConfig returns the configuration, fetching it on first use. */
export function appConfig(): Promise<AppConfig> {
  cached ??= fetch("/app-config.json", { headers: { Accept: "application/json" } })
    .then((res) => (res.ok ? res.json() : null))
    .then(parseAppConfig, () => OFFLINE_CONFIG);
  return cached;
}
