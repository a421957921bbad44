// The /search/ page: results as you type, facet lists with live counts, sort
// by relevance or date, "did you mean" when nothing matches, the query, the
// filters and the order in the URL. Loaded as <script type="module" src>, no
// inline script or style (CSP default-src 'self'). Index data is only ever put
// into the page as text (textContent, text nodes, <mark> and <a> elements we
// create).
//
// The form and the facet lists are in the page from the first paint (the
// build writes them with their total counts); this module only fills in
// text, counts and results, so nothing on screen moves when it starts.

import { SearchEngine, snippet, highlightAll } from "./search-engine.js";

const PAGE_SIZE = 10;
const DEBOUNCE_MS = 150;
const FACETS = ["theatre", "topic", "place", "source"];
const FILTER_KEYS = [...FACETS, "since", "until"];
const STATE_KEYS = ["q", ...FILTER_KEYS, "sort"];

const app = document.getElementById("search-app");
const form = document.getElementById("search-form");
const input = document.getElementById("search-q");
const status = document.getElementById("search-status");
const list = document.getElementById("search-results");
const more = document.getElementById("search-more");
const moreRow = document.getElementById("search-more-row");  // hidden as a whole: an empty row would still move
const lists = Object.fromEntries(FACETS.map((f) => [f, document.getElementById(`facet-${f}-list`)]));
const dates = { since: document.getElementById("search-since"), until: document.getElementById("search-until") };

const engine = new SearchEngine(app.dataset.index);
let sequence = 0;
let current = null;  // the last result set shown
let shown = 0;
let timer = null;
let placesShown = null;  // the place values listed, to redraw only when they change

// ---------------------------------------------------------------- state <-> URL

function readState() {
  const params = new URLSearchParams(location.search);
  const state = {};
  for (const k of STATE_KEYS) state[k] = params.get(k) || "";
  if (state.sort !== "date") state.sort = "";
  return state;
}

function radioValue(name) {
  const checked = form.querySelector(`input[name="${name}"]:checked`);
  return checked ? checked.value : "";
}

function formState() {
  const state = { q: input.value, sort: radioValue("sort") };
  for (const f of FACETS) state[f] = radioValue(f);
  state.since = dates.since.value;
  state.until = dates.until.value;
  return state;
}

function checkRadio(name, value) {
  for (const el of form.querySelectorAll(`input[name="${name}"]`)) el.checked = el.value === value;
}

function fillForm(state) {
  input.value = state.q;
  for (const f of FACETS) {
    if (state[f] && !lists[f].querySelector(`input[value="${CSS.escape(state[f])}"]`)) {
      lists[f].append(facetItem(f, { value: state[f], name: state[f].replace(/-/g, " "), count: 0 }));
    }
    checkRadio(f, state[f]);
  }
  checkRadio("sort", state.sort);
  dates.since.value = state.since;
  dates.until.value = state.until;
}

function stateUrl(state) {
  const params = new URLSearchParams();
  for (const k of STATE_KEYS) if (state[k]) params.set(k, state[k]);
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

async function showMore(result, seq, fetched = null) {
  const page = result.ranked.slice(shown, shown + PAGE_SIZE);
  const docs = await (fetched || engine.fragments(page.map(([d]) => d)));
  if (seq !== sequence) return;
  for (const doc of docs) list.append(resultItem(doc, result.highlight));
  shown += page.length;
  moreRow.hidden = shown >= result.ranked.length;
}

function facetName(facet, value) {
  const el = lists[facet].querySelector(`input[value="${CSS.escape(value)}"] + label .facet-name`);
  return el ? el.textContent : value;
}

/** "144 results for “drones” in Kharkiv, newest first." */
function describe(state, total) {
  const parts = [];
  if (state.q.trim()) parts.push(`for “${state.q.trim()}”`);
  const active = FACETS.filter((f) => state[f]).map((f) => facetName(f, state[f]));
  if (state.since || state.until) active.push(`${state.since || "…"} to ${state.until || "…"}`);
  if (active.length) parts.push(`in ${active.join(", ")}`);
  const n = total === 0 ? "No results" : total === 1 ? "1 result" : `${total.toLocaleString("en-GB")} results`;
  const order = total > 1 && (state.sort === "date" || !state.q.trim()) ? ", newest first" : "";
  return `${n} ${parts.join(" ")}`.trim() + order + ".";
}

/** The status line, with a "did you mean" link when there is one. */
function setStatus(text, suggestion = null, state = null) {
  status.replaceChildren(document.createTextNode(text));
  if (suggestion) {
    const a = document.createElement("a");
    a.href = stateUrl({ ...state, q: suggestion.query });
    a.textContent = suggestion.query;
    a.dataset.query = suggestion.query;
    const n = suggestion.total === 1 ? "1 result" : `${suggestion.total.toLocaleString("en-GB")} results`;
    status.append(document.createTextNode(" Did you mean "), a, document.createTextNode(`? (${n})`));
  }
}

// ---------------------------------------------------------------- facets

function facetItem(facet, row) {
  const li = document.createElement("li");
  const radio = document.createElement("input");
  radio.type = "radio";
  radio.name = facet;
  radio.value = row.value;
  radio.id = `f-${facet}-${row.value}`;
  const label = document.createElement("label");
  label.htmlFor = radio.id;
  const name = document.createElement("span");
  name.className = "facet-name";
  name.textContent = row.name;
  const count = document.createElement("span");
  count.className = "facet-count";
  const n = document.createElement("span");
  n.className = "n";
  n.textContent = String(row.count);
  const items = document.createElement("span");
  items.className = "visually-hidden";
  items.textContent = " items";
  count.append(n, items);
  label.append(name, document.createTextNode(" "), count);
  li.append(radio, label);
  return li;
}

/** Counts of each facet's values among the matches, every other filter applied. */
async function facetRows(state, result) {
  await Promise.all(FACETS.map((f) => engine.facet(f)));  // fetched side by side, then cached
  const out = {};
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
    out[f] = base === null
      ? (await engine.facet(f)).map((r) => ({ value: r.value, name: r.name, count: r.docs.size }))
      : await engine.counts(f, base);
    out[f].any = base === null ? engine.manifest.documents : base.size;
  }
  return out;
}

