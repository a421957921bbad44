// The /search/ page: results as you type, facets with live counts, the query
// and filters in the URL. Loaded as <script type="module" src>, no inline
// script or style (CSP default-src 'self'). Index data is only ever put into
// the page as text (textContent, text nodes, <mark> elements we create).

import { SearchEngine, snippet, highlightAll } from "./search-engine.js";

const PAGE_SIZE = 10;
const DEBOUNCE_MS = 150;
const FACETS = ["theatre", "topic", "place", "source"];
const FILTER_KEYS = [...FACETS, "since", "until"];
const FACET_ANY = { theatre: "Any theatre", topic: "Any topic", place: "Any place", source: "Any source" };

const app = document.getElementById("search-app");
const form = document.getElementById("search-form");
const input = document.getElementById("search-q");
const status = document.getElementById("search-status");
const list = document.getElementById("search-results");
const more = document.getElementById("search-more");
const filtersBox = document.getElementById("search-filters");
const selects = Object.fromEntries(FACETS.map((f) => [f, document.getElementById(`search-${f}`)]));
const dates = { since: document.getElementById("search-since"), until: document.getElementById("search-until") };

const engine = new SearchEngine(app.dataset.index);
let sequence = 0;
let current = null;  // the last result set shown
let shown = 0;
let timer = null;

// ---------------------------------------------------------------- state <-> URL

function readState() {
  const params = new URLSearchParams(location.search);
  const state = { q: params.get("q") || "" };
  for (const k of FILTER_KEYS) state[k] = params.get(k) || "";
  return state;
}

function formState() {
  const state = { q: input.value };
  for (const f of FACETS) state[f] = selects[f].value;
  state.since = dates.since.value;
  state.until = dates.until.value;
  return state;
}

function fillForm(state) {
  input.value = state.q;
  for (const f of FACETS) {
    const sel = selects[f];
    if (state[f] && ![...sel.options].some((o) => o.value === state[f])) {
      sel.append(new Option(state[f], state[f]));
    }
    sel.value = state[f];
  }
  dates.since.value = state.since;
  dates.until.value = state.until;
}

function stateUrl(state) {
  const params = new URLSearchParams();
  if (state.q) params.set("q", state.q);
  for (const k of FILTER_KEYS) if (state[k]) params.set(k, state[k]);
  const qs = params.toString();
  return location.pathname + (qs ? `?${qs}` : "");
}

function remember(state, mode) {
  const url = stateUrl(state);
  if (url === location.pathname + location.search) return;
  if (mode === "push") history.pushState(null, "", url);
  else if (mode === "replace") history.replaceState(null, "", url);
}

function hasFilters(state) {
  return FILTER_KEYS.some((k) => state[k]);
}

// ---------------------------------------------------------------- rendering

function appendPieces(parent, pieces) {
  for (const [text, hl] of pieces) {
    if (hl) {
      const mark = document.createElement("mark");
      mark.textContent = text;
      parent.append(mark);
    } else {
      parent.append(document.createTextNode(text));
    }
  }
}

