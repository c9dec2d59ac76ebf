/* geomap map: time — a histogram of events per day, week, month or year under the map,
 * a brush that selects a date range (drag across the bars; click a bar for one bin), a
 * play button that moves the selected window, and the count of undated events with a
 * toggle to show them. The bars count the events of the types and filter text chosen,
 * whatever the range; the selected range is drawn darker.
 */
(function () {
  "use strict";
  const G = (window.GeomapConsole = window.GeomapConsole || {});
  const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

  /** Bins over [min, max] (day numbers): {unit, starts, ends, index(day)}. */
  function binsFor(min, max) {
    const span = max - min + 1;
    const unit = span <= 92 ? "day" : span <= 3 * 366 ? "week" : span <= 40 * 366 ? "month" : "year";
    const starts = [];
    const ends = [];
    const date = (d) => new Date(d * 86400000);
    const dayOf = (y, m) => Math.round(Date.UTC(y, m, 1) / 86400000);
    if (unit === "day" || unit === "week") {
      const step = unit === "day" ? 1 : 7;
      const first = unit === "day" ? min : min - ((date(min).getUTCDay() + 6) % 7);  // Monday
      for (let d = first; d <= max; d += step) { starts.push(d); ends.push(d + step - 1); }
      return {unit: unit, starts: starts, ends: ends, index: (d) => Math.floor((d - first) / step)};
    }
    const d0 = date(min);
    const y0 = d0.getUTCFullYear();
    const m0 = unit === "month" ? d0.getUTCMonth() : 0;
    const months = unit === "month" ? 1 : 12;
    for (let k = 0; ; k++) {
      const s = dayOf(y0, m0 + k * months);
      if (s > max) { break; }
      starts.push(s);
      ends.push(dayOf(y0, m0 + (k + 1) * months) - 1);
    }
    return {
      unit: unit, starts: starts, ends: ends,
      index: (d) => {
        const t = date(d);
        return Math.floor(((t.getUTCFullYear() - y0) * 12 + t.getUTCMonth() - m0) / months);
      },
    };
  }

  /** A day at the bins' precision: "2020-10-23", "Oct 2020", "2020". */
  function at(unit, day) {
    const iso = G.isoDay(day);
    if (unit === "month") { return MONTHS[parseInt(iso.slice(5, 7), 10) - 1] + " " + iso.slice(0, 4); }
    if (unit === "year") { return iso.slice(0, 4); }
    return iso;
  }
  G.rangeLabel = function (unit, from, to) {
    const a = at(unit, from);
    const b = at(unit, to);
    return a === b ? a : a + " – " + b;
  };

  G.timeline = function (app) {
    const E = app.spec.events;
    const parts = G.parts("timeline", {
      hist: "histogram", brush: "brush", rangeEl: "range", undatedEl: "undated",
      undatedToggle: "undated-toggle", play: "play", clear: "clear-range",
      axisStart: "axis-start", axisEnd: "axis-end", axisBin: "axis-bin",
    });
    const {root, hist, brush, rangeEl, undatedEl, undatedToggle, play, clear} = parts;
    const canvas = hist.querySelector("canvas");
    let min = Infinity;
    let max = -Infinity;
    E.forEach((ev) => {
      if (ev[10] !== null) { min = Math.min(min, ev[10]); max = Math.max(max, ev[10]); }
    });
    const dated = min <= max;
    const bins = dated ? binsFor(min, max) : {unit: "day", starts: [], ends: [], index: () => 0};
    const n = bins.starts.length;
    const binOf = new Int32Array(E.length);
    E.forEach((ev, i) => { binOf[i] = ev[10] === null ? -1 : bins.index(ev[10]); });
    parts.axisStart.textContent = dated ? at(bins.unit, bins.starts[0]) : "";
    parts.axisEnd.textContent = dated ? at(bins.unit, bins.ends[n - 1]) : "";
    parts.axisBin.textContent = dated ? "events per " + bins.unit : "no dated events";
    root.classList.toggle("geomap-no-dates", !dated);

    // the selected bins [lo, hi], or null for all dates
    function selected() {
      const st = app.state;
      if (!dated || (st.from === null && st.to === null)) { return null; }
      const lo = st.from === null ? 0 : Math.max(0, bins.starts.findIndex((s, k) => bins.ends[k] >= st.from));
      let hi = n - 1;
      if (st.to !== null) { for (let k = n - 1; k >= 0; k--) { if (bins.starts[k] <= st.to) { hi = k; break; } } }
      return [lo, Math.max(lo, hi)];
    }

    let counts = new Int32Array(n);
    function draw(preview) {
      const w = hist.clientWidth;
      const h = hist.clientHeight;
      const ratio = window.devicePixelRatio || 1;
      canvas.width = Math.max(1, Math.round(w * ratio));
      canvas.height = Math.max(1, Math.round(h * ratio));
      canvas.style.width = w + "px";
      canvas.style.height = h + "px";
      const ctx = canvas.getContext("2d");
      ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
      ctx.clearRect(0, 0, w, h);
      const sel = preview || selected();
      let top = 1;
      counts.forEach((c) => { top = Math.max(top, c); });
      const bw = w / Math.max(1, n);
      for (let k = 0; k < n; k++) {
        if (!counts[k]) { continue; }
        const bh = Math.max(1.5, ((h - 4) * counts[k]) / top);
        ctx.fillStyle = !sel || (k >= sel[0] && k <= sel[1]) ? "#33475b" : "#b8c2cc";
        ctx.fillRect(k * bw + (bw > 4 ? 0.5 : 0), h - bh, Math.max(1, bw - (bw > 4 ? 1 : 0)), bh);
      }
      if (sel) {
        brush.style.display = "block";
        brush.style.left = sel[0] * bw + "px";
        brush.style.width = Math.max(2, (sel[1] - sel[0] + 1) * bw) + "px";
      } else {
        brush.style.display = "none";
      }
      const st = app.state;
      rangeEl.textContent = sel ? G.rangeLabel(bins.unit, bins.starts[sel[0]], Math.min(bins.ends[sel[1]],
        st.to === null ? Infinity : st.to)) : "All dates";
      clear.disabled = !sel;
    }
    function update(why) {
      if (why === "select") { return; }
      counts = new Int32Array(n);
      let undated = 0;
      for (let i = 0; i < E.length; i++) {
        if (!app.baseMask[i]) { continue; }
        if (binOf[i] < 0) { undated += 1; } else { counts[binOf[i]] += 1; }
      }
      undatedEl.textContent = String(undated);
      undatedToggle.checked = app.state.undated;
      draw();
    }
    app.onRefresh(update);
    window.addEventListener("resize", () => draw());

    // the brush: drag across the bars; a click selects one bin
    const binAt = (x) => Math.max(0, Math.min(n - 1, Math.floor((x / hist.clientWidth) * n)));
    let dragFrom = null;
    hist.addEventListener("pointerdown", (e) => {
      if (!n) { return; }
      dragFrom = binAt(e.clientX - hist.getBoundingClientRect().left);
      if (hist.setPointerCapture) { hist.setPointerCapture(e.pointerId); }
      draw([dragFrom, dragFrom]);
    });
    hist.addEventListener("pointermove", (e) => {
      if (dragFrom === null) { return; }
      const k = binAt(e.clientX - hist.getBoundingClientRect().left);
      draw([Math.min(dragFrom, k), Math.max(dragFrom, k)]);
    });
    hist.addEventListener("pointerup", (e) => {
      if (dragFrom === null) { return; }
      const k = binAt(e.clientX - hist.getBoundingClientRect().left);
      const lo = Math.min(dragFrom, k);
      const hi = Math.max(dragFrom, k);
      dragFrom = null;
      stop();
      app.setRange(bins.starts[lo], bins.ends[hi]);
    });
    clear.addEventListener("click", () => { stop(); app.setRange(null, null); });
    undatedToggle.addEventListener("change", () => { app.state.undated = undatedToggle.checked; app.refresh(); });

    // play: move the selected window (a tenth of the time, when none is selected) along
    let timer = null;
    function stop() {
      if (timer) { clearInterval(timer); timer = null; }
      play.textContent = "\u25B6";
    }
    play.addEventListener("click", () => {
      if (timer) { stop(); return; }
      if (!n) { return; }
      let sel = selected();
      if (!sel || sel[1] >= n - 1) {
        const width = sel ? sel[1] - sel[0] : Math.max(0, Math.round(n / 10) - 1);
        sel = [0, Math.min(n - 1, width)];
        app.setRange(bins.starts[sel[0]], bins.ends[sel[1]]);
      }
      play.textContent = "\u275A\u275A";
      timer = setInterval(() => {
        const s = selected();
        if (!s || s[1] >= n - 1) { stop(); return; }
        app.setRange(bins.starts[s[0] + 1], bins.ends[s[1] + 1]);
      }, E.length > 20000 ? 1500 : 800);
    });

    return {bins: bins, selected: selected, draw: draw};
  };
})();
