// The live view: the stream table (sorted, paged, from /api/streams) and the chosen stream's
// charts (from /api/streams/{id}), refreshed on every `interval` event of /events. Nothing is
// loaded from anywhere but this server. The page's own state is written to <script id="state">
// so a test (or a person) reading the DOM sees what the page shows.
"use strict";

const page = {
  sort: "loss", offset: 0, limit: 50, selected: null, chosenByUser: false,
  connected: false, events: 0, intervals: 0, starts: 0, ends: 0, switches: 0, relays: 0,
  lastIntervalEnd: null, total: 0, rows: [], points: 0, firstPoint: null, lastPoint: null,
  switchMarkers: 0, switchList: [], refreshes: 0, errors: 0, ended: false,
  phaseEvents: 0, phases: [], phaseBands: 0, lossPoints: [],
  // Update latency: ms from the receiver closing an interval to this page showing it (table
  // and charts drawn), one per interval, the last 300.
  lags: [], lagFor: null,
};
const charts = {};
const chartsAvailable = typeof window.Chart !== "undefined";
let refreshing = false;
let refreshAgain = false;
let source = null;

function text(value, decimals) {
  if (value === null || value === undefined || Number.isNaN(value)) return "–";
  return decimals === undefined ? String(value) : Number(value).toFixed(decimals);
}

function exportState() {
  const state = {
    connected: page.connected, events_received: page.events, intervals_received: page.intervals,
    stream_starts: page.starts, stream_ends: page.ends, switch_events: page.switches, relay_events: page.relays,
    last_interval_end_s: page.lastIntervalEnd, streams_total: page.total, sort: page.sort, offset: page.offset,
    rows: page.rows.map(r => ({ id: r.id, source: r.source, ssrc: r.ssrc, packets: r.packets, expected: r.expected,
      lost: r.lost, lost_percent: r.lost_percent, late: r.late, path: r.path, path_switches: r.path_switches, active: r.active })),
    selected_stream: page.selected, charts: chartsAvailable, chart_points: page.points,
    first_point_t_s: page.firstPoint, last_point_t_s: page.lastPoint, switch_markers: page.switchMarkers,
    switches: page.switchList,
    phase_events: page.phaseEvents, phases: page.phases, phase_bands: page.phaseBands,
    lost_by_interval: page.lossPoints, update_lag_ms: page.lags,
    refreshes: page.refreshes, errors: page.errors, run_ended: page.ended,
  };
  window.jitterbugState = state;
  document.getElementById("state").textContent = JSON.stringify(state);
  document.body.dataset.chartPoints = String(page.points);
  document.body.dataset.connected = String(page.connected);
}

function cell(row, content, className) {
  const td = document.createElement("td");
  td.textContent = content;
  if (className) td.className = className;
  row.appendChild(td);
  return td;
}

function renderTable(result) {
  const body = document.querySelector("#streams tbody");
  body.replaceChildren();
  for (const s of result.streams) {
    const tr = document.createElement("tr");
    tr.dataset.streamId = s.id;
    tr.dataset.lost = s.lost;
    tr.dataset.lostPercent = s.lost_percent;
    tr.dataset.packets = s.packets;
    tr.dataset.path = s.path;
    if (s.id === page.selected) tr.classList.add("selected");
    if (!s.active) tr.classList.add("ended");
    cell(tr, s.id);
    cell(tr, s.source);
    cell(tr, s.ssrc);
    cell(tr, s.codec);
    cell(tr, s.packets);
    cell(tr, text(s.lost_percent, 2) + " (" + s.lost + ")", s.lost_percent >= 1 ? "bad" : "");
    cell(tr, s.late);
    cell(tr, text(s.jitter_ms, 2));
    cell(tr, text(s.delay_p50_ms, 1) + " / " + text(s.delay_p99_ms, 1));
    cell(tr, text(s.target_delay_ms, 0) + " / " + text(s.playout_delay_ms, 0));
    cell(tr, text(s.concealed_percent, 2));
    cell(tr, text(s.mos, 2));
    cell(tr, s.path + (s.path_switches > 0 ? " (" + s.path_switches + " switches)" : ""), "path-" + s.path);
    tr.addEventListener("click", () => { page.selected = s.id; page.chosenByUser = true; refresh(); });
    body.appendChild(tr);
  }
  const last = Math.min(result.offset + result.streams.length, result.total);
  document.getElementById("page-range").textContent =
    result.total === 0 ? "no streams yet" : (result.offset + 1) + "–" + last + " of " + result.total;
  document.getElementById("stream-count").textContent =
    result.active + " receiving, " + result.total + " seen" +
    (result.sse_dropped > 0 ? ", " + result.sse_dropped + " slow event clients dropped" : "");
}

