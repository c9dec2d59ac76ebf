/* geomap map: the console's shared state — filters, the URL hash, downloads, the first view.
 *
 * GeomapConsole.start(map, spec, countries, options) is called by the page once Leaflet's
 * map exists. It keeps one state (event types shown, mentions, date range, undated
 * toggle, filter text, base layer), works out which events it shows and tells the parts
 * (layers.js, feed.js, timeline.js) to redraw. Every string from an article is data:
 * it reaches the page through esc() or textContent, never as markup.
 */
(function () {
  "use strict";
  const G = (window.GeomapConsole = window.GeomapConsole || {});
  const DAY_MS = 86400000;
  const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
  const ESC = {
    "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;",
    "`": "&#96;", $: "&#36;", "\\": "&#92;",
  };

  /** Text escaped for HTML (and for any JavaScript string it may end up in). */
  G.esc = function (text) {
    return String(text).replace(/[&<>"'`$\\]/g, (c) => ESC[c]);
  };
  /** The URL when it is http(s) and has no character that could leave an attribute. */
  G.safeUrl = function (u) {
    return /^https?:\/\/[^\s"'<>`\\]+$/i.test(u) ? u : null;
  };
  /** ISO date (YYYY-MM-DD) of a day number (days since 1970-01-01). */
  G.isoDay = function (day) {
    return new Date(day * DAY_MS).toISOString().slice(0, 10);
  };
  /** Day number of an ISO date YYYY-MM-DD, or null. */
  G.dayOf = function (iso) {
    if (typeof iso !== "string" || !/^\d{4}-\d{2}-\d{2}$/.test(iso)) { return null; }
    const t = Date.parse(iso + "T00:00:00Z");
    return Number.isFinite(t) ? Math.round(t / DAY_MS) : null;
  };
  /**
   * A panel of the page and the elements inside it, found by their data-geomap names.
   * @param {string} panel the panel's data-geomap name ("feed", "timeline")
   * @param {object} names for each key, the data-geomap name of an element in the panel
   * @returns {object} the panel as root, and each element under its key
   */
  G.parts = function (panel, names) {
    const root = document.querySelector(`[data-geomap=${panel}]`);
    const out = {root: root};
    Object.keys(names).forEach((k) => { out[k] = root.querySelector(`[data-geomap=${names[k]}]`); });
    return out;
  };
  /** A date as written at its precision: "2020-10-23", "Oct 2020", "2020". */
  function oneDate(iso) {
    const p = iso.split("-");
    if (p.length === 2) { return MONTHS[parseInt(p[1], 10) - 1] + " " + p[0]; }
    return iso;
  }
  /**
   * A date label at its precision: "2020-10-23", "Oct 2020", "2020-10-12 – 2020-10-18".
   * @param {string} date ISO date truncated to its precision ("" when unknown)
   * @param {string} end ISO end date, or ""
   * @param {string} precision day, week, month or year
   * @returns {string} plain text (to be escaped or set as textContent)
   */
  G.dateLabel = function (date, end, precision) {
    if (!date) { return "date unknown"; }
    if (end && end !== date) { return oneDate(date) + " – " + oneDate(end); }
    if (precision === "week" && date.length === 10) {
      return date + " – " + G.isoDay(G.dayOf(date) + 6);
    }
    return oneDate(date);
  };

  /**
   * Start the console on a Leaflet map.
   * @param {L.Map} map the page's map
   * @param {object} spec the data (see geomap/render/spec.py)
   * @param {object|null} countries offline country outlines (GeoJSON) or null
   * @param {object} options trusted credits for the map's corner (options.attribution)
   * @returns {object} the console (also window.geomap's internals)
   */
  G.start = function (map, spec, countries, options) {
    const E = spec.events;
    const S = spec.strings;
    const app = {map: map, spec: spec, countries: countries, options: options};
    app.str = (i) => (i >= 0 ? S[i] : "");
    app.typeKeys = spec.types.map((t) => t.key);
    app.state = {
      types: new Set(app.typeKeys), mentions: false, heat: false, base: 0,
      from: null, to: null, undated: true, q: "",
    };
    app.baseMask = new Uint8Array(E.length);  // passes types and filter text
    app.shownMask = new Uint8Array(E.length);  // ... and the date range
    app.shown = [];
    app.listeners = [];
    app.label = (i) => {
      const ev = E[i];
      return G.dateLabel(app.str(ev[12]), app.str(ev[13]), app.str(ev[14]));
    };

    let haystacks = null;
    function haystack(i) {
      if (!haystacks) { haystacks = new Array(E.length); }
      let h = haystacks[i];
      if (h === undefined) {
        const ev = E[i];
        const parts = [ev[4], ev[5], ev[16], ev[17], ev[20]].map(app.str);
        ev[21].forEach((k) => { const src = spec.sources[k]; parts.push(app.str(src[1]), app.str(src[3])); });
        h = haystacks[i] = parts.join("\n").toLowerCase();
      }
      return h;
    }

    /** Work out what is shown from the state; tell every part. */
    app.refresh = function () {
      const st = app.state;
      const on = app.typeKeys.map((k) => st.types.has(k));
      const q = st.q.trim().toLowerCase();
      const from = st.from === null ? -Infinity : st.from;
      const to = st.to === null ? Infinity : st.to;
      const shown = [];
      for (let i = 0; i < E.length; i++) {
        const ev = E[i];
        const base = on[ev[2]] && (!q || haystack(i).indexOf(q) >= 0);
        app.baseMask[i] = base ? 1 : 0;
        const inTime = ev[10] === null ? st.undated : ev[10] <= to && ev[10] + ev[11] >= from;
        const show = base && inTime;
        app.shownMask[i] = show ? 1 : 0;
        if (show) { shown.push(i); }
      }
      app.shown = shown;
      app.listeners.forEach((f) => f());
      writeHash();
    };
    app.onRefresh = (f) => app.listeners.push(f);

    app.setRange = function (from, to) {
      app.state.from = from;
      app.state.to = to;
      app.refresh();
    };

    // the URL hash: map=zoom/lat/lon&from=&to=&types=&mentions=1&undated=0&q=&base=
    let hashReady = false;
    function writeHash() {
      if (!hashReady) { return; }
      const st = app.state;
      const p = new URLSearchParams();
      const c = map.getCenter();
      p.set("map", [map.getZoom(), c.lat.toFixed(4), c.lng.toFixed(4)].join("/"));
      if (st.from !== null) { p.set("from", G.isoDay(st.from)); }
      if (st.to !== null) { p.set("to", G.isoDay(st.to)); }
      if (st.types.size !== app.typeKeys.length) {
        p.set("types", app.typeKeys.filter((k) => st.types.has(k)).join(","));
      }
      if (st.mentions) { p.set("mentions", "1"); }
      if (st.heat) { p.set("heat", "1"); }
      if (!st.undated) { p.set("undated", "0"); }
      if (st.base) { p.set("base", String(st.base)); }
      if (st.q) { p.set("q", st.q); }
      const parts = [];
      p.forEach((v, k) => parts.push(k + "=" + encodeURIComponent(v).replace(/%2F/g, "/").replace(/%2C/g, ",")));
      const hash = "#" + parts.join("&");
      if (hash === location.hash) { return; }
      try {
        history.replaceState(null, "", hash);
      } catch {
        location.replace(hash);  // where history is not allowed (some file: pages)
      }
    }
    /** Read the state from the hash; untrusted text: only known keys and numbers pass. */
    function readHash() {
      const p = new URLSearchParams(location.hash.replace(/^#/, ""));
      const st = app.state;
      const view = (p.get("map") || "").split("/").map(Number);
      const keys = p.has("types") ? new Set((p.get("types") || "").split(",")) : null;
      st.types = new Set(app.typeKeys.filter((k) => keys === null || keys.has(k)));
      st.from = G.dayOf(p.get("from"));
      st.to = G.dayOf(p.get("to"));
      if (st.from !== null && st.to !== null && st.from > st.to) { st.to = st.from; }
      st.mentions = p.get("mentions") === "1";
      st.heat = p.get("heat") === "1";
      st.undated = p.get("undated") !== "0";
      const base = parseInt(p.get("base") || "0", 10);
      st.base = base >= 0 && base < 3 ? base : 0;
      st.q = (p.get("q") || "").slice(0, 200);
      if (view.length === 3 && view.every(Number.isFinite) && view[0] >= 0 && view[0] <= 18 &&
          Math.abs(view[1]) <= 90 && Math.abs(view[2]) <= 540) {
        return {zoom: view[0], center: [view[1], view[2]]};
      }
      return null;
    }
    app.readHash = readHash;

    /** The space the map's controls take on each side, to keep the events clear of them. */
    app.padding = function () {
      const box = map.getContainer().getBoundingClientRect();
      const pad = {left: 0, right: 0, top: 0, bottom: 0};
      map.getContainer().querySelectorAll(".leaflet-control").forEach((el) => {
        const r = el.getBoundingClientRect();
        if (!r.width || !r.height) { return; }
        const left = r.left + r.width / 2 < box.left + box.width / 2;
        const top = r.top + r.height / 2 < box.top + box.height / 2;
        const across = left ? r.right - box.left : box.right - r.left;
        const down = top ? r.bottom - box.top : box.bottom - r.top;
        if (across / box.width <= down / box.height) {
          if (left) { pad.left = Math.max(pad.left, across); } else { pad.right = Math.max(pad.right, across); }
        } else if (top) {
          pad.top = Math.max(pad.top, down);
        } else {
          pad.bottom = Math.max(pad.bottom, down);
        }
      });
      const margin = 26;  // half the largest cluster icon, and a little air
      return {left: pad.left + margin, right: pad.right + margin, top: pad.top + margin,
              bottom: pad.bottom + margin};
    };
    /**
     * The first view, clear of the controls: every event, or — when that is two zoom
     * levels or more further out — where most of them are (spec.view, the 10th to 90th
     * percentiles), widened to take in every event that is then in sight anyway, so that
     * no marker sits at the map's edge under a control.
     */
    app.fitEvents = function () {
      if (!spec.bounds) { map.setView([30, 20], 2, {animate: false}); return; }
      const all = L.latLngBounds(spec.bounds);
      const zoomFor = (box, pad) => map.getBoundsZoom(box, false, L.point(pad.left + pad.right, pad.top + pad.bottom));
      let pad = app.padding();
      const control = app.layersControl;
      if (control && control.isOpen()) {
        // an open layers control that costs the events a zoom level is closed (one click opens it)
        const open = zoomFor(all, pad);
        control.setOpen(false);
        const closed = app.padding();
        if (zoomFor(all, closed) > open) { pad = closed; } else { control.setOpen(true); }
      }
      let box = all;
      if (spec.view) {
        const most = L.latLngBounds(spec.view);
        if (zoomFor(most, pad) >= zoomFor(all, pad) + 2) { box = most; }
      }
      const options = {paddingTopLeft: [pad.left, pad.top], paddingBottomRight: [pad.right, pad.bottom],
                       maxZoom: 7, animate: false};
      for (let round = 0; round < 4; round++) {
        map.fitBounds(box, options);
        if (box === all) { return; }
        const seen = map.getBounds().pad(0.05);
        const s = seen.getSouth(), n = seen.getNorth(), w = seen.getWest(), e = seen.getEast();
        let south = box.getSouth(), north = box.getNorth(), west = box.getWest(), east = box.getEast();
        let grown = false;
        for (const ev of E) {
          const lat = ev[0], lon = ev[1];
          if (lat < s || lat > n || lon < w || lon > e) { continue; }
          if (lat < south || lat > north || lon < west || lon > east) {
            south = Math.min(south, lat); north = Math.max(north, lat);
            west = Math.min(west, lon); east = Math.max(east, lon);
            grown = true;
          }
        }
        if (!grown) { return; }
        box = L.latLngBounds([south, west], [north, east]);
      }
      map.fitBounds(all, options);  // did not settle: every event, then
    };

    /** The events shown, as GeoJSON features or CSV rows (made from the embedded data). */
    function record(i) {
      const ev = E[i];
      const s = app.str;
      const nul = (v) => (v === "" ? null : v);
      const sources = ev[21].map((k) => {
        const src = spec.sources[k];
        return {id: nul(s(src[0])), title: nul(s(src[1])), url: nul(s(src[2])), source: nul(s(src[3]))};
      });
      return {
        event_id: ev[22], event_type: app.typeKeys[ev[2]], sub_event_type: nul(s(ev[3])),
        name: s(ev[4]), country_code: nul(s(ev[5])), place_type: nul(s(ev[6])), lat: ev[0], lon: ev[1],
        geo_precision: ev[7], date: nul(s(ev[12])), date_end: nul(s(ev[13])),
        date_precision: nul(s(ev[14])), date_basis: nul(s(ev[15])), actor1: nul(s(ev[16])),
        actor2: nul(s(ev[17])), fatalities: ev[18] >= 0 ? ev[18] : null,
        wounded: ev[19] >= 0 ? ev[19] : null, summary: nul(s(ev[20])),
        articles: sources.map((x) => x.id).filter((x) => x !== null), sources: sources,
        confidence: ev[23] >= 0 ? ev[23] : null,
      };
    }
    const CSV_COLUMNS = ["event_id", "event_type", "sub_event_type", "name", "country_code", "place_type",
      "lat", "lon", "geo_precision", "date", "date_end", "date_precision", "date_basis", "actor1",
      "actor2", "fatalities", "wounded", "summary", "articles", "sources", "confidence"];
    function csvCell(v) {
      if (v === null || v === undefined) { return ""; }
      let t = Array.isArray(v) ? (v.length && typeof v[0] === "object" ? JSON.stringify(v) : v.join(";")) : String(v);
      if (/[",\r\n]/.test(t)) { t = '"' + t.replace(/"/g, '""') + '"'; }
      return t;
    }
    app.exportText = function (kind) {
      if (kind === "csv") {
        const lines = [CSV_COLUMNS.join(",")];
        app.shown.forEach((i) => {
          const r = record(i);
          lines.push(CSV_COLUMNS.map((c) => csvCell(r[c])).join(","));
        });
        return lines.join("\n") + "\n";
      }
      const features = app.shown.map((i) => {
        const r = record(i);
        const props = Object.assign({}, r);
        delete props.lat;
        delete props.lon;
        return {type: "Feature", id: r.event_id, geometry: {type: "Point", coordinates: [r.lon, r.lat]},
                properties: props};
      });
      return JSON.stringify({type: "FeatureCollection", features: features});
    };
    app.download = function (kind) {
      const text = app.exportText(kind);
      const type = kind === "csv" ? "text/csv" : "application/geo+json";
      const a = document.createElement("a");
      a.href = URL.createObjectURL(new Blob([text], {type: type}));
      a.download = kind === "csv" ? "events-shown.csv" : "events-shown.geojson";
      document.body.appendChild(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(a.href), 10000);
    };
    document.querySelectorAll("[data-geomap=download-geojson], [data-geomap=download-csv]").forEach((b) => {
      b.addEventListener("click", () => app.download(b.dataset.geomap === "download-csv" ? "csv" : "geojson"));
    });

    // the parts
    const view = readHash();
    if (!map.options.maxZoom) { map.setMaxZoom(18); }  // clusters need it; the outlines set none
    map.invalidateSize();
    if (options && options.attribution) {
      L.control.attribution({prefix: options.attribution}).addTo(map);
    }
    app.layers = G.layers(app);
    app.timeline = G.timeline(app);
    app.feed = G.feed(app);
    // the view first: the clusters are then made once, at the zoom they are seen at
    if (view) {
      map.setView(view.center, view.zoom, {animate: false});
    } else {
      app.fitEvents();
    }
    app.refresh();
    hashReady = true;
    writeHash();
    map.on("moveend", writeHash);
    window.addEventListener("hashchange", () => {
      const v = readHash();
      app.layers.sync();
      app.feed.sync();
      app.refresh();
      if (v) { map.setView(v.center, v.zoom, {animate: false}); }
    });

    // first draw is done when the clusters have taken every marker and two frames painted
    app.layers.whenLoaded(() => {
      requestAnimationFrame(() => requestAnimationFrame(() => { window.geomapReady = performance.now(); }));
    });

    // a small API for scripts and tests
    window.geomap = {
      app: app,
      map: map,
      drawn: () => app.layers.drawn(),
      shownIds: () => app.shown.map((i) => E[i][22]),
      feedIds: () => app.feed.ids(),
      setRange: (from, to) => app.setRange(G.dayOf(from), G.dayOf(to)),
      focus: (id) => {
        for (let i = 0; i < E.length; i++) {
          if (E[i][22] === id) { app.layers.focus(i); return true; }
        }
        return false;
      },
      find: (name) => {
        for (const i of app.shown) {
          if (app.str(E[i][4]) === name) { app.layers.focus(i); return true; }
        }
        return false;
      },
      exportText: (kind) => app.exportText(kind),
    };
    return app;
  };
})();
