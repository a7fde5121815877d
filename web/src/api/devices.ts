// Devices endpoints (/api/v1/integrations/devices): the user's paired
// devices, pairing codes, file imports and their statuses. Typed by the
// generated OpenAPI document (schema.d.ts).
import { call, request } from "./client";
import type { components } from "./schema";

type S = components["schemas"];

/** DEVICES_BASE is the devices service's path prefix. */
export const DEVICES_BASE = "/api/v1/integrations/devices";

/** Device is a paired device. */
export type Device = S["Device"];
/** DeviceKind is one kind of device. */
export type DeviceKind = Device["kind"];
/** DeviceSettings tune how a device's data is read (null: the default). */
export type DeviceSettings = S["DeviceSettings"];
/** Pairing is a pairing code a device enters to pair (once, until expires_at). */
export type Pairing = S["Pairing"];
/** Import is one accepted activity file and what became of it. */
export type Import = S["Import"];
/** ImportStatus is where an imported file is. */
export type ImportStatus = Import["status"];
/** ImportItem is the fate of one activity file of an upload; activity_id is filled in by polling its import. */
export type ImportItem = Omit<S["ImportItem"], "status"> & { status: ImportStatus; activity_id?: string };
/** SkippedFile is a file of an archive that holds no activity. */
export type SkippedFile = S["ImportSkippedFile"];
/** ImportResult answers an upload. */
export type ImportResult = S["ImportResult"];

/** DEVICE_KINDS are the kinds of device a user pairs, in the order the form offers them. */
export const DEVICE_KINDS: readonly DeviceKind[] = [
  "watch",
  "phone",
  "bike_computer",
  "heart_rate_strap",
  "foot_pod",
  "speed_sensor",
  "cadence_sensor",
  "speed_cadence_sensor",
  "power_meter",
  "scale",
  "other",
];

export const listDevices = (signal?: AbortSignal) =>
  call("get", "/api/v1/integrations/devices/me", { signal }).then((r) => r.items ?? []);
export const createPairing = (body: S["PairingRequest"]) => call("post", "/api/v1/integrations/devices/me/pairings", { body });
export const updateDevice = (id: string, body: S["DevicePatch"]) =>
  call("patch", "/api/v1/integrations/devices/me/{id}", { path: { id }, body });
export const removeDevice = (id: string) => call("delete", "/api/v1/integrations/devices/me/{id}", { path: { id } });

/** uploadFiles sends files as one multipart request (parts named "file"). */
export function uploadFiles(files: readonly File[], signal?: AbortSignal): Promise<ImportResult> {
  const form = new FormData();
  for (const f of files) form.append("file", f, f.name);
  return request<ImportResult>("post", `${DEVICES_BASE}/imports`, { body: form, signal });
}
export const getImport = (id: string, signal?: AbortSignal) =>
  call("get", "/api/v1/integrations/devices/imports/{id}", { path: { id }, signal });
export const listImports = (query: { cursor?: string; limit?: number }, signal?: AbortSignal) =>
  call("get", "/api/v1/integrations/devices/imports", { query, signal });