// The impairment's schedule (demo/lab): a table, the phase in force marked.
function renderPhases(phases, now) {
  page.phases = phases;
  document.getElementById("phases-section").hidden = phases.length === 0;
  const body = document.querySelector("#phases tbody");
  body.replaceChildren();
  for (const p of phases) {
    const tr = document.createElement("tr");
    const current = now !== null && p.start_s <= now && (p.end_s === null || now < p.end_s);
    if (current) tr.classList.add("current");
    tr.dataset.startS = p.start_s;
    tr.dataset.kind = p.kind;
    for (const v of [text(p.start_s, 1), p.end_s === null ? "end" : text(p.end_s, 1), p.direction, p.label]) cell(tr, v);
    body.appendChild(tr);
  }
}

function renderRelay(relay) {
  document.getElementById("relay-section").hidden = relay.length === 0;
  const body = document.querySelector("#relay tbody");
  body.replaceChildren();
  for (const r of relay) {
    const tr = document.createElement("tr");
    for (const v of [r.path, r.packets_in, r.packets_out, r.dropped, r.duplicated, r.corrupted]) cell(tr, v);
    body.appendChild(tr);
  }
}

// Vertical dashed lines at path switches, on every chart.
const switchMarkers = {
  id: "switchMarkers",
  afterDatasetsDraw(chart, args, options) {
    const x = chart.scales.x;
    const area = chart.chartArea;
    const ctx = chart.ctx;
    for (const change of options.switches || []) {
      const px = x.getPixelForValue(change.t_s);
      if (px < area.left || px > area.right) continue;
      ctx.save();
      ctx.strokeStyle = change.to === "tcp" ? "#d62728" : "#1f77b4";
      ctx.setLineDash([5, 4]);
      ctx.beginPath();
      ctx.moveTo(px, area.top);
      ctx.lineTo(px, area.bottom);
      ctx.stroke();
      ctx.fillStyle = ctx.strokeStyle;
      ctx.font = "11px sans-serif";
      ctx.fillText("→ " + change.to.toUpperCase(), px + 3, area.top + 11);
      ctx.restore();
    }
  },
};

// Shaded bands for impairment phases and blackholes, behind the data, on every chart.
const phaseBands = {
  id: "phaseBands",
  beforeDatasetsDraw(chart, args, options) {
    const x = chart.scales.x;
    const area = chart.chartArea;
    const ctx = chart.ctx;
    let drawn = 0;
    for (const p of options.phases || []) {
      const from = Math.max(x.getPixelForValue(p.start_s), area.left);
      const to = Math.min(p.end_s === null ? area.right : x.getPixelForValue(p.end_s), area.right);
      if (to <= from) continue;
      drawn += 1;
      ctx.save();
      ctx.fillStyle = p.kind === "blackhole" ? "rgba(60,60,60,0.22)" : "rgba(243,156,18,0.13)";
      ctx.fillRect(from, area.top, to - from, area.bottom - area.top);
      ctx.strokeStyle = p.kind === "blackhole" ? "#555" : "#e67e22";
      ctx.beginPath();
      ctx.moveTo(from, area.top);
      ctx.lineTo(from, area.bottom);
      ctx.stroke();
      ctx.fillStyle = ctx.strokeStyle;
      ctx.font = "11px sans-serif";
      ctx.fillText(p.label, from + 3, area.bottom - 4);
      ctx.restore();
    }
    chart.$phaseBands = drawn;
  },
};

