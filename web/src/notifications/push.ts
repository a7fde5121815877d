// Web push on this device: subscribe through the service worker with the
// platform's VAPID key and register the subscription with notify.
import { addPushSubscription, removePushSubscription, vapidPublicKey } from "../api/notify";

/** urlBase64ToBytes decodes a base64url string (a VAPID public key) to bytes. */
export function urlBase64ToBytes(s: string): Uint8Array<ArrayBuffer> {
  const b64 = s.replace(/-/g, "+").replace(/_/g, "/").replace(/\s+/g, "");
  const padded = b64 + "=".repeat((4 - (b64.length % 4)) % 4);
  const bin = atob(padded);
  const out = new Uint8Array(new ArrayBuffer(bin.length));
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

/** pushSupported reports whether this browser can receive web push. */
export function pushSupported(): boolean {
  return (
    typeof window !== "undefined" &&
    "serviceWorker" in navigator &&
    "PushManager" in window &&
    "Notification" in window
  );
}

async function registration(): Promise<ServiceWorkerRegistration | null> {
  if (!pushSupported()) return null;
  return (await navigator.serviceWorker.getRegistration("/")) ?? null;
}

/** currentPushSubscription returns this device's subscription, if any. */
export async function currentPushSubscription(): Promise<PushSubscription | null> {
  const reg = await registration();
  return reg ? reg.pushManager.getSubscription() : null;
}

/** PushResult is how enabling push ended. */
export type PushResult = "enabled" | "denied" | "unsupported";

/** enablePush asks for permission, subscribes and registers the subscription. */
export async function enablePush(): Promise<PushResult> {
  const reg = await registration();
  if (!reg) return "unsupported";
  const permission = await Notification.requestPermission();
  if (permission !== "granted") return "denied";
  const { key } = await vapidPublicKey();
  let sub = await reg.pushManager.getSubscription();
  if (!sub) {
    sub = await reg.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: urlBase64ToBytes(key) });
  }
  const json = sub.toJSON();
  await addPushSubscription({
    endpoint: sub.endpoint,
    keys: { p256dh: json.keys?.p256dh ?? "", auth: json.keys?.auth ?? "" },
  });
  return "enabled";
}

/** disablePush unregisters and drops this device's subscription. */
export async function disablePush(): Promise<void> {
  const sub = await currentPushSubscription();
  if (!sub) return;
  try {
    await removePushSubscription(sub.endpoint);
  } finally {
    await sub.unsubscribe();
  }
}
