/* cisp.be — service worker, copied into <root>sw.js by each build after
   self.CISP_VERSION, the build's name. Keeps the search indexes and the pages already
   visited, so that a search works again without network.
   - pages: network first, the cached copy when offline (a page is the same whatever its
     ?query, so it is kept once, without it);
   - files whose name carries a content hash (style.<hash>.css, base.<hash>.json…): cache
     first, they never change;
   - everything else of the site (recherche.js, manifeste.json, icons): network first.
   One cache per build: a new build installs a new worker, which deletes the old caches. */
'use strict';
var CACHE = 'cisp-' + (self.CISP_VERSION || 'dev');
var HACHE = /\.[0-9a-f]{10}\.[a-z]+$/;
/* The site's root path (« / », or « /cisp/ » under a sub-path): where this worker is. */
var BASE = new URL('./', location.href).pathname;

self.addEventListener('install', function () { self.skipWaiting(); });

self.addEventListener('activate', function (e) {
  e.waitUntil(caches.keys().then(function (k) {
    return Promise.all(k.filter(function (n) { return n.indexOf('cisp-') === 0 && n !== CACHE; }).map(function (n) { return caches.delete(n); }));
  }).then(function () { return self.clients.claim(); }));
});

function cle(u) { u = new URL(u, location.href); return u.origin + u.pathname; }

/* The page lists what it fetched before this worker controlled it. Kept from the HTTP
   cache (`force-cache`): the page has just received them, so a first visit does not
   download them twice on a trainee's prepaid data. */
self.addEventListener('message', function (e) {
  var l = e.data && e.data.garder;
  if (!Array.isArray(l)) return;
  e.waitUntil(caches.open(CACHE).then(function (c) {
    return Promise.all(l.map(function (u) {
      var k = HACHE.test(new URL(u, location.href).pathname) ? u : cle(u);
      return c.match(k).then(function (r) {
        return r || fetch(u, { cache: 'force-cache' }).then(function (r) { if (r.ok) return c.put(k, r); });
      }).catch(function () {});
    }));
  }));
});

function reseau(req, k) {
  return fetch(req).then(function (r) {
    if (r.ok) { var copie = r.clone(); caches.open(CACHE).then(function (c) { c.put(k, copie); }); }
    return r;
  });
}

self.addEventListener('fetch', function (e) {
  var req = e.request, u = new URL(req.url);
  if (req.method !== 'GET' || u.origin !== location.origin || u.pathname === location.pathname) return;
  if (HACHE.test(u.pathname)) {
    e.respondWith(caches.open(CACHE).then(function (c) {
      return c.match(req).then(function (r) { return r || reseau(req, req); });
    }));
    return;
  }
  var k = cle(req.url), page = req.mode === 'navigate';
  e.respondWith(reseau(req, k).catch(function () {
    return caches.open(CACHE).then(function (c) { return c.match(k); }).then(function (r) {
      return r || (page ? new Response('<!DOCTYPE html><html lang="fr"><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Pas de connexion</title>' +
        '<h1>Pas de connexion</h1><p>Cette page n’a pas encore été visitée sur cet appareil. La <a href="' + BASE + 'recherche/">recherche</a> et les pages déjà vues marchent sans réseau.</p>',
        { status: 503, headers: { 'Content-Type': 'text/html; charset=utf-8' } }) : Response.error());
    });
  }));
});