function makeChart(id, datasets, type) {
  return new Chart(document.getElementById(id), {
    type: type || "line",
    data: { datasets },
    options: {
      animation: false, responsive: true, maintainAspectRatio: false, parsing: false, normalized: true,
      scales: { x: { type: "linear", title: { display: true, text: "s since start" } }, y: { beginAtZero: true } },
      plugins: { legend: { labels: { boxWidth: 12 } }, switchMarkers: { switches: [] }, phaseBands: { phases: [] } },
      elements: { point: { radius: 0 }, line: { borderWidth: 1.5 } },
    },
    plugins: [phaseBands, switchMarkers],
  });
}

function setUpCharts() {
  if (!chartsAvailable) {
    const message = document.getElementById("chart-message");
    message.hidden = false;
    message.textContent = "Charts need Chart.js from the Debian package libjs-chart.js (apt-get install libjs-chart.js), " +
      "which this server could not find. The table above works without it.";
    return;
  }
  charts.loss = makeChart("chart-loss", [
    { label: "loss %", data: [], backgroundColor: "#c0392b", borderColor: "#c0392b" },
    { label: "late loss %", data: [], backgroundColor: "#e67e22", borderColor: "#e67e22" },
  ], "bar");
  charts.jitter = makeChart("chart-jitter", [{ label: "jitter ms", data: [], borderColor: "#1f77b4" }]);
  charts.delay = makeChart("chart-delay", [
    { label: "p50", data: [], borderColor: "#2c3e50" },
    { label: "p99", data: [], borderColor: "#7f8c8d", backgroundColor: "rgba(127,140,141,0.25)", fill: "-1" },
  ]);
  charts.buffer = makeChart("chart-buffer", [
    { label: "target", data: [], borderColor: "#8e44ad", borderDash: [6, 3] },
    { label: "delivered", data: [], borderColor: "#27ae60" },
  ]);
  charts.concealed = makeChart("chart-concealed", [
    { label: "concealed frames", data: [], backgroundColor: "#7f8c8d", borderColor: "#7f8c8d" },
  ], "bar");
}

function series(points, key) {
  return points.filter(p => p[key] !== null && p[key] !== undefined).map(p => ({ x: p.t_end_s, y: p[key] }));
}

function renderCharts(detail) {
  const points = detail.points;
  page.points = points.length;
  page.firstPoint = points.length ? points[0].t_end_s : null;
  page.lastPoint = points.length ? points[points.length - 1].t_end_s : null;
  page.switchMarkers = detail.switches.length;
  page.switchList = detail.switches;
  page.lossPoints = points.map(p => [p.t_end_s, p.lost]);
  const s = detail.stream;
  document.getElementById("chosen").textContent =
    "#" + s.id + " " + s.source + " " + s.ssrc + " (" + points.length + " intervals of " + detail.interval_s + " s)";
  if (!chartsAvailable) return;
  const data = {
    loss: [series(points, "lost_percent"), series(points, "late_percent")],
    jitter: [series(points, "jitter_ms")],
    delay: [series(points, "delay_p50_ms"), series(points, "delay_p99_ms")],
    buffer: [series(points, "target_delay_ms"), series(points, "playout_delay_ms")],
    concealed: [series(points, "concealed")],
  };
  const min = page.firstPoint === null ? 0 : Math.floor(Math.max(page.firstPoint - detail.interval_s, page.lastPoint - 300));
  for (const [name, chart] of Object.entries(charts)) {
    data[name].forEach((values, i) => { chart.data.datasets[i].data = values; });
    chart.options.plugins.switchMarkers.switches = detail.switches;
    chart.options.plugins.phaseBands.phases = detail.phases || [];
    chart.options.scales.x.min = min;
    chart.options.scales.x.max = page.lastPoint === null ? 1 : page.lastPoint;
    chart.update("none");
  }
  page.phaseBands = charts.loss ? (charts.loss.$phaseBands || 0) : 0;
}

