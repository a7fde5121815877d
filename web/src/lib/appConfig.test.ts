import { describe, expect, it } from "vitest";
import { OFFLINE_CONFIG, parseAppConfig } from "./appConfig";

describe("app config", () => {
  it("reads the tile URL and attribution", () => {
    expect(parseAppConfig({ map_tile_url: "https://tile.example.org/{z}/{x}/{y}.png", map_attribution: "© OSM" })).toEqual({
      map_tile_url: "https://tile.example.org/{z}/{x}/{y}.png",
      map_attribution: "© OSM",
    });
  });

  it("treats an empty or odd tile URL as offline", () => {
    expect(parseAppConfig({ map_tile_url: "", map_attribution: "x" }).map_tile_url).toBe("");
    expect(parseAppConfig({ map_tile_url: "javascript:alert(1)" }).map_tile_url).toBe("");
    expect(parseAppConfig(null)).toEqual(OFFLINE_CONFIG);
    expect(parseAppConfig({ map_tile_url: 5 })).toEqual(OFFLINE_CONFIG);
  });
});
