// Devices (/training/devices): the athlete's watches, phones and sensors;
// pairing shows a short code (with its expiry) to type on the device;
// devices can be renamed and removed (which revokes their token).
import { useEffect, useState, type FormEvent } from "react";
import { DEVICE_KINDS, type DeviceKind, createPairing, listDevices, removeDevice, updateDevice, type Device, type Pairing } from "../api/devices";
import { ErrorBox } from "../app/ErrorBox";
import { useI18n } from "../i18n/I18nProvider";
import type { MessageKey } from "../i18n/i18n";
import { formatDateTime } from "../lib/format";
import { Field, FormAlert, SelectField, useSubmission } from "../ui/form";
import { useLoad, useTitle } from "./hooks";

/** secondsLeft is how long until iso, never below zero. */
export function secondsLeft(iso: string, now: number): number {
  const t = Date.parse(iso);
  return Number.isFinite(t) ? Math.max(0, Math.round((t - now) / 1000)) : 0;
}

/** groupCode shows a pairing code in two groups of four for reading it out. */
export function groupCode(code: string): string {
  return code.length === 8 ? `${code.slice(0, 4)} ${code.slice(4)}` : code;
}

function kindName(t: (k: MessageKey) => string, kind: string): string {
  const known = DEVICE_KINDS.find((k) => k === kind);
  return known ? t(`devices.kind.${known}`) : kind;
}

function PairForm({ onPaired }: { onPaired: () => void }) {
  const { t } = useI18n();
  const [kind, setKind] = useState<DeviceKind>("watch");
  const [name, setName] = useState("");
  const [pairing, setPairing] = useState<Pairing | null>(null);
  const [now, setNow] = useState(() => Date.now());
  const sub = useSubmission();
  useEffect(() => {
    if (!pairing) return;
    const h = window.setInterval(() => setNow(Date.now()), 1000);
    return () => window.clearInterval(h);
  }, [pairing]);
  const left = pairing ? secondsLeft(pairing.expires_at, now) : 0;
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const res = await sub.run(() => createPairing({ kind, name: name.trim() || kindName(t, kind) }));
    if (res.ok) {
      setPairing(res.value);
      setNow(Date.now());
    }
  };
  return (
    <section className="card stack" aria-labelledby="pair-h">
      <h2 id="pair-h">{t("devices.pair")}</h2>
      <form className="stack" onSubmit={submit} data-testid="pair-form">
        <div className="grid-2">
          <SelectField label={t("devices.kind")} value={kind} onChange={setKind}
            options={DEVICE_KINDS.map((k) => ({ value: k, label: kindName(t, k) }))} />
          <Field label={t("devices.name")} value={name} onChange={setName} maxLength={100} error={sub.fields.name} />
        </div>
        <FormAlert error={sub.error} />
        <div className="form-actions">
          <button type="submit" disabled={sub.busy}>
            {t("devices.getCode")}
          </button>
        </div>
      </form>
      {pairing && (
        <div className="pair-code" role="status" data-testid="pair-code">
          {left > 0 ? (
            <>
              <p>{t("devices.enterCode")}</p>
              <p className="code-big" data-code={pairing.code}>
                {groupCode(pairing.code)}
              </p>
              <p className="muted small">
                {t("devices.codeExpires", { time: `${Math.floor(left / 60)}:${String(left % 60).padStart(2, "0")}` })}
              </p>
              <button type="button" className="secondary small" onClick={onPaired}>
                {t("devices.refresh")}
              </button>
            </>
          ) : (
            <p>{t("devices.codeExpired")}</p>
          )}
        </div>
      )}
    </section>
  );
}

function DeviceRow({ device, onChange, onRemove }: { device: Device; onChange: (d: Device) => void; onRemove: () => void }) {
  const { t, lang } = useI18n();
  const [editing, setEditing] = useState(false);
  const [name, setName] = useState(device.name);
  const [confirm, setConfirm] = useState(false);
  const sub = useSubmission();
  const save = async (e: FormEvent) => {
    e.preventDefault();
    const res = await sub.run(() => updateDevice(device.id, { name: name.trim() }));
    if (res.ok) {
      onChange({ ...device, ...(res.value ?? {}), name: name.trim() });
      setEditing(false);
    }
  };
  const remove = async () => {
    const res = await sub.run(() => removeDevice(device.id));
    if (res.ok) onRemove();
  };
  const model = [device.manufacturer, device.model].filter(Boolean).join(" ");
  return (
    <li className="card device" data-testid="device">
      {editing ? (
        <form className="inline-form" onSubmit={save}>
          <Field label={t("devices.name")} value={name} onChange={setName} maxLength={100} error={sub.fields.name} />
          <button type="submit" disabled={sub.busy || !name.trim()}>
            {t("common.save")}
          </button>
          <button type="button" className="secondary" onClick={() => setEditing(false)}>
            {t("common.cancel")}
          </button>
        </form>
      ) : (
        <h3>
          {device.name} <span className="muted small">{kindName(t, device.kind)}</span>
        </h3>
      )}
      <p className="muted small">
        {model && `${model} · `}
        {device.paired_at ? t("devices.pairedAt", { at: formatDateTime(device.paired_at, lang) }) : t("devices.notPaired")}
        {" · "}
        {device.last_seen_at ? t("devices.lastSeen", { at: formatDateTime(device.last_seen_at, lang) }) : t("devices.neverSeen")}
      </p>
      <FormAlert error={sub.error} />
      {!editing && (
        <div className="form-actions">
          <button type="button" className="secondary small" onClick={() => setEditing(true)}>
            {t("devices.rename")}
          </button>
          {confirm ? (
            <>
              <span>{t("devices.removeConfirm")}</span>
              <button type="button" className="danger small" disabled={sub.busy} onClick={() => void remove()}>
                {t("devices.removeYes")}
              </button>
              <button type="button" className="secondary small" onClick={() => setConfirm(false)}>
                {t("common.cancel")}
              </button>
            </>
          ) : (
            <button type="button" className="secondary small" onClick={() => setConfirm(true)}>
              {t("devices.remove")}
            </button>
          )}
        </div>
      )}
    </li>
  );
}

/** DevicesPage lists and pairs devices. */
export function DevicesPage() {
  const { t } = useI18n();
  useTitle("devices.title");
  const devs = useLoad((s) => listDevices(s), "devices");
  const list = devs.data ?? [];
  return (
    <div className="stack">
      <h1>{t("devices.title")}</h1>
      {devs.error != null && <ErrorBox error={devs.error} onRetry={devs.reload} />}
      {devs.loading && !devs.data && <p role="status">{t("app.loading")}</p>}
      {devs.data && list.length === 0 && <p className="muted">{t("devices.none")}</p>}
      {list.length > 0 && (
        <ul className="plain-list device-list" data-testid="devices">
          {list.map((d) => (
            <DeviceRow
              key={d.id}
              device={d}
              onChange={(n) => devs.set((cur) => (cur ?? []).map((x) => (x.id === n.id ? n : x)))}
              onRemove={() => devs.set((cur) => (cur ?? []).filter((x) => x.id !== d.id))}
            />
          ))}
        </ul>
      )}
      <PairForm onPaired={devs.reload} />
    </div>
  );
}