async function getJSON(path) {
  const response = await fetch(path, { cache: "no-store" });
  if (!response.ok) throw new Error(path + ": " + response.status);
  return response.json();
}

// One refresh at a time; an event during a refresh asks for one more after it.
async function refresh() {
  if (refreshing) { refreshAgain = true; return; }
  refreshing = true;
  try {
    const result = await getJSON("/api/streams?sort=" + page.sort + "&offset=" + page.offset + "&limit=" + page.limit);
    page.total = result.total;
    page.rows = result.streams;
    if (page.lastIntervalEnd === null || result.t_end_s > page.lastIntervalEnd) page.lastIntervalEnd = result.t_end_s;
    if (!page.chosenByUser && result.streams.length > 0) page.selected = result.streams[0].id;
    renderTable(result);
    renderRelay(result.relay);
    renderPhases(result.phases || [], page.lastIntervalEnd);
    if (page.selected !== null) renderCharts(await getJSON("/api/streams/" + page.selected));
    page.refreshes += 1;
    const closed = result.t_end_unix_ms;
    if (typeof closed === "number" && closed !== page.lagFor) {
      page.lagFor = closed;
      page.lags.push(Math.round(Date.now() - closed));
      if (page.lags.length > 300) page.lags.shift();
    }
  } catch (error) {
    page.errors += 1;
    console.warn("jitterbug: refresh failed: " + error.message);
  } finally {
    refreshing = false;
    exportState();
    if (refreshAgain) {
      refreshAgain = false;
      refresh();
    } else if (page.ended && source) {
      source.close();
      source = null;
      page.connected = false;
      exportState();
    }
  }
}

function status(textContent) {
  document.getElementById("status").textContent = textContent;
}

function connect() {
  const events = new EventSource("/events");
  events.onopen = () => { page.connected = true; status("connected"); exportState(); };
  events.onerror = () => {
    page.connected = false;
    if (!page.ended) status("disconnected — retrying");
    exportState();
  };
  source = events;
  const count = (handler) => (message) => { page.events += 1; handler(JSON.parse(message.data)); };
  events.addEventListener("interval", count((record) => {
    page.intervals += 1;
    page.lastIntervalEnd = record.t_end_s;
    status("connected — " + text(record.t_end_s, 1) + " s, " + record.packets + " packets, " +
      text(record.lost_percent, 2) + " % lost in the last interval");
    refresh();
  }));
  events.addEventListener("stream_start", count(() => { page.starts += 1; refresh(); }));
  events.addEventListener("stream_end", count(() => { page.ends += 1; refresh(); }));
  events.addEventListener("switch", count(() => { page.switches += 1; refresh(); }));
  events.addEventListener("relay", count(() => { page.relays += 1; refresh(); }));
  events.addEventListener("phase", count(() => { page.phaseEvents += 1; refresh(); }));
  // The run is over: fetch the final figures once more and stop listening (no reconnects).
  // The server waits (up to a second) for this page to close its event stream.
  events.addEventListener("end", count((record) => {
    page.ended = true;
    status("run ended at " + text(record.t_s, 1) + " s — final figures");
    refresh();
  }));
}

document.getElementById("sort").addEventListener("change", (e) => { page.sort = e.target.value; page.offset = 0; refresh(); });
document.getElementById("limit").addEventListener("change", (e) => { page.limit = Number(e.target.value); page.offset = 0; refresh(); });
document.getElementById("previous").addEventListener("click", () => { page.offset = Math.max(0, page.offset - page.limit); refresh(); });
document.getElementById("next").addEventListener("click", () => {
  if (page.offset + page.limit < page.total) { page.offset += page.limit; refresh(); }
});
setUpCharts();
exportState();
refresh();
connect();