function formatDate(iso) {
  const d = new Date(`${iso}T00:00:00Z`);
  return d.toLocaleDateString("en-GB", { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" });
}

function labelOf(kind, slug) {
  const labels = engine.manifest.labels || {};
  return (labels[kind] && labels[kind][slug]) || slug.replace(/-/g, " ");
}

function resultItem(doc, hl) {
  const li = document.createElement("li");
  li.className = "search-result";
  const h2 = document.createElement("h2");
  const a = document.createElement("a");
  a.href = doc.url;
  appendPieces(a, highlightAll(doc.headline || doc.id, hl));
  h2.append(a);
  const meta = document.createElement("p");
  meta.className = "meta";
  const time = document.createElement("time");
  time.dateTime = doc.date;
  time.textContent = formatDate(doc.date);
  meta.append(time, document.createTextNode(` · ${doc.source}`));
  const tags = [...(doc.theatres || []).map((t) => labelOf("theatre", t)), ...(doc.topics || []).map((t) => labelOf("topic", t))];
  if (tags.length) meta.append(document.createTextNode(` · ${tags.join(", ")}`));
  const p = document.createElement("p");
  p.className = "search-snippet";
  appendPieces(p, snippet(doc.text || "", hl, engine.manifest.snippet_words));
  li.append(h2, meta, p);
  return li;
}

async function showMore(result, seq) {
  const page = result.ranked.slice(shown, shown + PAGE_SIZE);
  const docs = await engine.fragments(page.map(([d]) => d));
  if (seq !== sequence) return;
  for (const doc of docs) list.append(resultItem(doc, result.highlight));
  shown += page.length;
  more.hidden = shown >= result.ranked.length;
}

function describe(state, total) {
  const parts = [];
  if (state.q.trim()) parts.push(`for “${state.q.trim()}”`);
  const active = FACETS.filter((f) => state[f]).map((f) => {
    const opt = selects[f].selectedOptions[0];
    return opt ? opt.dataset.name || opt.textContent : state[f];
  });
  if (state.since || state.until) active.push(`${state.since || "…"} to ${state.until || "…"}`);
  if (active.length) parts.push(`in ${active.join(", ")}`);
  const n = total === 1 ? "1 result" : `${total.toLocaleString("en-GB")} results`;
  return `${n} ${parts.join(" ")}`.trim() + ".";
}

// ---------------------------------------------------------------- facets

function facetsWanted(state) {
  return filtersBox.open || hasFilters(state);
}

async function updateCounts(state, result) {
  for (const f of FACETS) {
    let base;
    if (result.q === null && !hasFilters({ ...state, [f]: "" })) {
      base = null;  // everything: counts are the totals
    } else {
      const allowed = await engine.allowed(state, f);
      const scored = result.q === null ? null : (result.unfiltered || result.scores);
      if (scored === null) base = allowed;
      else base = allowed === null ? scored : new Map([...scored].filter(([d]) => allowed.has(d)));
    }
    const rows = base === null
      ? (await engine.facet(f)).map((r) => ({ value: r.value, name: r.name, count: r.docs.size }))
      : await engine.counts(f, base);
    fillSelect(f, rows, state[f]);
  }
}

function fillSelect(facet, rows, selected) {
  const sel = selects[facet];
  const options = [new Option(FACET_ANY[facet], "")];
  for (const r of rows) {
    if (!r.count && r.value !== selected) continue;
    const opt = new Option(`${r.name} (${r.count})`, r.value);
    opt.dataset.name = r.name;
    options.push(opt);
  }
  sel.replaceChildren(...options);
  sel.value = selected;
}

// ---------------------------------------------------------------- running

async function run(mode) {
  const seq = ++sequence;
  const state = formState();
  remember(state, mode);
  try {
    await engine.load();
    if (!state.q.trim() && !hasFilters(state)) {
      list.replaceChildren();
      more.hidden = true;
      status.textContent = "Type words to search every item of the archive.";
      current = null;
      if (facetsWanted(state)) await updateCounts(state, { q: null, scores: new Map(), ranked: [] });
      return;
    }
    const result = await engine.search(state.q, state);
    if (seq !== sequence) return;
    current = result;
    shown = 0;
    list.replaceChildren();
    if (facetsWanted(state)) await updateCounts(state, result);
    if (seq !== sequence) return;
    await showMore(result, seq);
    if (seq !== sequence) return;
    status.textContent = describe(state, result.total);
    app.dataset.state = "ready";
  } catch (err) {
    if (seq !== sequence) return;
    status.textContent = `Search is unavailable: ${err.message}`;
    app.dataset.state = "error";
  }
}

function schedule() {
  clearTimeout(timer);
  timer = setTimeout(() => run("replace"), DEBOUNCE_MS);
}

input.addEventListener("input", schedule);
form.addEventListener("submit", (event) => {
  event.preventDefault();
  clearTimeout(timer);
  run("push");
});
for (const el of [...Object.values(selects), ...Object.values(dates)]) {
  el.addEventListener("change", () => { clearTimeout(timer); run("push"); });
}
filtersBox.addEventListener("toggle", () => { if (filtersBox.open) run(null); });
more.addEventListener("click", () => { if (current) showMore(current, sequence); });
window.addEventListener("popstate", () => { fillForm(readState()); run(null); });

async function start() {
  app.hidden = false;
  const state = readState();
  fillForm(state);
  if (hasFilters(state)) filtersBox.open = true;
  try {
    const m = await engine.load();
    if (m.dates && m.dates.length) {
      for (const el of Object.values(dates)) { el.min = m.dates[0]; el.max = m.dates[1]; }
    }
  } catch (err) {
    status.textContent = `Search is unavailable: ${err.message}`;
    return;
  }
  await run(null);
}

start();
