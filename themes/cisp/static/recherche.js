/* cisp.be — search over the prebuilt indexes (src/index.rs). No framework, no inline script.
   Progressive enhancement: the form works without this file (GET /recherche/?ou=…). */
(function () {
  'use strict';
  var d = document, w = window;
  /* The site's root path, « / » or « /cisp/ » under a sub-path: this script is <root>static/… */
  var BASE = d.currentScript ? new URL(d.currentScript.src, location.href).pathname.replace(/static\/[^\/]*$/, '') : '/';
  var RAYONS = [5, 10, 25, 50], RAYON = 25, PAGE = 20, LOIN = 3, CHAMPS = ['ou', 'pos', 'quoi', 'rayon', 'cat', 'secteur', 'rome', 'methode', 'seance', 'stage', 'soir', 'partiel'];
  var MOI = 'autour-de-moi';
  var FINALES = [['trice', 'teur'], ['ienne', 'ien'], ['euse', 'eur'], ['elle', 'el'], ['ette', 'et'], ['aise', 'ais'], ['enne', 'en'], ['ere', 'er'], ['ive', 'if'], ['ale', 'al'], ['ee', 'e']];
  var POURQUOI = ['', 'un métier de la même famille (code ROME)', 'le même thème', 'un mot de sa description'];
  var JOURS = ['dimanche', 'lundi', 'mardi', 'mercredi', 'jeudi', 'vendredi', 'samedi'];
  var MOIS = ['janvier', 'février', 'mars', 'avril', 'mai', 'juin', 'juillet', 'août', 'septembre', 'octobre', 'novembre', 'décembre'];

  /* ---------- Text: the same rules as src/text.rs (fold) and src/index.rs (racine, mots) */
  function fold(s) {
    return String(s || '').replace(/œ/g, 'oe').replace(/Œ/g, 'OE').replace(/æ/g, 'ae').replace(/Æ/g, 'AE').replace(/ß/g, 'ss')
      .normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
  }
  function racine(m) {
    if (m.length <= 3 || /\d/.test(m)) return m;
    if (/eaux$/.test(m)) m = m.slice(0, -1);
    else if (/aux$/.test(m) && m.length > 4) m = m.slice(0, -3) + 'al';
    else if (/[sx]$/.test(m) && !/(ss|us|ais|ois)$/.test(m)) m = m.slice(0, -1);
    for (var i = 0; i < FINALES.length; i++) {
      var f = FINALES[i][0];
      if (m.slice(-f.length) === f && m.length - f.length >= 2) { m = m.slice(0, -f.length) + FINALES[i][1]; break; }
    }
    return m.length > 3 && m.slice(-1) === 'e' ? m.slice(0, -1) : m;
  }
  /* The word family, for titles only: « menuisier » and « Menuiserie », « électricien » and
     « Électricité », « informaticien » and « informatique » name the same job. */
  var FAMILLES = [['icit', 'ic'], ['iqu', 'ic'], ['eri', ''], ['ier', ''], ['ien', ''], ['eur', ''], ['ag', ''], ['ant', ''], ['er', '']];
  function famille(m) {
    if (m.length < 5 || /\d/.test(m)) return m;
    for (var i = 0; i < FAMILLES.length; i++) {
      var f = FAMILLES[i][0];
      if (m.slice(-f.length) === f && m.length - f.length >= 4) return m.slice(0, -f.length) + FAMILLES[i][1];
    }
    return m;
  }
  /* Edit distance (insertion, deletion, substitution, swap of two neighbours), or max + 1
     as soon as it exceeds max. */
  function distance(a, b, max) {
    if (Math.abs(a.length - b.length) > max) return max + 1;
    var p2 = null, p = [], i, j;
    for (j = 0; j <= b.length; j++) p.push(j);
    for (i = 1; i <= a.length; i++) {
      var c = [i], min = i;
      for (j = 1; j <= b.length; j++) {
        var v = Math.min(p[j] + 1, c[j - 1] + 1, p[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
        if (p2 && i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, p2[j - 2] + 1);
        c.push(v);
        if (v < min) min = v;
      }
      if (min > max) return max + 1;
      p2 = p; p = c;
    }
    return p[b.length];
  }
  function esc(s) {
    return String(s).replace(/[&<>"]/g, function (c) { return { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' }[c]; });
  }
  /* Place-name key, as src/geocode/: abbreviations expanded, words glued. */
  function cleMots(m, dernier) {
    return m.map(function (x, i) {
      if (i === m.length - 1 && !dernier) return x;
      var int = i > 0 && i < m.length - 1;
      return { st: 'saint', sankt: 'saint', ste: 'sainte', mt: 'mont', s: 'sur' }[x] || ((x === 'les' || x === 'lez') && int ? 'lez' : x);
    }).join('');
  }
  function cle(n) { var f = fold(n); return f ? cleMots(f.split(' '), true) : ''; }

  /* ---------- Distances */
  function dist(a, b) {
    var r = Math.PI / 180, la = (b.y - a.y) * r, lo = (b.x - a.x) * r;
    var h = Math.sin(la / 2) * Math.sin(la / 2) + Math.cos(a.y * r) * Math.cos(b.y * r) * Math.sin(lo / 2) * Math.sin(lo / 2);
    return 2 * 6371.0088 * Math.asin(Math.min(1, Math.sqrt(h)));
  }
  /* Distance to a part's box [x0, y0, x1, y1] (integer coordinates × 1e4). */
  function distBoite(p, b) {
    var x = Math.min(Math.max(p.x, b[0] / 1e4 + 2.5), b[2] / 1e4 + 2.5), y = Math.min(Math.max(p.y, b[1] / 1e4 + 49.4), b[3] / 1e4 + 49.4);
    return Math.max(0, dist(p, { x: x, y: y }) - 0.05);
  }
  function km(k) {
    var m = Math.max(50, Math.round(k * 20) * 50);
    if (m < 1000) return m + ' m';
    var t = Math.round(k * 10);
    return t < 100 ? Math.floor(t / 10) + ',' + (t % 10) + ' km' : Math.round(k) + ' km';
  }
  /* The distance of a card, as honest as its two ends: from a commune or a postcode (its
     centre), whole kilometres; « environ » when the place itself is placed by its locality;
     always « à vol d'oiseau », not by road. */
  function kmCarte(k, gps, approx) {
    var d = gps && !approx ? km(k) : k < 1 ? 'moins de 1 km' : Math.round(k) + ' km';
    return 'à ' + (approx && k >= 1 ? 'environ ' : '') + d + ' à vol d’oiseau';
  }
  /* As src/site/format.rs: « d'Arlon », « du Roeulx », « de Namur ». */
  function deNom(n) {
    return /^Le /.test(n) ? 'du ' + n.slice(3) : /^Les /.test(n) ? 'des ' + n.slice(4) : /^[AEIOUYÉÈÊÂÎÔŒaeioué]/.test(n) ? 'd’' + n : 'de ' + n;
  }
  function deux(n) { return (n < 10 ? '0' : '') + n; }
  function pluriel(n, s, p) { return n + ' ' + (n > 1 ? (p || s + 's') : s); }

  /* ---------- Dates: sessions are minutes from the build date's midnight (B.j0) */
  function maintenant(jours) {
    var t = new Date(), j = new Date(t.getFullYear(), t.getMonth(), t.getDate());
    return (Math.round((j - B.j0) / 864e5) + (jours || 0)) * 1440 + t.getHours() * 60 + t.getMinutes();
  }
  function seanceTexte(m) {
    var t = new Date(B.j0.getFullYear(), B.j0.getMonth(), B.j0.getDate() + Math.floor(m / 1440)), h = m % 1440, mn = h % 60;
    return JOURS[t.getDay()] + ' ' + (t.getDate() === 1 ? '1er' : t.getDate()) + ' ' + MOIS[t.getMonth()] + ' ' + t.getFullYear() +
      ' à ' + Math.floor(h / 60) + ' h' + (mn ? ' ' + (mn < 10 ? '0' : '') + mn : '');
  }

  /* ---------- Data: the manifest, the gazetteer by letter, the lexicon, the parts */
  var manif = null, B = null, E = [], vus = {}, charges = {}, lex = null, parts = {}, CLES = [], CPF = {}, NOMS = {}, FAM = {}, complet = false;
  function manifeste(form) {
    if (manif) return Promise.resolve(manif);
    var m = form && form.getAttribute('data-manifeste');
    if (m) return Promise.resolve(manif = lireManifeste(JSON.parse(m)));
    return fetch(BASE + 'static/recherche/manifeste.json', { cache: 'no-cache' }).then(function (r) { return r.json(); }).then(function (j) { return (manif = lireManifeste(j)); });
  }
  /* Parts come as [name, x0, y0, x1, y1, sectors, size] (box in 100 m steps, size in
     hundreds of bytes, src/index/mod.rs): made into {f: URL, b: box × 1e4, s, o}. */
  function lireManifeste(j) {
    var l = j.parts;
    j.parts = [];
    j.fams = 0;
    j.vus = {};
    ajouteParties(j, l, 0);
    return j;
  }
  /* The page lists the all-sector parts; the sector parts come with the lexicon pieces of
     the words that find tracks there (and with the lexicon): `ps`, the sectors listed. */
  function ajouteParties(m, l, ps) {
    l.forEach(function (a) {
      if (m.vus[a[0]]) return;
      m.vus[a[0]] = 1;
      m.parts.push({ f: m.pd + a[0] + '.' + m.pv + '.json', b: [a[1] * 10, a[2] * 10, a[3] * 10, a[4] * 10], s: a[5], o: a[6] * 100 });
    });
    m.fams |= ps;
  }
  function charge(u) {
    return charges[u] || (charges[u] = fetch(u).then(function (r) { if (!r.ok) throw new Error(r.status); return r.json(); })
      .catch(function (e) { delete charges[u]; throw e; }));
  }
  function pt(x, y, k) { return { x: x / k + 2.5, y: y / k + 49.4 }; }
  /* The gazetteer file of a typed name: its first letter, or the first two digits of a
     postal code (as cle_gazetteer in src/index.rs). */
  function gaz(t, form) {
    return manifeste(form).then(function (m) {
      var f = fold(t), k = /^\d/.test(f) ? f.slice(0, 2) : f.charAt(0), u = m.g[k];
      if (!u) return;
      return charge(u).then(function (j) {
        if (vus[k]) return;
        vus[k] = 1;
        (j.c || []).forEach(function (c) {
          if (vus['c' + c[0]]) return;
          vus['c' + c[0]] = 1;
          var cps = c[1].split(' ');
          ajoute({ k: 0, n: c[0], cp: cps[0], cps: cps, cn: c[0], a: c[4] }, c[2], c[3]);
        });
        (j.l || []).forEach(function (l) { ajoute({ k: 1, n: l[0], cp: l[1], cn: l[2] }, l[3], l[4]); });
        (j.p || []).forEach(function (p) { ajoute({ k: 2, n: p[0], cp: p[0], cn: p[1], li: p[2] }, p[3], p[4]); });
        E.sort(function (a, b) { return a.f < b.f ? -1 : a.f > b.f ? 1 : a.k - b.k || (a.cp < b.cp ? -1 : a.cp > b.cp ? 1 : 0); });
      });
    });
  }
  function ajoute(e, x, y) {
    var p = pt(x, y, 1e3);
    e.x = p.x; e.y = p.y;
    e.label = e.k === 0 ? e.n + ' (' + e.cp + ')' : e.k === 1 ? e.n + ' (' + e.cp + ', ' + e.cn + ')' : e.cp + ' ' + e.cn + (e.li ? ' (' + e.li + ')' : '');
    e.f = fold(e.n);
    e.cles = [cle(e.n)].concat(e.a ? [cle(e.a)] : []);
    E.push(e);
  }
  /* The whole lexicon: the lexicon file, or the one part of a small catalogue. */
  function lexique(form) {
    return lex || (lex = manifeste(form).then(function (m) {
      return m.lex ? charge(m.lex) : charge(m.parts[0].f).then(function (j) { return j.lex; });
    }).then(function (b) { complet = true; return fusion(b); }, function (e) { lex = null; throw e; }));
  }
  /* The lexicon's tables, whole or in pieces (a « what » shard carries the pieces its
     tracks need, src/index/quoi.rs): ids are the same everywhere, so pieces merge. */
  function fusion(b) {
    if (!B) {
      B = b;
      b.mots = b.mots || {};
      b.vides = {};
      (b.mv || manif.mv || []).forEach(function (m) { b.vides[m] = 1; });
      var j = b.jour.split('-');
      b.j0 = new Date(+j[0], j[1] - 1, +j[2]);
      [].forEach.call(d.querySelectorAll('#r-cat option, #r-secteur option'), function (o) { NOMS[o.value] = o.textContent; });
    } else if (b !== B) ['titres', 'gares', 'xt', 'fm', 'mots'].forEach(function (k) { for (var i in b[k]) B[k][i] = b[k][i]; });
    if (b.parts) ajouteParties(manif, b.parts, b.ps);
    if (b.cp) b.cp.forEach(function (c, i) { CPF[c] = b.fo.p + i; });
    for (var c in b.cpf) CPF[c] = b.cpf[c];
    CLES = Object.keys(B.mots).sort();
    FAM = {};
    CLES.forEach(function (k) { var f = famille(k); (FAM[f] || (FAM[f] = [])).push(k); });
    return B;
  }
  /* « What » shards (a small catalogue): the words of the same first three letters and the
     tracks they find, a few KB. A missing shard (404) means no word begins so. */
  function cleQuoi(r) {
    return Array.from(r).slice(0, 3).map(function (c) { return /[a-z0-9]/.test(c) ? c : '_' + c.codePointAt(0).toString(16); }).join('');
  }
  function urlQuoi(k) { return manif.q + k + '.' + manif.qv + '.json'; }
  var tranches = {};
  function tranche(k) {
    var u = urlQuoi(k);
    return tranches[u] || (tranches[u] = fetch(u).then(function (r) {
      /* The body (the site's 404 page) is not wanted: dropped, so the request ends. */
      if (r.status === 404) { if (r.body) r.body.cancel(); return null; }
      if (!r.ok) throw new Error(r.status);
      return r.json().then(function (j) { fusion(j.lex); if (j.c) parts[u] = Promise.resolve(prepPart(j)); return u; });
    }).catch(function (e) { delete tranches[u]; throw e; }));
  }
  function motsDe(q) {
    var v = manif.mv || [];
    return fold(q).split(' ').filter(function (m) { return m && v.indexOf(m) < 0 && v.indexOf(racine(m)) < 0; });
  }
  /* A stem the loaded words know: as a word, as the beginning of one, or as a typo. */
  function connu(r) { return B.mots[r] || (!/\d/.test(r) && r.length >= 3 && CLES.some(function (k) { return k.indexOf(r) === 0; })) || proches(r).length; }
  /* The shards of a query's words. A word none of them knows may have a typo in its
     first letters: then every word of the index (`cles`) says which shard to read. */
  function quoiPour(e) {
    var ms = motsDe(e.quoi);
    /* A stem of one or two letters has a shard only if the manifest names it (« pc »). */
    var ks = ms.map(function (m) { return cleQuoi(racine(m)); }).filter(function (k) { return k.length >= 3 || manif.qc.indexOf(k) >= 0; });
    return Promise.all(ks.map(tranche)).then(function () {
      var perdus = ms.filter(function (m) { var r = racine(m); return r.length >= 3 && (!B || !connu(r)); });
      if (!perdus.length && B) return;
      return charge(manif.k).then(function (j) {
        fusion(j.lex);
        var voisines = [];
        perdus.forEach(function (m) { proches(racine(m), j.k).forEach(function (k) { voisines.push(cleQuoi(k)); }); });
        return Promise.all(voisines.map(tranche));
      });
    });
  }
  /* A part, once the tables are there: a lexicon piece (`ql`, a large catalogue) has them. */
  function part(u) {
    return parts[u] || (parts[u] = (B && manif.ql ? Promise.resolve(B) : lexique()).then(function () { return charge(u); }).then(prepPart, function (e) { delete parts[u]; throw e; }));
  }
  function sl(s, c) { return s.charAt(0) === '!' ? s.slice(1) : c + '-' + s; }
  function prepPart(j) {
    var fo = B.fo, C = j.c;
    var L = j.l.map(function (l) {
      var p = pt(l[6], l[7], 1e4);
      return { id: sl(l[1], C[l[0]][2]), n: l[2], loc: l[3], cn: l[4], cp: l[5], x: p.x, y: p.y, ap: l[10], g: B.gares ? B.gares[l[8]] : '', marche: l[9] * 5, f: [] };
    });
    C.forEach(function (c) {
      c[3].forEach(function (f) {
        var t = { id: sl(f[0], c[2]), ti: f[1], ce: c[0], cat: f[2], s: f[3], r: f[4], d: f[5] | c[1], se: f[6] };
        t.feat = [fo.t + t.ti, fo.c + t.cat, fo.s + t.s, fo.m + (t.d & 1)].concat(t.r.map(function (r) { return fo.r + r; }));
        if (typeof f[8] === 'number' && B.xt) t.feat.push(fo.x + B.xt[t.ti] + f[8]);
        [2, 4, 8].forEach(function (bit, i) { if (t.d & bit) t.feat.push(fo.d + i); });
        f[7].forEach(function (i) { L[i].f.push(t); });
      });
    });
    return L;
  }

  /* ---------- Places: suggestions and look-up (in the gazetteer letters loaded) */
  function suggerer(t, max) {
    var f = fold(t);
    if (!f) return [];
    var m = f.split(' ');
    if (/^\d+$/.test(m[0])) return E.filter(function (e) { return e.k === 2 && e.cp.indexOf(m[0]) === 0; }).slice(0, max);
    var k1 = cleMots(m, true), k2 = cleMots(m, false), fini = /[^\p{L}\p{N}]$/u.test(t), res = [];
    E.forEach(function (e) {
      if (e.k === 2) return;
      var r = -1;
      e.cles.forEach(function (c) {
        if (c === k1) r = 0;
        else if (r < 0 && (c.indexOf(k1) === 0 || (!fini && c.indexOf(k2) === 0))) r = 1;
      });
      if (r < 0 && (' ' + e.f).indexOf(' ' + f) >= 0) r = 2;
      if (r >= 0) res.push([r, e]);
    });
    res.sort(function (a, b) { return a[0] - b[0] || a[1].k - b[1].k; });
    return res.slice(0, max).map(function (r) { return r[1]; });
  }
  function localiser(t) {
    t = String(t || '').trim();
    var i = t.indexOf('('), p = i < 0 ? t : t.slice(0, i), q = i < 0 ? '' : t.slice(i + 1).split(')')[0];
    var m = fold(p).split(' ').filter(Boolean), cp = null, noms = [], qc = [];
    if (!m.length) return null;
    var codes = function (c) { return E.filter(function (e) { return e.k === 2 && e.cp === c; })[0] || null; };
    if (/^\d{4}$/.test(m[0])) return codes(m[0]);
    m.forEach(function (x) { if (/^\d{4}$/.test(x)) cp = x; else noms.push(x); });
    q.split(',').forEach(function (s) { var f = fold(s); if (/^\d{4}$/.test(f)) cp = f; else if (f) qc.push(cle(f)); });
    var k = cleMots(noms, true);
    var tous = E.filter(function (e) { return e.k < 2 && k && e.cles.indexOf(k) >= 0; }).sort(function (a, b) { return a.k - b.k || (a.cp < b.cp ? -1 : 1); });
    if (!tous.length) return cp ? codes(cp) : null;
    var bons = tous.filter(function (e) {
      return (!cp || (e.cps || [e.cp]).indexOf(cp) >= 0) && (!qc.length || qc.indexOf(cle(e.cn)) >= 0);
    });
    return (bons.length ? bons : tous)[0];
  }
  /* A place people type that is not in Wallonia: a postal code of Brussels or Flanders,
     or a name of Brussels or of a big Flemish town (checked only when nothing Walloon
     matched), so the page says that the site covers Wallonia only. */
  var AILLEURS = 'bruxelles brussel brussels ixelles schaerbeek anderlecht uccle etterbeek molenbeek jette evere woluwe auderghem watermael boitsfort koekelberg ganshoren berchem anvers antwerpen gand gent bruges brugge louvain leuven malines mechelen hasselt courtrai kortrijk ostende oostende alost aalst'.split(' ');
  function horsWallonie(t) {
    var f = fold(t), c = f.match(/\b\d{4}\b/);
    if (c) { c = +c[0]; return c < 1300 || (c >= 1500 && c < 4000) || c >= 8000; }
    /* One typo allowed from five letters (« bruxelle »), as for the words of « Quoi ? ». */
    return f.split(' ').some(function (m) {
      var max = m.length >= 5 ? 1 : 0;
      return m.length > 3 && AILLEURS.some(function (a) { return distance(m, a, max) <= max; });
    });
  }
  /* What goes into ?ou=: the bare name when it finds this very place, else the label. */
  function valeurOu(e) { return localiser(e.n) === e ? e.n : e.label; }
  function nomLieu(e) { return e.k === 2 ? e.cp + ' ' + e.cn : e.n; }
  /* The gazetteer letters a query needs: the name's, and its postal code's. */
  function gazPour(t, form) {
    var i = t.indexOf('('), q = i < 0 ? '' : t.slice(i + 1), m = fold(t).match(/\b\d{4}\b/);
    return Promise.all([gaz(t, form)].concat(m ? [gaz(m[0], form)] : []).concat(q ? [gaz(q, form)] : []));
  }

  /* ---------- The query */
  /* The field a feature comes from, best first: 0 title, 1 ROME job titles, 2 sector,
     3 description. Categories, methods, flags and postal codes say what kind or where,
     not which job: they rank as a title does. */
  function rang(f) {
    var fo = B.fo;
    return f < fo.r ? 0 : f < fo.s ? 1 : f < fo.c ? 2 : fo.x === undefined || f < fo.x ? 0 : 3;
  }
  /* A word of the lexicon as people write it: from a title when one has it. */
  function lisible(k) {
    for (var i in B.titres) {
      var m = B.titres[i].toLowerCase().split(/[^\p{L}\p{N}]+/u);
      for (var j = 0; j < m.length; j++) if (m[j] && racine(fold(m[j])) === k) return m[j];
    }
    return k;
  }
  /* The keys within 1 edit of a word of 5+ letters, 2 of 8+: the nearest ones only. */
  function proches(r, cles) {
    var max = r.length >= 8 ? 2 : r.length >= 5 ? 1 : 0, best = max + 1, out = [];
    if (!max || /\d/.test(r)) return out;
    (cles || CLES).forEach(function (k) {
      if (/\d/.test(k)) return;
      var v = distance(r, k, Math.min(max, best));
      if (v < best) { best = v; out = [k]; } else if (v === best && v <= max) out.push(k);
    });
    return out;
  }
  function requete(e) {
    var fo = B.fo, Q = { mots: [], ign: [], corr: [], mask: 0xffff, mask0: 0xffff, m: e.methode === 'eft' ? 0 : e.methode === 'defi' ? 1 : -1, dr: 0 };
    var toutes = fold(e.quoi).split(' ').filter(function (m) { return m && !B.vides[m]; }), tr = {};
    toutes.forEach(function (mot, i) {
      var r = racine(mot), fs = {}, n = 0;
      if (B.vides[r]) return;
      tr[cleQuoi(r)] = 1;
      var ajoute = function (k, titres) {
        (B.mots[k] || []).forEach(function (f) { if (!fs[f] && (!titres || f < fo.r)) { fs[f] = 1; n++; } });
      };
      /* Its titles' word family too (see famille); other fields by the word itself. */
      var familles = function (k) { (FAM[famille(k)] || []).forEach(function (x) { if (x !== k) ajoute(x, true); }); };
      /* A known word counts as it is; an unknown one (being typed) by its beginning; else,
         a typo: the nearest words, and « Vouliez-vous dire… » under the field. */
      if (B.mots[r]) { ajoute(r); familles(r); }
      else if (!/\d/.test(r) && r.length >= 3) {
        var a = 0, z = CLES.length;
        while (a < z) { var mid = (a + z) >> 1; if (CLES[mid] < r) a = mid + 1; else z = mid; }
        for (; a < CLES.length && CLES[a].indexOf(r) === 0; a++) ajoute(CLES[a]);
        if (!n) {
          var p = proches(r);
          p.forEach(function (k) { ajoute(k); familles(k); tr[cleQuoi(k)] = 1; });
          if (p.length) Q.corr.push({ mot: mot, par: lisible(p[0]) });
        }
      }
      if (!n) { Q.ign.push(mot); return; }
      var mk = 0, mk0 = 0;
      for (var f in fs) { mk |= B.fm[f]; if (!rang(+f)) mk0 |= B.fm[f]; }
      Q.mask &= mk;
      Q.mask0 &= mk0;
      Q.mots.push(fs);
    });
    if (toutes.length && !Q.mots.length) Q.mask = 0;
    /* Words and the shards in use: their tracks are all the query can find. */
    if (manif.q && !manif.ql && !complet && Q.mots.length) Q.tr = Object.keys(tr).map(urlQuoi).filter(function (u) { return parts[u]; });
    Q.cat = e.cat ? B.cat.indexOf(e.cat) : -1;
    Q.s = e.secteur ? B.sect.indexOf(e.secteur) : -1;
    Q.r = e.rome ? B.rome.indexOf(String(e.rome).toUpperCase()) : -1;
    if (Q.cat >= 0) Q.mask &= B.fm[fo.c + Q.cat];
    if (Q.s >= 0) Q.mask &= 1 << Q.s;
    if (Q.r >= 0) Q.mask &= B.fm[fo.r + Q.r];
    if ((e.cat && Q.cat < 0) || (e.secteur && Q.s < 0) || (e.rome && Q.r < 0)) Q.mask = 0;
    if (Q.m >= 0) Q.mask &= B.fm[fo.m + Q.m];
    ['stage', 'soir', 'partiel'].forEach(function (k, j) { if (e[k]) { Q.dr |= 2 << j; Q.mask &= B.fm[fo.d + j]; } });
    Q.de = maintenant();
    Q.a = e.seance ? maintenant(7 * e.seance) : 0;
    return Q;
  }
  /* -1 if the track does not match here; else its rank: for each word, the best field
     where the track has it; for the track, the worst over the words (see rang). */
  function convient(Q, t, l) {
    if ((Q.cat >= 0 && t.cat !== Q.cat) || (Q.s >= 0 && t.s !== Q.s) || (Q.r >= 0 && t.r.indexOf(Q.r) < 0)) return -1;
    if ((Q.m >= 0 && (t.d & 1) !== Q.m) || (t.d & Q.dr) !== Q.dr) return -1;
    if (Q.a && !t.se.some(function (s) { return s >= Q.de && s <= Q.a; })) return -1;
    var cpf = CPF[l.cp], pire = 0;
    for (var i = 0; i < Q.mots.length; i++) {
      var fs = Q.mots[i], m = fs[cpf] ? 0 : 9;
      t.feat.forEach(function (f) { if (fs[f]) m = Math.min(m, rang(f)); });
      if (m === 9) return -1;
      pire = Math.max(pire, m);
    }
    return pire;
  }
  /* Tracks with a matching place within R km, grouped by track: the best rank first,
     then the nearest. */
  function evaluer(L, P, R, Q) {
    var g = {}, out = [];
    L.forEach(function (lieux) {
      lieux.forEach(function (l) {
        var k = P ? dist(P, l) : 0;
        if (k > R) return;
        l.f.forEach(function (t) {
          var n = convient(Q, t, l);
          if (n < 0) return;
          var r = g[t.id];
          if (!r) { r = g[t.id] = { t: t, km: k, rang: n, lieux: [] }; out.push(r); }
          if (n < r.rang) r.rang = n;
          if (r.lieux.some(function (x) { return x.l.id === l.id; })) return;
          r.lieux.push({ l: l, km: k });
          if (k < r.km) r.km = k;
        });
      });
    });
    out.forEach(function (r) { r.lieux.sort(function (a, b) { return a.km - b.km; }); });
    return out.sort(function (a, b) { return a.rang - b.rang || a.km - b.km || (B.titres[a.t.ti] < B.titres[b.t.ti] ? -1 : 1); });
  }
  /* The parts to read, nearest first: the all-sector family or the sector family,
     whichever weighs less within the radius. Sector parts that cannot hold a track of
     the best rank (no sector of `mask0`) come last, marked `z`: the first results are
     the best rank, so « cuisine » reads the nearest hospitality parts, not the building
     parts whose tracks only have « cuisine » in a job title (issue 19 item 3). */
  function plan(P, R, Q) {
    var mask = Q.mask;
    if (!mask) return [];
    if (Q.tr) return Q.tr.map(function (u) { return { p: { f: u, o: 0 }, d: 0 }; });
    var proches = function (l) {
      return l.map(function (p) { return { p: p, d: P ? distBoite(P, p.b) : 0 }; }).filter(function (c) { return c.d <= R; }).sort(function (a, b) { return a.d - b.d; });
    };
    var cout = function (l) { return l.reduce(function (s, c) { return s + c.p.o; }, 0); };
    var A = proches(manif.parts.filter(function (p) { return !p.s; }));
    /* Sector parts only when every sector of the mask has its parts listed. */
    var S = mask & ~manif.fams ? [] : proches(manif.parts.filter(function (p) { return p.s & mask; }));
    if (!(S.length && cout(S) < cout(A))) return A;
    var m0 = Q.mask0 & mask, z = S.filter(function (c) { return !(c.p.s & m0); });
    z.forEach(function (c) { c.z = 1; });
    return S.filter(function (c) { return c.p.s & m0; }).concat(z);
  }
  /* How far results of the best rank are sure: the nearest unread part that may hold one. */
  function front(cands, i) { return i < cands.length && !cands[i].z ? cands[i].d : Infinity; }
  function charger(cands) { return Promise.all(cands.map(function (c) { return part(c.p.f); })); }

  /* ---------- State ⇄ URL */
  function etatDe(qs) {
    var u = new URLSearchParams(qs), e = {};
    CHAMPS.forEach(function (k) { e[k] = (u.get(k) || '').trim(); });
    e.rayon = RAYONS.indexOf(+e.rayon) >= 0 ? +e.rayon : RAYON;
    if (!point(e.pos)) e.pos = '';
    return e;
  }
  /* « Autour de moi » in the URL: « lat,lon » rounded to 3 decimals (about 100 m), so
     that a reload or a shared link searches from the same point without asking again. */
  function point(s) {
    var m = /^(-?\d{1,2}\.\d{1,3}),(-?\d{1,3}\.\d{1,3})$/.exec(s || '');
    return m && Math.abs(+m[1]) <= 90 && Math.abs(+m[2]) <= 180 ? { x: +m[2], y: +m[1] } : null;
  }
  function texteDe(p) { return p.y.toFixed(3) + ',' + p.x.toFixed(3); }
  function qs(e) {
    var u = new URLSearchParams();
    CHAMPS.forEach(function (k) { if (e[k] && !(k === 'rayon' && !e.ou) && !(k === 'pos' && e.ou !== MOI)) u.set(k, e[k]); });
    var s = u.toString();
    return s ? '?' + s : '';
  }

  /* ---------- Accessible combobox (ARIA 1.2) */
  var nCombo = 0;
  function combo(input, form, choisir) {
    var lb = d.createElement('ul'), st = d.createElement('span'), opts = [], act = -1, id = 'r-sugg' + nCombo++;
    lb.id = id; lb.className = 'r-sugg'; lb.hidden = true;
    lb.setAttribute('role', 'listbox'); lb.setAttribute('aria-label', 'Suggestions');
    st.className = 'r-cache'; st.setAttribute('role', 'status');
    input.parentNode.parentNode.insertBefore(lb, input.parentNode.nextSibling);
    input.parentNode.parentNode.insertBefore(st, lb);
    input.setAttribute('role', 'combobox');
    input.setAttribute('aria-autocomplete', 'list');
    input.setAttribute('aria-expanded', 'false');
    input.setAttribute('aria-controls', id);
    function montrer(l) {
      opts = l; act = -1;
      lb.innerHTML = l.map(function (e, i) { return '<li role="option" id="' + id + '-' + i + '" aria-selected="false">' + esc(e.label) + '</li>'; }).join('');
      lb.hidden = !l.length;
      input.setAttribute('aria-expanded', String(!!l.length));
      input.removeAttribute('aria-activedescendant');
      st.textContent = l.length ? pluriel(l.length, 'suggestion') + ' : flèches haut et bas pour choisir, Entrée pour valider.' : '';
    }
    function activer(i) {
      act = i;
      [].forEach.call(lb.children, function (li, j) { li.setAttribute('aria-selected', String(j === i)); });
      var li = lb.children[i];
      input.setAttribute('aria-activedescendant', li.id);
      if (li.scrollIntoView) li.scrollIntoView({ block: 'nearest' });
    }
    function prendre(e) { input.value = valeurOu(e); montrer([]); choisir(e); }
    var tour = 0;
    function proposer() {
      var n = ++tour, v = input.value;
      gaz(v, form).then(function () { if (n === tour) montrer(v.trim() ? suggerer(v, 8) : []); }, function () {});
    }
    input.addEventListener('input', proposer);
    input.addEventListener('keydown', function (ev) {
      var n = opts.length;
      if (ev.key === 'ArrowDown' || ev.key === 'ArrowUp') {
        ev.preventDefault();
        if (lb.hidden) { proposer(); return; }
        if (n) activer(ev.key === 'ArrowDown' ? (act + 1) % n : (act <= 0 ? n - 1 : act - 1));
      } else if (ev.key === 'Enter') {
        if (!lb.hidden && act >= 0) { ev.preventDefault(); prendre(opts[act]); } else montrer([]);
      } else if (ev.key === 'Escape') {
        if (!lb.hidden) { ev.preventDefault(); montrer([]); }
      }
    });
    input.addEventListener('blur', function () { setTimeout(function () { montrer([]); }, 200); });
    lb.addEventListener('mousedown', function (ev) { ev.preventDefault(); });
    lb.addEventListener('click', function (ev) {
      var li = ev.target.closest('li');
      if (li) prendre(opts[+li.id.slice(id.length + 1)]);
    });
  }

  /* ---------- Service worker: keeps indexes and visited pages for offline use */
  var sw = 'serviceWorker' in navigator && location.protocol !== 'file:' && navigator.serviceWorker;
  function travailleur() {
    if (sw) sw.register(BASE + 'sw.js', { updateViaCache: 'none' }).then(garder, function () {});
  }
  /* Until the worker controls this page, tell it what the page already fetched, once the
     page has loaded (the map included): the worker then finds it all in the HTTP cache. */
  function garder() {
    if (!sw || sw.controller) return;
    if (document.readyState !== 'complete') { addEventListener('load', garder, { once: true }); return; }
    sw.ready.then(function (r) {
      // Not the documents of <object> (the map): Chromium keys their HTTP cache apart, so
      // the worker would download them again; it keeps them on their next request.
      var l = [location.pathname].concat(performance.getEntriesByType('resource')
        .filter(function (e) { return e.initiatorType !== 'object' && e.initiatorType !== 'iframe'; })
        .map(function (e) { return e.name; })
        .filter(function (u) { return u.indexOf(location.origin) === 0 && !/\/sw\.js/.test(u); }));
      if (r.active) r.active.postMessage({ garder: l });
    });
  }

  /* After the first results, the whole search data of a small catalogue (every gazetteer
     letter, its part, its word list: about 80 KB) goes into the worker's cache, so that any
     later search works offline. Not before: on prepaid data the first results come first.
     A large catalogue (a lexicon file of its own) keeps what was used. */
  var toutGarde = false;
  function toutGarder() {
    if (toutGarde || !sw || !manif || manif.lex || !manif.q) return;
    toutGarde = true;
    var l = Object.keys(manif.g).map(function (k) { return manif.g[k]; }).concat(manif.parts.map(function (p) { return p.f; }), [manif.k]);
    sw.ready.then(function (r) { if (r.active) r.active.postMessage({ garder: l }); });
  }

  /* ---------- Home page: type-ahead on the search box, « Autour de moi » */
  /* The last place searched, kept on this device only, so that a theme, category or job
     page offers it again (issue 16: place-aware browsing). */
  var CLE_OU = 'cisp-ou';
  /* Work nobody waits for while typing (the address bar, the last place, the worker's
     list): after the frame that shows the results. history.replaceState alone took 2–18 ms
     of a keystroke at 4 × CPU (issue 19, item 3). */
  var plusTard = [];
  function apres(f) {
    if (plusTard.push(f) < 2) requestAnimationFrame(function () {
      setTimeout(function () { plusTard.splice(0).forEach(function (g) { g(); }); });
    });
  }
  /* Written only when it changes: a write costs 3 ms at 4 × CPU, each keystroke searches. */
  function garderOu(ou) { try { if (dernierOu() !== ou) localStorage.setItem(CLE_OU, ou); } catch (x) { /* private mode */ } }
  function dernierOu() { try { return localStorage.getItem(CLE_OU) || ''; } catch (x) { return ''; } }

  function accueil(form) {
    var input = form.querySelector('input[name="ou"]');
    if (!input) return;
    combo(input, null, function () { form.submit(); });
    /* A list page's box: the place of the last search, ready to send. */
    var filtre = form.querySelector('input[type="hidden"]');
    if (filtre && !input.value) input.value = dernierOu();
    var b = d.createElement('button');
    b.type = 'button'; b.className = 'bouton secondaire'; b.textContent = 'Autour de moi';
    b.addEventListener('click', function () {
      location.href = BASE + 'recherche/' + (filtre ? '?' + encodeURIComponent(filtre.name) + '=' + encodeURIComponent(filtre.value) : '') + '#' + MOI;
    });
    input.parentNode.appendChild(b);
  }

  /* ---------- Search page */
  function page(form) {
    var $ = function (i) { return d.getElementById(i); };
    var ou = $('r-ou'), quoi = $('r-quoi'), etat = $('r-etat'), zone = $('r-resultats'), moi = $('r-moi'), loin = $('r-loin'), annonce = $('r-annonce');
    var position = null, tour = 0, montres = PAGE, dernier = null, brouillon = false, viser = false;
    $('r-sans-js').hidden = true;
    if (navigator.geolocation) moi.hidden = false;
    /* « Vouliez-vous dire… » under the « Quoi ? » field. */
    var aide = d.createElement('p');
    aide.id = 'r-quoi-aide'; aide.className = 'r-aide'; aide.hidden = true;
    quoi.parentNode.parentNode.appendChild(aide);
    quoi.setAttribute('aria-describedby', aide.id);

    function lire() {
      var f = new FormData(form), e = {};
      CHAMPS.forEach(function (k) { e[k] = String(f.get(k) || '').trim(); });
      if (e.ou === 'Autour de moi') e.ou = MOI;
      if (e.ou === MOI && position) e.pos = texteDe(position);
      e.rayon = +e.rayon || RAYON;
      return e;
    }
    function remplir(e) {
      CHAMPS.forEach(function (k) {
        var el = form.elements[k];
        if (!el) return;
        if (el.type === 'checkbox') el.checked = !!e[k];
        else el.value = k === 'ou' && e.ou === MOI ? 'Autour de moi' : e[k];
      });
    }
    /* The result heading says what was found, or why not. After a search asked for (not
       while typing), focus goes there and it scrolls into view: on a phone the results
       start below the form. While typing, a polite live region says it instead. */
    function dire(html, fin) {
      etat.innerHTML = html;
      etat.hidden = !html;
      if (fin && viser && html) {
        viser = false;
        annonce.textContent = '';
        etat.focus({ preventScroll: true });
        etat.scrollIntoView({ block: 'start' });
      } else annonce.textContent = fin ? etat.textContent : '';
    }
    function lien(e, texte) { return '<a href="' + BASE + 'recherche/' + esc(qs(e)) + '" data-r>' + texte + '</a>'; }

    /* A search is one history entry: typing (vivant) pushes once, then replaces; a submit,
       a chosen place or a changed filter closes the entry. A submit, a chosen place or a
       link takes the focus to the results; typing and a changed filter leave it (calme). */
    function aller(e, vivant, calme) {
      adresse(BASE + 'recherche/' + qs(e), !brouillon, vivant);
      brouillon = !!vivant;
      montres = PAGE;
      viser = !vivant && !calme;
      return chercher(e);
    }

    /* The address to write (u) and how (p: a new entry). While typing it waits for the
       frame (apres); pending, a later one replaces it, as replaceState would. */
    var adr = null;
    function adresse(u, p, tard) {
      if (adr && p) ecrire();
      if (u === (adr ? adr.u : location.pathname + location.search)) return;
      if (!adr) apres(ecrire);
      adr = { u: u, p: p || adr && adr.p };
      if (!tard) ecrire();
    }
    function ecrire() {
      if (adr) history[adr.p ? 'pushState' : 'replaceState'](null, '', adr.u);
      adr = null;
    }

    function chercher(e) {
      var n = ++tour;
      if (!e.ou && !e.quoi && !e.cat && !e.secteur && !e.rome) { zone.innerHTML = ''; loin.innerHTML = ''; aide.hidden = true; dire(''); return Promise.resolve(); }
      return manifeste(form).then(function (m) {
        /* Words, in a small catalogue: their shards; offline without them, the whole part
           (kept by the worker after the first results). */
        var mots = m.q && !complet && motsDe(e.quoi).length ? quoiPour(e).catch(function () { return lexique(form); }) : lexique(form);
        return Promise.all([mots, e.ou && e.ou !== MOI ? gazPour(e.ou, form) : 0]);
      }).then(function () {
        if (n !== tour) return;
        var P = null, ici = '';
        if (e.ou === MOI) {
          if (point(e.pos)) position = point(e.pos);
          if (!position) { zone.innerHTML = ''; loin.innerHTML = ''; dire('Touchez « Autour de moi » pour chercher autour de votre position.', true); return; }
          P = position; ici = 'de votre position';
        } else if (e.ou) {
          var g = localiser(e.ou);
          if (!g) {
            var s = suggerer(e.ou.slice(0, 4), 5);
            zone.innerHTML = ''; loin.innerHTML = '';
            dire('Aucune commune, localité ou code postal ne correspond à « ' + esc(e.ou) + ' ».' + (horsWallonie(e.ou) ?
              ' cisp.be ne couvre que la Wallonie : les CISP sont des centres wallons. Tapez une commune ou un code postal de Wallonie (par exemple : Namur ou 5000).' : '') +
              (s.length ? ' Vouliez-vous dire : ' + s.map(function (x) { return lien(Object.assign({}, e, { ou: valeurOu(x) }), esc(x.label)); }).join(', ') + ' ?' : ''), true);
            return;
          }
          P = g; ici = esc(deNom(nomLieu(g)));
          apres(function () { garderOu(valeurOu(g)); });
        }
        var Q = requete(e), R = P ? e.rayon : Infinity;
        return calculer(n, e, Q, P, R, ici);
      }).catch(function () {
        if (n === tour) dire(navigator.onLine === false ? 'Pas de connexion : cette zone n’a pas encore été téléchargée. Réessayez quand vous aurez du réseau.' : 'La recherche n’a pas pu charger ses données. Réessayez dans un instant.', true);
      });
    }

    function calculer(n, e, Q, P, R, ici) {
      var cands = plan(P, R, Q), i = 0, meilleurs = [];
      function vague() {
        var j = i++;
        /* The first wave: the parts at distance 0 (at most 4); then 3 more, or fewer when
           enough of the best rank is read: only the parts that may hold a nearer one. */
        var k = meilleurs.length >= montres ? meilleurs[montres - 1].km : -1;
        var utile = function (c) { return j ? k < 0 || (!c.z && c.d <= k) : c.d === 0; };
        while (i < cands.length && i - j < (j ? 3 : 4) && utile(cands[i])) i++;
        return charger(cands.slice(0, i)).then(function (L) {
          if (n !== tour) return;
          var res = evaluer(L, P, R, Q), fr = front(cands, i), fini = i >= cands.length;
          meilleurs = res.filter(function (r) { return r.rang === 0; });
          /* Sure: nothing unread can come before. An unread part may hold a better rank
             (not only a nearer track), so below the best rank only once all is read. */
          var surs = res.filter(function (r) { return fini || (r.rang === 0 && r.km <= fr); });
          if (surs.length < montres && i < cands.length) return vague();
          dernier = { e: e, Q: Q, P: P, R: R, ici: ici, res: surs, complet: i >= cands.length, plus: function () { montres += PAGE; return surs.length >= montres || i >= cands.length ? afficher() : vague(); } };
          return afficher();
        });
      }
      if (!cands.length) { dernier = { e: e, Q: Q, P: P, R: R, ici: ici, res: [], complet: true }; return afficher(); }
      return vague();
    }

    function afficher() {
      var x = dernier, res = x.res, e = x.e, nb = res.length;
      var quoi = e.quoi ? ' pour « ' + esc(e.quoi) + ' »' : '';
      var ign = x.Q.ign.length ? ' <span class="nb">(mot' + (x.Q.ign.length > 1 ? 's' : '') + ' non trouvé' + (x.Q.ign.length > 1 ? 's' : '') + ' : ' + esc(x.Q.ign.join(', ')) + ')</span>' : '';
      var ou = x.P ? ' à moins de ' + x.R + ' km ' + x.ici : ' en Wallonie';
      suggerees(x);
      /* No track named by the words within the radius: the nearest beyond it, first. */
      var auDela = x.P && x.complet && !res.some(function (r) { return r.rang === 0; });
      if (!auDela) loin.innerHTML = '';
      if (!nb) {
        zone.innerHTML = '';
        dire('Aucune formation' + quoi + ou + '.' + ign, !auDela);
        return Promise.all([elargir(x), auDela ? plusLoin(x) : 0]);
      }
      dire((x.complet ? pluriel(nb, 'formation') : 'Plus de ' + pluriel(nb, 'formation')) + quoi + ou + '.' + ign, !auDela);
      poser(res.slice(0, montres).map(function (r) { return carte(r, 2); }), nb > montres || !x.complet);
      apres(garder);
      apres(toutGarder);
      return auDela ? plusLoin(x) : 0;
    }

    /* The result cards, as markup: a card whose markup did not change keeps its element
       (not parsed, not laid out again), the new ones are parsed together. The next letter
       of a word often finds the same tracks: then only the heading changes. */
    var gabarit = d.createElement('template');
    function poser(html, plus) {
      var ol = zone.querySelector('ol'), avant = {}, neufs = gabarit.content.children;
      if (!ol) { zone.innerHTML = '<ol class="cartes r-cartes"></ol>'; ol = zone.firstChild; }
      for (var li of ol.children) avant[li.h] = li;
      gabarit.innerHTML = html.filter(function (h) { return !avant[h]; }).join('');
      /* Taken in order: each one leaves the template as it goes into the list. */
      html.forEach(function (h, i) {
        li = avant[h] || neufs[0];
        if (li && ol.children[i] !== li) ol.insertBefore(li, ol.children[i]);
        if (li) li.h = h;
      });
      while (ol.children[html.length]) ol.lastChild.remove();
      var b = $('r-plus');
      if (b) b.parentNode.remove();
      if (plus) zone.insertAdjacentHTML('beforeend', '<p><button type="button" class="bouton secondaire" id="r-plus">Voir plus de formations</button></p>');
    }

    /* « Vouliez-vous dire… » for the words read as another (a typo): a link to the
       search with that word. */
    function suggerees(x) {
      var c = x.Q.corr, e = x.e;
      aide.hidden = !c.length;
      if (!c.length) { aide.innerHTML = ''; return; }
      var mots = fold(e.quoi).split(' ');
      c.forEach(function (k) { var i = mots.indexOf(k.mot); if (i >= 0) mots[i] = k.par; });
      var q = mots.join(' ');
      aide.innerHTML = 'Vouliez-vous dire : ' + lien(Object.assign({}, e, { quoi: q }), '« ' + esc(q) + ' »') + ' ?';
    }

    /* The nearest matching tracks beyond the radius, of the best rank found: the page
       reads the parts beyond, nearest first, until LOIN of them are sure. */
    function plusLoin(x) {
      var n = tour, cands = plan(x.P, Infinity, x.Q), i = 0, lu = 0;
      function vague() {
        var j = i;
        while (i < cands.length && (i === j || cands[i].d === cands[j].d || i - j < 3)) { lu += parts[cands[i].p.f] ? 0 : cands[i].p.o; i++; }
        return charger(cands.slice(0, i)).then(function (L) {
          if (n !== tour) return;
          var fr = front(cands, i);
          var res = evaluer(L, x.P, Infinity, x.Q).filter(function (r) { return r.km > x.R; });
          var tete = res.filter(function (r) { return r.rang === 0 && r.km <= fr; });
          if (tete.length < LOIN && i < cands.length && lu < 300000) return vague();
          /* Only better than what the radius has: else the widenings say enough. */
          var min = res.reduce(function (m, r) { return Math.min(m, r.rang); }, 9), dedans = x.res.reduce(function (m, r) { return Math.min(m, r.rang); }, 9);
          montrerLoin(x, min >= dedans ? [] : tete.length ? tete : res.filter(function (r) { return r.rang === min; }).sort(function (a, b) { return a.km - b.km; }));
        });
      }
      return vague().catch(function () { if (n === tour) montrerLoin(x, []); });
    }
    function montrerLoin(x, res) {
      var e = x.e, quoi = e.quoi ? ' « ' + esc(e.quoi) + ' »' : '';
      res = res.slice(0, LOIN);
      loin.innerHTML = res.length ? '<h2 id="r-loin-titre">' + (x.res.length ? 'Aucune formation' + quoi + ' dans son titre à moins de ' + x.R + ' km. Les plus proches :' : 'Les plus proches, au-delà de ' + x.R + ' km :') +
        '</h2><ol class="cartes r-cartes" aria-labelledby="r-loin-titre">' + res.map(function (r) { return carte(r, 3); }).join('') + '</ol>' : '';
      dire(etat.innerHTML, true);
    }

    function carte(r, niveau) {
      var t = r.t, c = B.cat[t.cat], de = maintenant(), s = t.se.filter(function (v) { return v >= de; })[0];
      var et = [t.d & 1 ? '<abbr title="démarche de formation et d’insertion">DéFi</abbr>' : '<abbr title="entreprise de formation par le travail">EFT</abbr>'];
      if (t.d & 2) et.push('avec stage');
      if (t.d & 4) et.push('le soir');
      if (t.d & 8) et.push('temps partiel');
      var gps = dernier.P === position, proche = r.lieux[0].l, url = BASE + 'formations/' + esc(t.id) + '/';
      var lieux = r.lieux.slice(0, 3).map(function (x) {
        var l = x.l, cn = l.cn;
        return '<li><a href="' + BASE + 'lieux/' + esc(l.id) + '/">' + esc(l.n) + '</a> — ' + esc(l.cp + ' ' + (l.loc ? l.loc + ' (' + cn + ')' : cn)) +
          (dernier.P ? ' — <strong>' + kmCarte(x.km, gps, x.l.ap).replace(' à vol d’oiseau', '') + '</strong>' : '') + '</li>';
      }).join('');
      /* The next session is the card's call to action, with its calendar file (the .ics
         of the track page, src/site/urls.rs seance_ics). */
      var jour = s === undefined ? null : new Date(B.j0.getFullYear(), B.j0.getMonth(), B.j0.getDate() + Math.floor(s / 1440));
      var ics = jour && url + 'seance-' + jour.getFullYear() + '-' + deux(jour.getMonth() + 1) + '-' + deux(jour.getDate()) + '-' + deux(Math.floor(s % 1440 / 60)) + 'h' + deux(s % 60) + '.ics';
      return '<li class="carte cat-' + c + '" data-rang="' + r.rang + '" data-km="' + r.km.toFixed(3) + '" data-rome="' + t.r.map(function (i) { return B.rome[i]; }).join(' ') +
        '" data-cp="' + r.lieux.map(function (x) { return x.l.cp; }).join(' ') + '">' +
        (dernier.P ? '<p class="distance">' + kmCarte(r.km, gps, proche.ap) + '</p>' : '') +
        '<h' + niveau + '><a href="' + url + '">' + esc(B.titres[t.ti]) + '</a></h' + niveau + '>' +
        (r.rang ? '<p class="r-proche">Proche de votre recherche : ' + POURQUOI[r.rang] + '</p>' : '') +
        '<p class="cat">' + esc(NOMS[c] || '') + ' — ' + esc(NOMS[B.sect[t.s]] || '') + '</p>' +
        '<p>' + esc(t.ce) + ' · ' + et.join(' · ') + '</p>' +
        '<ul class="r-lieux">' + lieux + '</ul>' +
        (r.lieux.length > 3 ? '<p class="nb">et ' + pluriel(r.lieux.length - 3, 'autre lieu', 'autres lieux') + '</p>' : '') +
        (proche.g ? '<p class="gare">Gare ' + esc(deNom(proche.g)) + ' à environ ' + proche.marche + ' min à pied</p>' : '') +
        (jour ? '<p class="prochaine"><a href="' + url + '#t-seances">Séance d’information : ' + seanceTexte(s) + '</a></p><p class="r-agenda"><a href="' + ics + '" download>Ajouter à mon agenda</a></p>'
          : '<p class="prochaine"><span>Séance d’information : <a href="' + url + '#t-contact">sur rendez-vous, appelez le centre</a></span></p>') + '</li>';
    }

    /* Nothing found: compute the widenings that would find something. */
    function elargir(x) {
      var e = x.e, essais = [], n = tour;
      var compter = function (v) {
        var Q = requete(v), R = x.P ? v.rayon : Infinity, c = plan(x.P, R, Q);
        if (c.reduce(function (s, k) { return s + (parts[k.p.f] ? 0 : k.p.o); }, 0) > 200000) return Promise.resolve(0);
        return charger(c).then(function (L) { return evaluer(L, x.P, R, Q).length; });
      };
      var essai = function (v, texte) { essais.push(compter(v).then(function (k) { return k ? '<li>' + lien(v, pluriel(k, 'formation') + ' ' + texte) + '</li>' : ''; })); };
      var v = function (m) { return Object.assign({}, e, m); };
      if (x.P) {
        var r = RAYONS.filter(function (k) { return k > e.rayon; });
        if (r.length) essai(v({ rayon: r[0] }), 'à moins de ' + r[0] + ' km');
        if (r.length > 1) essai(v({ rayon: r[r.length - 1] }), 'à moins de ' + r[r.length - 1] + ' km');
      }
      if (e.cat) B.cat.forEach(function (c) { if (c !== e.cat) essai(v({ cat: c }), 'en « ' + esc(NOMS[c]) + ' »'); });
      if (e.quoi && x.Q.mask && x.Q.mots.length) {
        B.sect.forEach(function (s, i) { if (x.Q.mask & (1 << i) && NOMS[s]) essai(v({ quoi: '', secteur: s }), 'du thème « ' + esc(NOMS[s]) + ' »'); });
      }
      var noms = { secteur: 'le thème', rome: 'le code métier', methode: 'la méthode', seance: 'la séance d’information', stage: '« avec un stage »', soir: '« le soir »', partiel: '« à temps partiel »', quoi: '« ' + esc(e.quoi) + ' »' };
      Object.keys(noms).forEach(function (k) { if (e[k]) { var m = {}; m[k] = ''; essai(v(m), 'sans ' + noms[k]); } });
      return Promise.all(essais).then(function (l) {
        if (n !== tour) return;
        l = l.filter(Boolean).slice(0, 5);
        zone.innerHTML = l.length ? '<h2>Élargir la recherche</h2><ul class="liens r-elargir">' + l.join('') + '</ul>' :
          '<p>Essayez une autre commune, ou voyez <a href="' + BASE + 'formations/">toutes les formations</a>.</p>';
      });
    }

    function soumettre(vivant, calme) { return aller(lire(), vivant, calme); }
    form.addEventListener('submit', function (ev) { ev.preventDefault(); soumettre(); });
    combo(ou, form, function () { soumettre(); });
    quoi.addEventListener('input', function () { var e = lire(); if (e.ou) aller(e, true); });
    form.addEventListener('change', function (ev) { if (ev.target !== ou && ev.target !== quoi && lire().ou) soumettre(false, true); });
    zone.addEventListener('click', function (ev) {
      if (ev.target.id === 'r-plus' && dernier) { ev.target.disabled = true; dernier.plus(); }
    });
    d.addEventListener('click', function (ev) {
      var a = ev.target.closest && ev.target.closest('a[data-r]');
      if (!a || ev.ctrlKey || ev.metaKey || ev.shiftKey) return;
      ev.preventDefault();
      var e = etatDe(a.search);
      remplir(e);
      aller(e);
    });
    w.addEventListener('popstate', function () { adr = null; var e = etatDe(location.search); remplir(e); montres = PAGE; brouillon = false; viser = false; chercher(e); });
    function geo() {
      dire('Recherche de votre position…');
      navigator.geolocation.getCurrentPosition(function (p) {
        // Rounded as the URL keeps it: a reload finds the very same results.
        position = point(texteDe({ x: p.coords.longitude, y: p.coords.latitude }));
        ou.value = 'Autour de moi';
        aller(Object.assign(lire(), { ou: MOI }));
      }, function () {
        viser = true;
        dire('Votre position n’est pas disponible. Tapez votre commune ou votre code postal.', true);
      }, { timeout: 15000, maximumAge: 300000 });
    }
    moi.addEventListener('click', geo);

    var e0 = etatDe(location.search);
    remplir(e0);
    // Arriving with a query (the home page's box, a shared link, a reload): the results
    // are below the form, so they take the focus as after « Chercher ».
    viser = !!(e0.ou || e0.quoi || e0.cat || e0.secteur || e0.rome);
    if (location.hash === '#' + MOI && navigator.geolocation) {
      history.replaceState(null, '', BASE + 'recherche/' + qs(e0));
      geo();
    } else chercher(e0);
    travailleur();
  }

  var f = d.getElementById('r-form');
  if (f) page(f);
  else {
    [].forEach.call(d.querySelectorAll('form.recherche'), accueil);
    travailleur();
  }
})();
