// Settings endpoints (/api/v1/user/settings), typed by the generated OpenAPI
// document (schema.d.ts).
import { call } from "./client";
import type { components } from "./schema";

type S = components["schemas"];

/** Settings are the user's settings. */
export type Settings = S["Settings"];
/** SettingsPatch is any subset of the editable settings; a notification type mapped to null drops its override. */
export type SettingsPatch = S["SettingsPatch"];
/** ChannelPrefs says which channels one notification type uses. */
export type ChannelPrefs = S["SettingsChannels"];
/** Channel is a way a notification reaches the user. */
export type Channel = keyof ChannelPrefs;
/** CHANNELS lists the channels in the order the settings table shows them. */
export const CHANNELS: readonly Channel[] = ["push", "email", "sms", "in_app"];

export const getSettings = (signal?: AbortSignal) => call("get", "/api/v1/user/settings/me", { signal });
export const updateSettings = (body: SettingsPatch) => call("patch", "/api/v1/user/settings/me", { body });
export const setMarketingConsent = (granted: boolean) =>
  call("put", "/api/v1/user/settings/me/marketing-consent", { body: { granted } });
