/* geomap map: the feed — the events in view, newest first, beside the map.
 *
 * The list is virtualised: only the rows in sight (and a few around them) exist in the
 * page, so 100,000 events cost no more than 20. Rows are built with textContent; each
 * row is [data-geomap=feed-item] with data-event-id set to the event's event_id. Clicking
 * a row flies to the event and opens its popup; hovering highlights it on the map.
 */
(function () {
  "use strict";
  const G = (window.GeomapConsole = window.GeomapConsole || {});
  const ROW = 66;  // px, one row (fixed: the list is positioned by arithmetic)
  const EXTRA = 6;  // rows made above and below those in sight

  G.feed = function (app) {
    const map = app.map;
    const E = app.spec.events;
    const types = app.spec.types;
    const str = app.str;
    const {list, count, filter, toggle} = G.parts("feed", {
      list: "feed-list", count: "feed-count", filter: "filter", toggle: "feed-toggle",
    });
    const sizer = document.createElement("div");
    sizer.className = "geomap-feed-sizer";
    list.appendChild(sizer);

    // newest first (by last day, undated last), ties in the table's order
    const order = Array.from(E.keys()).sort((a, b) => {
      const da = E[a][10] === null ? -Infinity : E[a][10] + E[a][11];
      const db = E[b][10] === null ? -Infinity : E[b][10] + E[b][11];
      return da === db ? a - b : db - da;
    });
    let rows = [];

    function inView() {
      const b = map.getBounds();
      const south = b.getSouth(), north = b.getNorth(), west = b.getWest(), east = b.getEast();
      const all = east - west >= 360;
      const mask = app.shownMask;
      const out = [];
      for (const i of order) {
        if (!mask[i]) { continue; }
        const lat = E[i][0], lon = E[i][1];
        if (lat < south || lat > north) { continue; }
        if (all || (lon >= west && lon <= east) || (lon + 360 >= west && lon + 360 <= east) ||
            (lon - 360 >= west && lon - 360 <= east)) {
          out.push(i);
        }
      }
      return out;
    }

    function row(i, k) {
      const ev = E[i];
      const t = types[ev[2]];
      const el = document.createElement("div");
      el.className = "geomap-feed-item";
      el.setAttribute("data-geomap", "feed-item");
      el.setAttribute("data-event-id", ev[22]);
      el.setAttribute("role", "listitem");
      el.tabIndex = 0;
      el.style.top = k * ROW + "px";
      el.style.borderLeftColor = t.color;
      if (app.selected === i) { el.classList.add("geomap-selected"); }
      el.geomapIndex = i;
      const icon = document.createElement("span");
      icon.className = "geomap-feed-icon";
      icon.innerHTML = G.icon(t.key, t.color, 20, ev[7] > 1);  // trusted: geomap's own markup
      const main = document.createElement("div");
      main.className = "geomap-feed-main";
      const top = document.createElement("div");
      top.className = "geomap-feed-top";
      const place = document.createElement("span");
      place.className = "geomap-feed-place";
      place.textContent = str(ev[4]) + (ev[5] >= 0 ? " (" + str(ev[5]) + ")" : "");
      const date = document.createElement("span");
      date.className = "geomap-feed-date";
      date.textContent = app.label(i);
      top.append(place, date);
      const summary = document.createElement("div");
      summary.className = "geomap-feed-summary";
      summary.textContent = str(ev[20]) || t.label;
      const meta = document.createElement("div");
      meta.className = "geomap-feed-meta-line";
      const bits = [t.label];
      if (ev[18] >= 0) { bits.push(ev[18] + " killed"); }
      const n = ev[21].length;
      bits.push(n + (n === 1 ? " source" : " sources"));
      meta.textContent = bits.join(" · ");
      main.append(top, summary, meta);
      el.append(icon, main);
      return el;
    }

    let drawn = [];
    function draw() {
      const top = list.scrollTop;
      const h = list.clientHeight || 400;
      const first = Math.max(0, Math.floor(top / ROW) - EXTRA);
      const last = Math.min(rows.length, Math.ceil((top + h) / ROW) + EXTRA);
      sizer.style.height = rows.length * ROW + "px";
      const made = [];
      for (let k = first; k < last; k++) { made.push(row(rows[k], k)); }
      sizer.replaceChildren(...made);
      drawn = made;
      count.textContent = rows.length === app.shown.length
        ? `${rows.length.toLocaleString("en")} event${rows.length === 1 ? "" : "s"}`
        : `${rows.length.toLocaleString("en")} of ${app.shown.length.toLocaleString("en")} events in view`;
    }
    // drawing waits for the next frame, so that a burst of changes (the first view, a
    // brush, a zoom) draws once; reading the feed (ids, inView) draws what is pending
    let queued = false;
    let stale = true;
    function flush() {
      queued = false;
      if (stale) { rows = inView(); stale = false; }
      draw();
    }
    function redraw(filter) {
      if (filter) { stale = true; }
      if (queued) { return; }
      queued = true;
      requestAnimationFrame(() => { if (queued) { flush(); } });
    }
    function update(why) {
      if (why === "select") {
        drawn.forEach((el) => el.classList.toggle("geomap-selected", el.geomapIndex === app.selected));
        return;
      }
      redraw(true);
    }
    app.onRefresh(update);
    map.on("moveend", () => redraw(true));
    list.addEventListener("scroll", () => redraw(false));
    window.addEventListener("resize", () => redraw(false));

    function itemOf(e) {
      const el = e.target.closest ? e.target.closest("[data-geomap=feed-item]") : null;
      return el && el.geomapIndex !== undefined ? el : null;
    }
    list.addEventListener("click", (e) => {
      const el = itemOf(e);
      if (el) { app.layers.focus(el.geomapIndex); }
    });
    list.addEventListener("keydown", (e) => {
      const el = itemOf(e);
      if (el && (e.key === "Enter" || e.key === " ")) { e.preventDefault(); app.layers.focus(el.geomapIndex); }
    });
    list.addEventListener("mouseover", (e) => {
      const el = itemOf(e);
      if (el) { app.hover(el.geomapIndex, "feed"); }
    });
    list.addEventListener("mouseleave", () => app.hover(null, "feed"));

    // the filter box: place, summary, actor and source (its text is data, never markup)
    let typing = null;
    filter.value = app.state.q;
    filter.addEventListener("input", () => {
      clearTimeout(typing);
      typing = setTimeout(() => { app.state.q = filter.value.slice(0, 200); app.refresh(); },
                          E.length > 20000 ? 300 : 80);
    });

    // collapsible; a bottom sheet on a narrow window (CSS), collapsed there at first
    function setCollapsed(on) {
      document.body.classList.toggle("geomap-feed-collapsed", on);
      toggle.setAttribute("aria-expanded", on ? "false" : "true");
      map.invalidateSize({pan: false});
      redraw(true);
    }
    toggle.addEventListener("click", () => setCollapsed(!document.body.classList.contains("geomap-feed-collapsed")));
    if (window.matchMedia && window.matchMedia("(max-width: 700px)").matches) { setCollapsed(true); }

    return {
      ids: () => {
        if (queued) { flush(); }
        return Array.from(list.querySelectorAll("[data-geomap=feed-item]")).map((el) => el.dataset.eventId);
      },
      inView: () => {
        if (queued) { flush(); }
        return rows.slice();
      },
      sync: () => { filter.value = app.state.q; },
      setCollapsed: setCollapsed,
      light: (i) => {
        drawn.forEach((el) => el.classList.toggle("geomap-lit", el.geomapIndex === i));
      },
    };
  };
})();
