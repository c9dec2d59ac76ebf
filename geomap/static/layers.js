/* geomap map: what is drawn on the map — event markers, faint areas, mentions, heat map,
 * base layers, and one compact control for layers and legend.
 *
 * Events are icon markers in one cluster group: clusters where dense at every zoom, and a
 * cluster of events stacked at one point spiderfies when clicked, so each is reachable.
 * Districts, regions and countries also get a faint outline (never a fill that hides what
 * is under it), outlined strongly on hover or selection; continents and oceans get none.
 */
(function () {
  "use strict";
  const G = (window.GeomapConsole = window.GeomapConsole || {});
  const PRECISION = {1: "town or point", 2: "district", 3: "region or province", 4: "country"};

  G.layers = function (app) {
    const map = app.map;
    const spec = app.spec;
    const E = spec.events;
    const str = app.str;
    const esc = G.esc;
    const types = spec.types;
    const canCluster = typeof L.markerClusterGroup === "function";
    const renderer = L.canvas({padding: 0.5});

    // base layers: the offline outlines first (default), online tiles only when picked
    const bases = [];
    if (app.countries) {
      bases.push(["Country outlines (offline)", L.geoJSON(app.countries, {
        interactive: false, style: {color: "#8a8a8a", weight: 0.6, fillColor: "#f2efe9", fillOpacity: 1},
      })]);
    }
    bases.push(["OpenStreetMap (online)", L.tileLayer("https://tile.openstreetmap.org/{z}/{x}/{y}.png",
      {maxZoom: 19, attribution: "&copy; OpenStreetMap contributors"})]);
    bases.push(["CARTO Positron (online)", L.tileLayer(
      "https://{s}.basemaps.cartocdn.com/light_all/{z}/{x}/{y}{r}.png",
      {maxZoom: 19, subdomains: "abcd", attribution: "&copy; OpenStreetMap contributors &copy; CARTO"})]);
    function setBase(k) {
      bases.forEach((b, j) => { if (j !== k && map.hasLayer(b[1])) { map.removeLayer(b[1]); } });
      const chosen = bases[Math.min(k, bases.length - 1)];
      chosen[1].addTo(map);
      if (chosen[1].bringToBack) { chosen[1].bringToBack(); }
      map.getContainer().classList.toggle("geomap-sea", chosen[0].indexOf("offline") >= 0);
    }
    setBase(app.state.base);

    // event markers: one icon per type (point or area), shared by its markers
    // (a CSS background each: far cheaper to draw than an SVG element per marker)
    const rules = [];
    const icons = types.map((t, k) => {
      rules.push(G.iconRule(`geomap-i${k}p`, t.key, t.color, false), G.iconRule(`geomap-i${k}a`, t.key, t.color, true));
      return {
        point: L.divIcon({className: `geomap-marker geomap-i${k}p`, html: "", iconSize: [22, 22]}),
        area: L.divIcon({className: `geomap-marker geomap-i${k}a`, html: "", iconSize: [22, 22]}),
      };
    });
    const sheet = document.createElement("style");
    sheet.textContent = rules.join("\n");
    document.head.appendChild(sheet);
    const markers = new Array(E.length);
    for (let i = 0; i < E.length; i++) {
      const ev = E[i];
      const m = L.marker([ev[0], ev[1]], {icon: ev[7] > 1 ? icons[ev[2]].area : icons[ev[2]].point,
                                          keyboard: false, title: str(ev[4])});
      m.geomapIndex = i;
      markers[i] = m;
    }
    /** Events per type under a cluster, cached on it while its child count holds (from
     * its child clusters' counts and its own markers: no walk over every marker). */
    function mix(cluster) {
      const cached = cluster.geomapMix;
      if (cached && cached.n === cluster._childCount) { return cached.counts; }
      const counts = new Array(types.length).fill(0);
      cluster._childClusters.forEach((c) => { mix(c).forEach((k, t) => { counts[t] += k; }); });
      cluster._markers.forEach((m) => { counts[E[m.geomapIndex][2]] += 1; });
      cluster.geomapMix = {n: cluster._childCount, counts: counts};
      return counts;
    }
    function clusterIcon(cluster) {
      const counts = mix(cluster);
      const total = counts.reduce((a, b) => a + b, 0) || 1;
      let at = 0;
      const stops = [];
      counts.forEach((c, t) => {
        if (!c) { return; }
        const next = at + (360 * c) / total;
        stops.push(`${types[t].color} ${at.toFixed(1)}deg ${next.toFixed(1)}deg`);
        at = next;
      });
      const n = cluster.getChildCount();
      const size = n < 10 ? 30 : n < 100 ? 34 : n < 1000 ? 40 : 46;
      return L.divIcon({
        className: "geomap-cluster",
        html: `<div style="background:conic-gradient(${stops.join(",")})"><span>${n}</span></div>`,
        iconSize: L.point(size, size),
      });
    }
    let pending = 0;
    const loadedCallbacks = [];
    function loaded() {
      if (pending > 0) { return; }
      loadedCallbacks.splice(0).forEach((f) => f());
    }
    const cluster = canCluster ? L.markerClusterGroup({
      chunkedLoading: true, chunkInterval: 1000, chunkDelay: 1,  // few, long chunks; no idling between
      chunkProgress: (done, total) => { if (done >= total) { pending = 0; loaded(); } },
      // clusters up to zoom 8 (a grid per zoom level: more levels cost first-draw time);
      // beyond, events stacked at one point are listed in their popup
      disableClusteringAtZoom: 9, spiderfyOnMaxZoom: true, showCoverageOnHover: false, maxClusterRadius: 44,
      spiderLegPolylineOptions: {weight: 1.5, color: "#222", opacity: 0.6},
      iconCreateFunction: clusterIcon,
    }) : L.featureGroup();
    const areas = L.featureGroup();
    areas.addTo(map);
    cluster.addTo(map);

    // faint areas: one shape per place (events at one place share it, so fills do not pile
    // up), made when first shown; outlined strongly on hover or selection
    const shapes = new Map();
    const byPlace = new Map();
    const FAINT = {weight: 1, opacity: 0.45, fillOpacity: 0.04, dashArray: "4 4"};
    const STRONG = {weight: 2.5, opacity: 0.95, fillOpacity: 0.08, dashArray: null};
    function shape(i) {
      let s = shapes.get(i);
      if (s !== undefined) { return s; }
      const ev = E[i];
      const place = ev[9] >= 0 ? "o" + ev[9] : ev[8] > 0 ? `${ev[0]},${ev[1]},${ev[8]}` : null;
      s = place === null ? null : byPlace.get(place);
      if (s === undefined) {
        const color = types[ev[2]].color;
        const style = Object.assign({renderer: renderer, interactive: false, color: color, fillColor: color}, FAINT);
        s = ev[9] >= 0
          ? L.geoJSON(spec.outlines[ev[9]], {renderer: renderer, interactive: false, style: () => style})
          : L.circle([ev[0], ev[1]], Object.assign({radius: ev[8]}, style));
        byPlace.set(place, s);
      }
      shapes.set(i, s);
      return s;
    }
    let strong = new Set();
    function outline(list) {
      strong.forEach((s) => s.setStyle(FAINT));
      strong = new Set(list.filter((i) => i !== null && i !== undefined).map(shape).filter((s) => s));
      strong.forEach((s) => s.setStyle(STRONG));
    }

    // popups: one shared popup, built on demand from the data (escaped)
    const popup = L.popup({maxWidth: 380, autoPanPadding: [30, 30], offset: [0, -4]});
    /** The events shown at exactly this event's point (itself included), in table order. */
    function stackOf(i) {
      const lat = E[i][0];
      const lon = E[i][1];
      const out = [];
      for (const j of app.shown) { if (E[j][0] === lat && E[j][1] === lon) { out.push(j); } }
      return out;
    }
    function stackHtml(i, stack) {
      const items = stack.map((j) => {
        const t = types[E[j][2]];
        return `<li><button type="button" data-geomap="stack-item" data-index="${j}"` +
          ` data-event-id="${esc(E[j][22])}"${j === i ? ' aria-current="true"' : ""}>` +
          `${G.icon(t.key, t.color, 14, E[j][7] > 1)} ${esc(app.label(j))} · ${esc(t.label)}</button></li>`;
      });
      return `<div class="geomap-stack" data-geomap="stack"><b>${stack.length} events here</b>` +
        `<ol>${items.join("")}</ol></div>`;
    }
    document.addEventListener("click", (e) => {
      const b = e.target.closest ? e.target.closest(".leaflet-popup [data-geomap=stack-item]") : null;
      if (b) { openPopup(parseInt(b.getAttribute("data-index"), 10)); }
    });
    function popupHtml(i) {
      const ev = E[i];
      const t = types[ev[2]];
      const sub = str(ev[3]).replace(/_/g, " ");
      const stack = stackOf(i);
      const out = [
        stack.length > 1 ? stackHtml(i, stack) : "",
        `<div class="geomap-popup-type">${G.icon(t.key, t.color, 18, ev[7] > 1)} <b>${esc(t.label)}</b>` +
          (sub ? ` · ${esc(sub)}` : "") + "</div>",
        `<div class="geomap-popup-place"><b>${esc(str(ev[4]))}</b>` +
          (ev[5] >= 0 ? ` <small>(${esc(str(ev[5]))})</small>` : "") +
          ` <small>${esc(PRECISION[ev[7]] || "")}</small></div>`,
        `<div>${esc(app.label(i))}` +
          (ev[15] >= 0 ? ` <small>(${esc(str(ev[15]))})</small>` : "") + "</div>",
      ];
      const actors = [ev[16], ev[17]].filter((a) => a >= 0).map((a) => esc(str(a)));
      if (actors.length) { out.push(`<div class="geomap-popup-actors">Actors: ${actors.join(" · ")}</div>`); }
      const counts = [];
      if (ev[18] >= 0) { counts.push(ev[18] + " killed"); }
      if (ev[19] >= 0) { counts.push(ev[19] + " wounded"); }
      if (counts.length) { out.push(`<div class="geomap-casualties">${esc(counts.join(", "))}</div>`); }
      if (ev[20] >= 0) { out.push(`<blockquote>${esc(str(ev[20]))}</blockquote>`); }
      if (ev[21].length) {
        const items = ev[21].map((k) => {
          const src = spec.sources[k];
          const title = esc(str(src[1]) || str(src[0]) || "article");
          const url = G.safeUrl(str(src[2]));
          const pub = src[3] >= 0 ? " — " + esc(str(src[3])) : "";
          return "<li>" + (url ? `<a href="${esc(url)}" target="_blank" rel="noopener noreferrer">${title}</a>`
            : title) + pub + "</li>";
        });
        out.push(`<div class="geomap-popup-sources">${ev[21].length} source${ev[21].length > 1 ? "s" : ""}:` +
                 `<ul class="geomap-sources">${items.join("")}</ul></div>`);
      }
      if (ev[23] >= 0) { out.push(`<div><small>confidence ${esc(ev[23])}</small></div>`); }
      return out.join("");
    }
    function openPopup(i) {
      popup.setLatLng(markers[i].getLatLng()).setContent(popupHtml(i)).openOn(map);
      app.selected = i;
      outline([i]);
      app.listeners.forEach((f) => f("select"));
    }
    map.on("popupclose", (e) => {
      if (e.popup === popup) { app.selected = null; outline([]); app.listeners.forEach((f) => f("select")); }
    });
    cluster.on("click", (e) => { if (e.layer && e.layer.geomapIndex !== undefined) { openPopup(e.layer.geomapIndex); } });
    cluster.on("mouseover", (e) => {
      if (e.layer && e.layer.geomapIndex !== undefined) { app.hover(e.layer.geomapIndex, "map"); }
    });
    cluster.on("mouseout", () => app.hover(null, "map"));

    /** Highlight an event (from the feed or the map): its marker, or the cluster holding it. */
    let lit = null;
    app.hover = function (i, from) {
      if (lit) { lit.classList.remove("geomap-lit"); lit = null; }
      outline(app.selected !== null && app.selected !== undefined ? [app.selected, i] : [i]);
      if (i !== null) {
        const m = markers[i];
        const shownAs = canCluster && cluster.hasLayer(m) ? cluster.getVisibleParent(m) : m;
        if (shownAs && shownAs._icon) { lit = shownAs._icon; lit.classList.add("geomap-lit"); }
      }
      if (app.feed && from === "map") { app.feed.light(i); }
    };

    /** Fly to an event and open its popup (spiderfying its cluster if it is stacked). */
    function focus(i) {
      const m = markers[i];
      map.closePopup();
      const open = () => openPopup(i);
      if (!canCluster || !cluster.hasLayer(m)) {
        map.setView(m.getLatLng(), Math.max(map.getZoom(), 8), {animate: false});
        open();
        return;
      }
      if (!map.getBounds().pad(-0.1).contains(m.getLatLng()) || map.getZoom() < 6) {
        map.setView(m.getLatLng(), Math.max(map.getZoom(), 6), {animate: false});
      }
      cluster.zoomToShowLayer(m, open);
    }

    // mentions: one overlay, off by default, made when first switched on
    let mentions = null;
    function drawMentions() {
      if (!mentions) {
        mentions = L.featureGroup();
        mentions.on("click", (e) => {
          const j = e.layer && e.layer.geomapMention;
          if (j === undefined) { return; }
          const mn = spec.mentions[j];
          L.popup({maxWidth: 360}).setLatLng(e.latlng).setContent(
            `<div><b>${esc(str(mn[3]))}</b> <small>place mention: ${esc(spec.roles[mn[2]] || "")}</small></div>` +
            `<div>${esc(str(mn[5]) || "date unknown")}</div>` +
            (mn[6] >= 0 ? `<blockquote>${esc(str(mn[6]))}</blockquote>` : "") +
            (mn[7] >= 0 ? `<div><small>article ${esc(str(mn[7]))}</small></div>` : "")).openOn(map);
        });
      }
      mentions.clearLayers();
      const st = app.state;
      spec.mentions.forEach((mn, j) => {
        const d = mn[4];
        const inTime = d === null ? st.undated : (st.from === null || d >= st.from) && (st.to === null || d <= st.to);
        if (!inTime) { return; }
        const c = L.circleMarker([mn[0], mn[1]], {renderer: renderer, radius: 4, color: "#fff", weight: 1,
                                                  fillColor: spec.mentionColor, fillOpacity: 0.8});
        c.geomapMention = j;
        mentions.addLayer(c);
      });
      if (!map.hasLayer(mentions)) { mentions.addTo(map); }
    }

    // heat map: off by default, of the events shown
    let heat = null;
    function drawHeat() {
      const pts = app.shown.map((i) => [E[i][0], E[i][1], 0.6]);
      if (!heat) { heat = L.heatLayer(pts, {radius: 18, blur: 15, minOpacity: 0.3}); } else { heat.setLatLngs(pts); }
      if (!map.hasLayer(heat)) { heat.addTo(map); }
    }

    // what is drawn follows the state
    let lastKey = null;
    function update(why) {
      if (why === "select") { return; }
      const st = app.state;
      const key = app.shown.length + ":" + app.shown.slice(0, 50).join(",") + ":" +
        app.shown.slice(-50).join(",") + ":" + hashOf(app.shown);
      if (key !== lastKey) {
        lastKey = key;
        cluster.clearLayers();
        areas.clearLayers();
        const list = app.shown.map((i) => markers[i]);
        pending = canCluster && list.length ? 1 : 0;
        cluster.addLayers(list);
        app.shown.forEach((i) => { const s = E[i][7] > 1 ? shape(i) : null; if (s && !areas.hasLayer(s)) { areas.addLayer(s); } });
        loaded();
      }
      if (st.mentions && spec.mentions.length) { drawMentions(); } else if (mentions) { map.removeLayer(mentions); }
      if (st.heat && typeof L.heatLayer === "function") { drawHeat(); } else if (heat) { map.removeLayer(heat); }
      control.sync();
    }
    function hashOf(list) {
      let h = 0;
      for (let k = 0; k < list.length; k++) { h = (h * 31 + list[k]) | 0; }
      return h;
    }
    app.onRefresh(update);

    // one compact control: layers and legend
    const control = G.layersControl(app, bases, setBase);
    app.layersControl = control;
    return {
      cluster: cluster,
      markers: markers,
      areas: areas,
      focus: focus,
      sync: () => { setBase(app.state.base); control.sync(); },
      whenLoaded: (f) => { loadedCallbacks.push(f); loaded(); },
      drawn: () => (canCluster ? cluster.getLayers().length : cluster.getLayers().length) +
        (mentions && map.hasLayer(mentions) ? mentions.getLayers().length : 0),
      popupHtml: popupHtml,
      heat: () => heat,
    };
  };

  /** The layers-and-legend control (top right): collapsed to a button on small maps. */
  G.layersControl = function (app, bases, setBase) {
    const map = app.map;
    const spec = app.spec;
    const esc = G.esc;
    const counts = new Array(spec.types.length).fill(0);
    spec.events.forEach((ev) => { counts[ev[2]] += 1; });
    const Control = L.Control.extend({
      options: {position: "topright"},
      onAdd: function () {
        const div = L.DomUtil.create("div", "geomap-layers leaflet-bar");
        div.setAttribute("data-geomap", "layers");
        L.DomEvent.disableClickPropagation(div);
        L.DomEvent.disableScrollPropagation(div);
        return div;
      },
    });
    const div = new Control().addTo(map).getContainer();
    const rows = spec.types.map((t, k) =>
      `<label class="geomap-layer-row"><input type="checkbox" data-layer="${esc(t.key)}">` +
      `${G.icon(t.key, t.color, 16, false)}<span>${esc(t.label)}</span><small>${counts[k]}</small></label>`);
    if (spec.mentions.length) {
      rows.push('<label class="geomap-layer-row"><input type="checkbox" data-layer="mentions">' +
        `<span class="geomap-dot" style="background:${esc(spec.mentionColor)}"></span>` +
        `<span>Place mentions (datelines, background, references)</span><small>${spec.mentions.length}</small></label>`);
    }
    if (typeof L.heatLayer === "function") {
      rows.push('<label class="geomap-layer-row"><input type="checkbox" data-layer="heat">' +
        '<span class="geomap-dot geomap-heat-dot"></span><span>Heat map of the events shown</span></label>');
    }
    const baseRows = bases.map((b, k) =>
      `<label class="geomap-layer-row"><input type="radio" name="geomap-base" data-base="${k}"><span>${esc(b[0])}</span></label>`);
    div.innerHTML =
      '<button type="button" class="geomap-layers-toggle" data-geomap="layers-toggle" title="Layers and legend"' +
      ' aria-expanded="false"><svg width="18" height="18" viewBox="0 0 24 24" aria-hidden="true">' +
      '<path d="M12 3l9 5-9 5-9-5zM3 13l9 5 9-5M3 17l9 5 9-5" fill="none" stroke="#333" stroke-width="2"' +
      ' stroke-linejoin="round"/></svg><span>Layers</span></button>' +
      '<div class="geomap-layers-body"><div class="geomap-layers-head">Event types</div>' + rows.join("") +
      '<div class="geomap-layers-head">Base map</div>' + baseRows.join("") +
      `<div class="geomap-layers-note">${G.icon("other", "#999", 14, true)} dashed ring: an area (district,` +
      " region, country), outlined faintly; numbered discs: clusters (click to zoom in or to spread" +
      " events stacked at one place)</div></div>";
    const toggle = div.querySelector("[data-geomap=layers-toggle]");
    function setOpen(open) {
      div.classList.toggle("geomap-open", open);
      toggle.setAttribute("aria-expanded", open ? "true" : "false");
    }
    const box = map.getContainer();
    setOpen(box.clientWidth >= 900 && box.clientHeight >= 560);
    toggle.addEventListener("click", () => setOpen(!div.classList.contains("geomap-open")));
    div.addEventListener("change", (e) => {
      const input = e.target;
      const st = app.state;
      if (input.dataset.base !== undefined) {
        st.base = parseInt(input.dataset.base, 10);
        setBase(st.base);
      } else if (input.dataset.layer === "mentions") {
        st.mentions = input.checked;
      } else if (input.dataset.layer === "heat") {
        st.heat = input.checked;
      } else if (input.dataset.layer) {
        if (input.checked) { st.types.add(input.dataset.layer); } else { st.types.delete(input.dataset.layer); }
      }
      app.refresh();
    });
    return {
      element: div,
      setOpen: setOpen,
      isOpen: () => div.classList.contains("geomap-open"),
      sync: () => {
        const st = app.state;
        div.querySelectorAll("input[data-layer]").forEach((input) => {
          const k = input.dataset.layer;
          input.checked = k === "mentions" ? st.mentions : k === "heat" ? st.heat : st.types.has(k);
        });
        div.querySelectorAll("input[data-base]").forEach((input) => {
          input.checked = parseInt(input.dataset.base, 10) === st.base;
        });
      },
    };
  };
})();