/** Put counts into the facet lists. Theatres, topics and sources keep every
 *  value in place (a value no match has is disabled, not removed); the place
 *  list, which scrolls inside a fixed height, lists the places matches have. */
function showCounts(rows, state) {
  for (const f of FACETS) {
    const anyCount = lists[f].querySelector('input[value=""] + label .n');
    if (anyCount) anyCount.textContent = String(rows[f].any);
    if (f === "place") {
      const wanted = rows[f].filter((r) => r.count || r.value === state[f]);
      const key = wanted.map((r) => r.value).join(" ");
      if (key !== placesShown) {
        const any = lists[f].firstElementChild;
        lists[f].replaceChildren(any, ...wanted.map((r) => facetItem(f, r)));
        placesShown = key;
        checkRadio(f, state[f]);
      }
    }
    const byValue = new Map(rows[f].map((r) => [r.value, r.count]));
    for (const radio of lists[f].querySelectorAll('input[type="radio"]')) {
      if (!radio.value) continue;
      const n = byValue.get(radio.value) || 0;
      const out = radio.nextElementSibling.querySelector(".n");
      if (out) out.textContent = String(n);
      radio.disabled = n === 0 && !radio.checked;
    }
  }
}

// ---------------------------------------------------------------- running

async function run(mode) {
  const seq = ++sequence;
  const state = formState();
  remember(state, mode);
  try {
    await engine.load();
    if (!state.q.trim() && !hasFilters(state)) {
      const rows = await facetRows(state, { q: null, scores: new Map(), ranked: [] });
      if (seq !== sequence) return;
      list.replaceChildren();
      moreRow.hidden = true;
      current = null;
      showCounts(rows, state);
      setStatus("Type to search every item.");
      app.dataset.state = "ready";
      return;
    }
    const result = await engine.search(state.q, state);
    if (seq !== sequence) return;
    // the first page, the facet counts and any suggestion load side by side
    const firstPage = engine.fragments(result.ranked.slice(0, PAGE_SIZE).map(([d]) => d));
    const [rows, suggestion, notice] = await Promise.all([
      facetRows(state, result), result.total ? null : engine.suggest(state.q, state), engine.notice(state.q)]);
    if (seq !== sequence) return;
    current = result;
    shown = 0;
    list.replaceChildren();
    showCounts(rows, state);
    await showMore(result, seq, firstPage);
    if (seq !== sequence) return;
    setStatus(describe(state, result.total) + (notice ? ` Note: ${notice}.` : ""), suggestion, state);
    app.dataset.state = "ready";
  } catch (err) {
    if (seq !== sequence) return;
    setStatus(`Search is unavailable: ${err.message}`);
    app.dataset.state = "error";
    document.getElementById("search-fallback").hidden = false;
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
form.addEventListener("change", (event) => {
  if (event.target === input) return;  // typing is handled as it happens
  clearTimeout(timer);
  run("push");
});
status.addEventListener("click", (event) => {
  const a = event.target.closest("a[data-query]");
  if (!a || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
  event.preventDefault();
  input.value = a.dataset.query;
  clearTimeout(timer);
  run("push");
  input.focus();
});
more.addEventListener("click", () => { if (current) showMore(current, sequence); });
window.addEventListener("popstate", () => { fillForm(readState()); run(null); });

async function start() {
  const state = readState();
  fillForm(state);
  try {
    const m = await engine.load();
    if (m.dates && m.dates.length) {
      for (const el of Object.values(dates)) { el.min = m.dates[0]; el.max = m.dates[1]; }
    }
    for (const f of FACETS) engine.facet(f).catch(() => {});  // needed for every count: start now
  } catch (err) {
    setStatus(`Search is unavailable: ${err.message}`);
    document.getElementById("search-fallback").hidden = false;
    return;
  }
  await run(null);
}

start();
