/* cisp.be — tools for advisers, progressive: every page works without this script.
   - fiche: print, copy the link;
   - « Ajouter à ma sélection »: a shortlist kept in this browser only (localStorage);
   - /comparer/: the shortlist, and up to three tracks side by side (?f=a,b,c), read from
     their printable fiches (same origin, no third party);
   - /metiers/: filter job titles → ROME codes (JSON fetched on first use).
   No inline style, no eval, no innerHTML with data: a strict CSP (default-src 'self') holds. */
(function () {
  'use strict';

  var CLE = 'cisp.selection';
  var MAX_SELECTION = 30;
  var MAX_COMPARAISON = 3;
  var SLUG = /^[a-z0-9][a-z0-9-]{0,99}$/;
  /* The site's root path, « / » or « /cisp/ » under a sub-path: this script is <root>static/… */
  var BASE = document.currentScript ? new URL(document.currentScript.src, location.href).pathname.replace(/static\/[^\/]*$/, '') : '/';

  function $(sel, root) { return (root || document).querySelector(sel); }
  function $$(sel, root) { return Array.prototype.slice.call((root || document).querySelectorAll(sel)); }
  function el(tag, texte, classe) {
    var e = document.createElement(tag);
    if (texte != null) { e.textContent = texte; }
    if (classe) { e.className = classe; }
    return e;
  }
  function annoncer(texte) {
    $$('.statut').forEach(function (s) { s.textContent = ''; });
    var s = $('.statut');
    if (s) { window.setTimeout(function () { s.textContent = texte; }, 50); }
  }

  /* ---------- Shortlist (localStorage) ---------- */

  function lire() {
    try {
      var v = JSON.parse(window.localStorage.getItem(CLE) || '[]');
      return Array.isArray(v) ? v.filter(function (x) { return x && SLUG.test(x.s); }) : [];
    } catch (e) { return []; }
  }
  function ecrire(liste) {
    try { window.localStorage.setItem(CLE, JSON.stringify(liste.slice(0, MAX_SELECTION))); return true; } catch (e) { return false; }
  }
  function contient(slug) { return lire().some(function (x) { return x.s === slug; }); }
  function basculer(slug, titre) {
    var liste = lire();
    var avant = liste.length;
    liste = liste.filter(function (x) { return x.s !== slug; });
    var ajoute = liste.length === avant;
    if (ajoute) { liste.unshift({ s: slug, t: String(titre || slug).slice(0, 200) }); }
    if (!ecrire(liste)) { annoncer('Impossible de garder la sélection dans ce navigateur.'); return; }
    annoncer(ajoute ? '« ' + titre + ' » est dans votre sélection.' : '« ' + titre + ' » est retirée de votre sélection.');
  }
  function majBoutons() {
    $$('[data-selection]').forEach(function (b) {
      var dedans = contient(b.getAttribute('data-selection'));
      b.textContent = dedans ? 'Retirer de ma sélection' : 'Ajouter à ma sélection';
      b.setAttribute('aria-pressed', dedans ? 'true' : 'false');
    });
    var n = lire().length;
    $$('.lien-selection').forEach(function (a) {
      a.textContent = n ? 'Ma sélection (' + n + ')' : 'Ma sélection';
      a.hidden = false;
    });
  }
  function initSelection() {
    var boutons = $$('[data-selection]');
    if (!window.localStorage) { return; }
    boutons.forEach(function (b) {
      var slug = b.getAttribute('data-selection');
      if (!SLUG.test(slug)) {
        /* Track pages give their path: <root>formations/<slug>/ */
        var m = /\/formations\/([a-z0-9-]+)\/$/.exec(slug);
        if (!m) { return; }
        slug = m[1];
        b.setAttribute('data-selection', slug);
      }
      b.hidden = false;
      b.addEventListener('click', function () {
        basculer(slug, b.getAttribute('data-titre'));
        majBoutons();
      });
    });
    majBoutons();
  }

  /* ---------- Print and copy ---------- */

  function copier(texte) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(texte);
    }
    return new Promise(function (ok, ko) {
      var t = el('textarea', texte);
      t.setAttribute('readonly', '');
      t.className = 'hors-ecran';
      document.body.appendChild(t);
      t.select();
      var reussi = false;
      try { reussi = document.execCommand('copy'); } catch (e) { reussi = false; }
      document.body.removeChild(t);
      if (reussi) { ok(); } else { ko(new Error('copie refusée')); }
    });
  }
  function initActions() {
    $$('[data-action="imprimer"]').forEach(function (b) {
      if (typeof window.print !== 'function') { return; }
      b.hidden = false;
      b.addEventListener('click', function () { window.print(); });
    });
    $$('[data-action="copier"]').forEach(function (b) {
      b.hidden = !b.getAttribute('data-lien');
      b.addEventListener('click', function () {
        var lien = b.getAttribute('data-lien');
        copier(lien).then(
          function () { annoncer('Lien copié : ' + lien); },
          function () { annoncer('Copie impossible : sélectionnez le lien et copiez-le à la main : ' + lien); }
        );
      });
    });
  }

  /* ---------- /comparer/ ---------- */

  var CHAMPS = [
    ['centre', 'Centre'],
    ['communes', 'Où'],
    ['seance', "Prochaine séance d'information"],
    ['duree', 'Durée'],
    ['horaire', 'Horaire'],
    ['entree', 'Entrée'],
    ['stage', 'Stage'],
    ['certification', 'À la fin'],
    ['methode', 'Méthode'],
    ['public', 'Pour qui ?'],
    ['metiers', 'Métiers visés'],
    ['telephone', 'Téléphone']
  ];

  function slugsDemandes() {
    var f = new URLSearchParams(window.location.search).get('f') || '';
    var vus = {};
    return f.split(',').map(function (s) { return s.trim(); }).filter(function (s) {
      if (!SLUG.test(s) || vus[s]) { return false; }
      vus[s] = true;
      return true;
    }).slice(0, MAX_COMPARAISON);
  }

  /* Text of an element as read aloud: line breaks and paragraphs become separators. */
  function lecture(noeud) {
    if (noeud.nodeType === 3) { return noeud.nodeValue; }
    if (noeud.nodeType !== 1) { return ''; }
    if (noeud.nodeName === 'BR') { return ', '; }
    var t = '';
    for (var i = 0; i < noeud.childNodes.length; i++) { t += lecture(noeud.childNodes[i]); }
    return /^(P|LI|DIV)$/.test(noeud.nodeName) ? t + ' — ' : t;
  }
  function texteDe(doc, champ) {
    var e = doc.querySelector('[data-champ="' + champ + '"]');
    if (!e) { return ''; }
    if (champ === 'seance') {
      var premiere = e.querySelector('li');
      if (premiere) { e = premiere; }
    }
    return lecture(e).replace(/\s+/g, ' ').split(' — ').map(function (p) { return p.replace(/^[\s,]+|[\s,]+$/g, ''); })
      .filter(Boolean).join(' — ');
  }

  function chargerFiche(slug) {
    var url = BASE + 'formations/' + slug + '/fiche/';
    return fetch(url, { credentials: 'same-origin' }).then(function (r) {
      if (!r.ok) { throw new Error(String(r.status)); }
      return r.text();
    }).then(function (html) {
      var doc = new DOMParser().parseFromString(html, 'text/html');
      var fiche = { slug: slug, url: BASE + 'formations/' + slug + '/', fiche: url, titre: texteDe(doc, 'titre') || slug };
      CHAMPS.forEach(function (c) { fiche[c[0]] = texteDe(doc, c[0]); });
      return fiche;
    }).catch(function () { return { slug: slug, absente: true }; });
  }

  function dessinerComparaison(section, fiches) {
    var table = $('table', section);
    var tete = $('thead tr', table);
    var corps = $('tbody', table);
    while (tete.children.length > 1) { tete.removeChild(tete.lastChild); }
    while (corps.firstChild) { corps.removeChild(corps.firstChild); }
    fiches.forEach(function (f) {
      var th = el('th');
      th.setAttribute('scope', 'col');
      if (f.absente) {
        th.textContent = 'Formation introuvable (' + f.slug + ')';
      } else {
        var a = el('a', f.titre);
        a.href = f.url;
        th.appendChild(a);
        th.appendChild(document.createElement('br'));
        var fi = el('a', 'fiche à imprimer', 'petit');
        fi.href = f.fiche;
        th.appendChild(fi);
      }
      tete.appendChild(th);
    });
    CHAMPS.forEach(function (c) {
      var tr = el('tr');
      var th = el('th', c[1]);
      th.setAttribute('scope', 'row');
      tr.appendChild(th);
      fiches.forEach(function (f) { tr.appendChild(el('td', f.absente ? '—' : (f[c[0]] || '—'))); });
      corps.appendChild(tr);
    });
    var adresse = window.location.origin + BASE + 'comparer/?f=' + fiches.map(function (f) { return f.slug; }).join(',');
    var lien = $('.lien-partage', section);
    lien.href = adresse;
    lien.textContent = adresse;
    var copie = $('[data-action="copier"]', section);
    if (copie) { copie.setAttribute('data-lien', adresse); copie.hidden = false; }
    section.hidden = false;
  }

  function dessinerSelection(section, demandes) {
    var liste = lire();
    var ul = $('.liste-selection', section);
    while (ul.firstChild) { ul.removeChild(ul.firstChild); }
    $('.selection-vide', section).hidden = liste.length > 0;
    $('.form-comparer', section).hidden = liste.length === 0;
    liste.forEach(function (x, i) {
      var li = el('li');
      var id = 'sel-' + i;
      var box = el('input');
      box.type = 'checkbox';
      box.id = id;
      box.value = x.s;
      box.checked = demandes.indexOf(x.s) >= 0 || (demandes.length === 0 && i < MAX_COMPARAISON);
      var label = el('label', x.t);
      label.htmlFor = id;
      var lien = el('a', 'voir', 'petit');
      lien.href = BASE + 'formations/' + x.s + '/';
      lien.setAttribute('aria-label', 'Voir « ' + x.t + ' »');
      var retirer = el('button', 'Retirer', 'bouton-texte');
      retirer.type = 'button';
      retirer.setAttribute('aria-label', 'Retirer « ' + x.t + ' » de ma sélection');
      retirer.addEventListener('click', function () {
        basculer(x.s, x.t);
        dessinerSelection(section, demandes);
      });
      li.appendChild(box);
      li.appendChild(label);
      li.appendChild(document.createTextNode(' '));
      li.appendChild(lien);
      li.appendChild(document.createTextNode(' '));
      li.appendChild(retirer);
      ul.appendChild(li);
    });
    section.hidden = false;
  }

  function initComparer() {
    var comparaison = $('#comparaison');
    var selection = $('#selection');
    if (!comparaison || !selection) { return; }
    $$('.sans-js').forEach(function (e) { e.hidden = true; });
    var demandes = slugsDemandes();
    dessinerSelection(selection, demandes);
    var form = $('.form-comparer', selection);
    form.addEventListener('submit', function (ev) {
      ev.preventDefault();
      var choisis = $$('input[type="checkbox"]:checked', form).map(function (b) { return b.value; });
      if (choisis.length === 0) { annoncer('Cochez au moins une formation.'); return; }
      if (choisis.length > MAX_COMPARAISON) { annoncer('Cochez au plus ' + MAX_COMPARAISON + ' formations.'); return; }
      window.location.search = '?f=' + choisis.join(',');
    });
    var vider = $('[data-action="vider"]', selection);
    vider.addEventListener('click', function () {
      ecrire([]);
      dessinerSelection(selection, demandes);
      annoncer('Votre sélection est vide.');
    });
    if (demandes.length) {
      annoncer('Chargement de la comparaison…');
      Promise.all(demandes.map(chargerFiche)).then(function (fiches) {
        dessinerComparaison(comparaison, fiches);
        annoncer('Comparaison de ' + fiches.length + ' formation' + (fiches.length > 1 ? 's' : '') + '.');
      });
    }
  }

  /* ---------- /metiers/: job titles → codes ---------- */

  function plier(t) {
    return String(t).normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase()
      .replace(/œ/g, 'oe').replace(/æ/g, 'ae').replace(/[^a-z0-9]+/g, ' ').trim();
  }

  function initFiltreMetiers() {
    var form = $('.filtre-metiers');
    if (!form || !window.fetch) { return; }
    var source = form.getAttribute('data-source');
    var champ = $('input', form);
    var resultats = $('.resultats-metiers', form);
    var donnees = null;
    var attente = null;
    form.hidden = false;
    form.addEventListener('submit', function (ev) { ev.preventDefault(); });

    function charger() {
      if (!attente) {
        attente = fetch(source).then(function (r) { return r.json(); }).then(function (items) {
          donnees = items.map(function (x) {
            return { c: x.c, l: x.l, u: x.u, n: x.n, a: x.a, pl: plier(x.c + ' ' + x.l), pa: x.a.map(plier) };
          });
          return donnees;
        });
      }
      return attente;
    }

    function filtrer() {
      var q = plier(champ.value);
      while (resultats.firstChild) { resultats.removeChild(resultats.firstChild); }
      if (q.length < 2) { annoncer(''); return; }
      var mots = q.split(' ');
      var ok = function (t) { return mots.every(function (m) { return t.indexOf(m) >= 0; }); };
      var trouves = [];
      donnees.forEach(function (x) {
        var titres = [];
        x.pa.forEach(function (p, i) { if (ok(p)) { titres.push(x.a[i]); } });
        if (titres.length || ok(x.pl)) { trouves.push({ x: x, titres: titres }); }
      });
      trouves.slice(0, 40).forEach(function (t) {
        var li = el('li');
        var a = el('a');
        a.href = t.x.u;
        a.appendChild(el('span', t.x.c, 'code'));
        a.appendChild(document.createTextNode(' ' + t.x.l + ' (' + t.x.n + ' formation' + (t.x.n > 1 ? 's' : '') + ')'));
        li.appendChild(a);
        if (t.titres.length) {
          li.appendChild(el('span', ' — ' + t.titres.slice(0, 4).join(' ; ') + (t.titres.length > 4 ? ' ; …' : ''), 'nb'));
        }
        resultats.appendChild(li);
      });
      annoncer(trouves.length === 0
        ? 'Aucun code avec une formation CISP pour « ' + champ.value + ' ».'
        : trouves.length + ' code' + (trouves.length > 1 ? 's' : '') + ' trouvé' + (trouves.length > 1 ? 's' : '') + '.');
    }

    var minuterie = null;
    champ.addEventListener('input', function () {
      window.clearTimeout(minuterie);
      minuterie = window.setTimeout(function () {
        charger().then(filtrer, function () { annoncer('La liste des métiers n\u2019a pas pu être chargée.'); });
      }, 150);
    });
    champ.addEventListener('focus', function () { charger().catch(function () {}); }, { once: true });
  }

  function init() {
    initActions();
    initSelection();
    initComparer();
    initFiltreMetiers();
  }
  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', init);
  } else {
    init();
  }
})();
