/* SportHub service worker (hand-written).
 * The build fills in VERSION (a hash of the app's files) and PRECACHE (the app
 * shell); see sw-plugin.ts. Strategy:
 *   - app shell and built assets: cache first, precached on install;
 *   - /api/: network first, falling back to the last good response when offline;
 *     answers to requests with credentials (Authorization) are never cached,
 *     so one person's data is not shown to the next user of the device, nor
 *     are live views of share links (their state is only worth it fresh);
 *   - page navigations: network first, falling back to the cached index.html
 *     so the single-page app starts offline.
 * It also shows web push notifications (payload JSON {title, body, link})
 * and opens their link when clicked.
 */
const VERSION = __SW_VERSION__;
const PRECACHE = __SW_PRECACHE__;
const SHELL_CACHE = "sporthub-shell-" + VERSION;
const API_CACHE = "sporthub-api-" + VERSION;

self.addEventListener("install", (event) => {
  event.waitUntil(
    caches
      .open(SHELL_CACHE)
      .then((cache) => cache.addAll(PRECACHE))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) =>
        Promise.all(
          keys
            .filter((key) => key.startsWith("sporthub-") && key !== SHELL_CACHE && key !== API_CACHE)
            .map((key) => caches.delete(key)),
        ),
      )
      .then(() => self.clients.claim()),
  );
});

async function networkFirst(request, cacheName, fallbackUrl) {
  const cache = await caches.open(cacheName);
  const personal = request.headers.has("Authorization") || new URL(request.url).pathname.includes("/tracker/shared/");
  try {
    const response = await fetch(request);
    if (response.ok && cacheName === API_CACHE && !personal) {
      await cache.put(request, response.clone());
    }
    return response;
  } catch (err) {
    if (personal) throw err;
    const cached = await cache.match(fallbackUrl || request);
    if (cached) return cached;
    throw err;
  }
}

async function cacheFirst(request) {
  const cached = await caches.match(request);
  if (cached) return cached;
  return fetch(request);
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;

  if (url.pathname.startsWith("/api/")) {
    event.respondWith(networkFirst(request, API_CACHE));
    return;
  }
  if (request.mode === "navigate") {
    event.respondWith(networkFirst(request, SHELL_CACHE, "/"));
    return;
  }
  if (PRECACHE.includes(url.pathname)) {
    event.respondWith(cacheFirst(request));
  }
});

// Web push: notify sends JSON {title, body, link, type, id}; anything else is
// shown as plain text under the app's name.
function pushContent(data) {
  let payload = {};
  if (data) {
    try {
      payload = data.json() || {};
    } catch (err) {
      payload = { body: data.text() };
    }
  }
  const link = typeof payload.link === "string" ? payload.link : typeof payload.url === "string" ? payload.url : "/notifications";
  return {
    title: typeof payload.title === "string" && payload.title ? payload.title : "SportHub",
    options: {
      body: typeof payload.body === "string" ? payload.body : "",
      icon: "/icons/icon-192.png",
      badge: "/icons/icon-192.png",
      tag: typeof payload.id === "string" ? payload.id : undefined,
      data: { link },
    },
  };
}

self.addEventListener("push", (event) => {
  const { title, options } = pushContent(event.data);
  event.waitUntil(self.registration.showNotification(title, options));
});

// Clicking a notification focuses an open tab of the app and navigates it to
// the notification's link, or opens a new one. Only same-origin links open.
self.addEventListener("notificationclick", (event) => {
  event.notification.close();
  const raw = (event.notification.data && event.notification.data.link) || "/notifications";
  let target = new URL("/notifications", self.location.origin);
  try {
    const url = new URL(raw, self.location.origin);
    if (url.origin === self.location.origin) target = url;
  } catch (err) {
    // keep the inbox
  }
  event.waitUntil(
    self.clients.matchAll({ type: "window", includeUncontrolled: true }).then((list) => {
      for (const client of list) {
        if (new URL(client.url).origin === self.location.origin && "focus" in client) {
          return client.focus().then((c) => (c && "navigate" in c ? c.navigate(target.href) : c));
        }
      }
      return self.clients.openWindow(target.href);
    }),
  );
});
