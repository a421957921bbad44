// Sitrep search engine for the browser: no framework, no dependencies.
//
// A line-by-line port of the Python side, so a query means the same thing and
// ranks the same way on /search/ as with `sitrep search`:
//   foldWord, tokenize      <- sitrep/text.py (fold_word, tokenize)
//   lex, parse, resolve     <- sitrep/search_query.py
//   scoring                 <- whoosh/scoring.py BM25F, combined as the Whoosh
//                              query of sitrep/search_index.py to_whoosh()
// The browser never stems: words are looked up in the vocabulary exported by
// Python (folded word -> index term), which already holds alias spellings.
// All index data is text; this module never builds HTML.

const APOSTROPHES = /[\u2019\u2018\u02bc`\u00b4]/g;
const DASHES = /[\u2010-\u2014]/g;
const TOKEN_RE = /\p{Nd}+(?:[.,]\p{Nd}+)*|[\p{L}\p{N}]+(?:'[\p{L}\p{N}]+)*/gu;
const MARKS = /\p{Mn}/gu;
const LEX_RE = /"([^"]*)"?|\(|\)|[^\s()"]+/g;

/** fold_word: lower case, no accents, no apostrophes, no possessive 's, no thousands separators. */
export function foldWord(word) {
  let w = word.replace(APOSTROPHES, "'").normalize("NFKD").replace(MARKS, "");
  w = w.toLowerCase().replace(/ß/g, "ss").replace(/ς/g, "σ");
  if (w.endsWith("'s")) w = w.slice(0, -2);
  if (/^\p{Nd}/u.test(w)) return w.replace(/,/g, "");
  return w.replace(/'/g, "");
}

/** tokenize: folded tokens with their offsets in `text` (UTF-16 units). */
export function tokenize(text) {
  const prepared = text.replace(APOSTROPHES, "'").replace(DASHES, "-");
  const out = [];
  for (const m of prepared.matchAll(TOKEN_RE)) {
    const folded = foldWord(m[0]);
    if (folded) out.push({ text: folded, start: m.index, end: m.index + m[0].length });
  }
  return out;
}

// ---------------------------------------------------------------- query language

/** lex: lexemes of a query within the limits (search_query.lex); `limits`
 *  is the manifest's query_limits, so both engines cut a query alike. */
export function lex(query, limits) {
  const chars = Array.from(query);  // code points, as Python slices
  return bounded(lexAll(chars.length > limits.chars ? chars.slice(0, limits.chars).join("") : query), limits);
}

/** queryNotice: why a query was cut, or null (search_query.query_notice). */
export function queryNotice(query, limits) {
  if (Array.from(query).length > limits.chars) {
    return `the query is longer than ${limits.chars} characters; only its first ${limits.chars} were searched`;
  }
  if (lexAll(query).length > limits.lexemes) {
    return `the query has more than ${limits.lexemes} words and operators; only the first ${limits.lexemes} were searched`;
  }
  return null;
}

/** bounded: the first `lexemes` lexemes, brackets at most `depth` deep, at
 *  most `nots` NOTs in a row (search_query._bounded): no query can nest the
 *  parser deeper than that. */
function bounded(lexemes, limits) {
  if (lexemes.length > limits.lexemes) {
    lexemes = lexemes.slice(0, limits.lexemes);
    const last = lexemes[lexemes.length - 1];
    if (last.prefix) lexemes[lexemes.length - 1] = { ...last, prefix: false };
  }
  const out = [];
  let depth = 0, ignored = 0, nots = 0;
  for (const lx of lexemes) {
    if (lx.kind === "(") {
      if (depth >= limits.depth) { ignored += 1; continue; }
      depth += 1;
    } else if (lx.kind === ")") {
      if (ignored) { ignored -= 1; continue; }
      depth = Math.max(depth - 1, 0);
    }
    if (lx.kind === "NOT") {
      nots += 1;
      if (nots > limits.nots) continue;
    } else nots = 0;
    out.push(lx);
  }
  return out;
}

function lexAll(query) {
  const out = [];
  for (const m of query.matchAll(LEX_RE)) {
    const raw = m[0];
    const atEnd = m.index + raw.length === query.length;
    if (raw.startsWith('"')) out.push({ kind: "phrase", text: m[1] || "" });
    else if (raw === "(" || raw === ")" || raw === "AND" || raw === "OR" || raw === "NOT") out.push({ kind: raw });
    else if (raw.startsWith("-") && raw.length > 1) {
      out.push({ kind: "NOT" });
      out.push({ kind: "word", text: raw.slice(1), prefix: atEnd });
    } else out.push({ kind: "word", text: raw, prefix: atEnd });
  }
  return out;
}

class Parser {
  constructor(lexemes) { this.lx = lexemes; this.i = 0; }
  peek() { return this.i < this.lx.length ? this.lx[this.i] : null; }
  parseOr() {
    const children = [this.parseAnd()];
    let lx;
    while ((lx = this.peek()) !== null && lx.kind === "OR") { this.i += 1; children.push(this.parseAnd()); }
    return children.length === 1 ? children[0] : { op: "or", children };
  }
  parseAnd() {
    const children = [];
    let lx;
    while ((lx = this.peek()) !== null && lx.kind !== "OR" && lx.kind !== ")") {
      if (lx.kind === "AND") { this.i += 1; continue; }
      children.push(this.parseUnary());
    }
    return children.length === 1 ? children[0] : { op: "and", children };
  }
  parseUnary() {
    const lx = this.peek();
    if (lx !== null && lx.kind === "NOT") {
      this.i += 1;
      const nxt = this.peek();
      if (nxt === null || nxt.kind === "OR" || nxt.kind === ")" || nxt.kind === "AND") return { op: "and", children: [] };
      return { op: "not", children: [this.parseUnary()] };
    }
    return this.parsePrimary();
  }
  parsePrimary() {
    const lx = this.lx[this.i];
    this.i += 1;
    if (lx.kind === "(") {
      const node = this.parseOr();
      const close = this.peek();
      if (close !== null && close.kind === ")") this.i += 1;
      return node;
    }
    const words = tokenize(lx.text).map((t) => t.text);
    if (lx.kind === "phrase") return { op: "phrase", words };
    if (words.length === 1) return { op: "word", words, prefix: lx.prefix };
    return { op: "phrase", words };
  }
}

/** parse: never fails; stray operators and brackets are ignored. */
export function parse(query, limits) {
  const parser = new Parser(lex(query, limits));
  const nodes = [];
  while (parser.peek() !== null) {
    if (parser.peek().kind === ")") { parser.i += 1; continue; }
    nodes.push(parser.parseOr());
  }
  return nodes.length === 1 ? nodes[0] : { op: "and", children: nodes };
}

/** Words a parsed query looks up (for fetching vocabulary parts first). */
function wordsOf(node, out = []) {
  if (node.words) out.push(...node.words);
  for (const c of node.children || []) wordsOf(c, out);
  return out;
}

const NONE = { op: "none" };

function leftNested(op, items) {
  let q = items[0];
  for (const nxt of items.slice(1)) q = { op, children: [q, nxt] };
  return q;
}

function cmpCodePoints(a, b) {
  const x = Array.from(a), y = Array.from(b);
  const n = Math.min(x.length, y.length);
  for (let i = 0; i < n; i++) {
    const d = x[i].codePointAt(0) - y[i].codePointAt(0);
    if (d) return d;
  }
  return x.length - y.length;
}

/** resolve: words to index terms (search_query.resolve). */
export function resolve(node, vocab, m) {
  const op = node.op;
  if (op === "word") {
    const word = node.words[0];
    if (m.stopwords.has(word)) return null;
    const exact = vocab.terms(word);  // its own term, then the words it also stands for
    if (node.prefix && Array.from(word).length >= m.min_prefix) {
      const expansions = vocab.expand(word).filter((t) => !exact.includes(t)).slice(0, m.max_expansions);
      const children = exact.map((t) => ({ op: "term", text: t, boost: 1 }))
        .concat(expansions.map((t) => ({ op: "term", text: t, boost: m.boost.prefix })));
      if (!children.length) return NONE;
      return children.length === 1 && exact.length ? children[0] : { op: "prefix", children };
    }
    if (!exact.length) return NONE;
    const terms = exact.map((t) => ({ op: "term", text: t, boost: 1 }));
    return terms.length === 1 ? terms[0] : { op: "any", children: terms };
  }
  if (op === "phrase") {
    const kept = node.words.filter((w) => !m.stopwords.has(w));
    if (!kept.length) return null;
    const terms = kept.map((w) => vocab.terms(w)[0] || null);
    if (terms.some((t) => t === null)) return NONE;
    if (terms.length === 1) return { op: "term", text: terms[0], boost: 1 };
    const pairs = [];
    for (let i = 0; i + 1 < terms.length; i++) pairs.push({ op: "pair", text: terms[i] + m.pair_joiner + terms[i + 1], boost: 1 });
    return leftNested("and", pairs);
  }
  if (op === "not") {
    const inner = resolve(node.children[0], vocab, m);
    return inner === null ? null : { op: "not", children: [inner] };
  }
  if (op === "or") {
    let kids = node.children.map((c) => resolve(c, vocab, m)).filter((k) => k !== null);
    kids = kids.filter((k) => k.op !== "none" && k.op !== "not");
    if (!kids.length) return node.children.length ? NONE : null;
    return leftNested("or", kids);
  }
  const kids = node.children.map((c) => resolve(c, vocab, m)).filter((k) => k !== null);
  if (kids.some((k) => k.op === "none")) return NONE;
  const positive = kids.filter((k) => k.op !== "not");
  const negative = kids.filter((k) => k.op === "not" && k.children[0].op !== "none").map((k) => k.children[0]);
  if (!positive.length) return kids.length ? NONE : null;
  let q = leftNested("and", positive);
  if (negative.length) q = { op: "andnot", children: [q, leftNested("or", negative)] };
  return q;
}

/** Terms and pair terms of a resolved query (search_query.query_terms); the
 *  terms of NOT clauses only with `all` (they are fetched, never highlighted). */
function queryTerms(q, terms = new Set(), pairs = new Set(), negated = false, all = false) {
  if (q.op === "term" && (all || !negated)) terms.add(q.text);
  if (q.op === "pair" && (all || !negated)) pairs.add(q.text);
  (q.children || []).forEach((c, i) => queryTerms(c, terms, pairs, negated || (q.op === "andnot" && i === 1), all));
  return { terms, pairs };
}

// ---------------------------------------------------------------- index files

/** fnv1a: 32-bit FNV-1a of UTF-8 bytes (search_export.fnv1a). */
export function fnv1a(text) {
  let h = 0x811c9dc5;
  for (const byte of new TextEncoder().encode(text)) {
    h ^= byte;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

function vocabKey(word, prefixLength) {
  const head = Array.from(word).slice(0, prefixLength).join("");
  return Array.from(new TextEncoder().encode(head), (b) => b.toString(16).padStart(2, "0")).join("");
}

function gapsToDocs(gaps) {
  const out = new Array(gaps.length);
  let n = 0;
  for (let i = 0; i < gaps.length; i++) { n += gaps[i]; out[i] = n; }
  return out;
}

/** The terms of one vocabulary value: "term", or [own term or null, other terms...]
 *  for a spelling that stands for other words too (search_query.Vocabulary). */
function termsOf(value) {
  if (typeof value === "string") return [value];
  const out = value[0] ? [value[0]] : [];
  for (const t of value.slice(1)) if (!out.includes(t)) out.push(t);
  return out;
}

class Vocabulary {
  constructor(parts, prefixLength) { this.parts = parts; this.prefixLength = prefixLength; }
  part(word) { return this.parts.get(vocabKey(word, this.prefixLength)) || {}; }
  terms(word) {
    const p = this.part(word);
    return Object.prototype.hasOwnProperty.call(p, word) ? termsOf(p[word]) : [];
  }
  expand(prefix) {
    const p = this.part(prefix);
    const own = (w) => (typeof p[w] === "string" ? p[w] : p[w][0]);
    const words = Object.keys(p).filter((w) => w.startsWith(prefix) && w !== prefix && own(w));
    words.sort((a, b) => (Array.from(a).length - Array.from(b).length) || cmpCodePoints(a, b));
    const terms = [];
    for (const w of words) if (!terms.includes(own(w))) terms.push(own(w));
    return terms;
  }
  surfacesOf(term) {
    const out = [];
    for (const p of this.parts.values()) {
      for (const [w, v] of Object.entries(p)) if ((typeof v === "string" ? v : v[0]) === term) out.push(w);
    }
    return out;
  }
  /** Every word of the parts loaded, with its terms (for suggestions). */
  *words() {
    for (const p of this.parts.values()) for (const [w, v] of Object.entries(p)) yield [w, termsOf(v)];
  }
}

/** One term's entries of the postings tiers (lower document numbers first)
 *  as one entry: per field [df, gaps, weights, lengths], df the lists' total
 *  length; "s" from the tier that has it. Each tier counts its first gap from 0. */
export function joinTiers(parts) {
  let out = null;
  const last = {};
  for (const e of parts) {
    if (!e) continue;
    out = out || {};
    if (e.s && !out.s) out.s = e.s;
    for (const key of ["h", "b"]) {
      if (!e[key]) continue;
      const [gaps, weights, lengths] = e[key];
      const o = out[key] || (out[key] = [0, [], [], []]);
      let n = 0, prev = last[key] || 0;
      for (let i = 0; i < gaps.length; i++) {
        n += gaps[i];
        o[1].push(n - prev);
        prev = n;
        o[2].push(weights[i]);
        o[3].push(lengths[i]);
      }
      o[0] += gaps.length;
      last[key] = prev;
    }
  }
  return out;
}

/** The JSON in a data file. Data files are stored gzip-compressed
 *  (sitrep.search.datafiles); a server that labels them
 *  `Content-Encoding: gzip` has the browser inflate them already, so the
 *  gzip magic bytes decide. */
async function inflateJson(buffer) {
  const bytes = new Uint8Array(buffer);
  if (bytes[0] !== 0x1f || bytes[1] !== 0x8b) return JSON.parse(new TextDecoder().decode(bytes));
  const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"));
  return new Response(stream).json();
}

export class SearchEngine {
  /** @param {string} base URL of the data folder, ending with "/" */
  constructor(base, fetchImpl = (url) => fetch(url)) {
    this.base = base;
    this.fetchImpl = fetchImpl;
    this.cache = new Map();
    this.manifest = null;
    this.fetched = [];  // every URL fetched, for tests and budgets
  }

  /** A data file, versioned by the manifest (`version`: a part's own
   *  version, so an unchanged part stays in the browser's cache). */
  async json(path, version = null) {
    if (!this.cache.has(path)) {
      const v = version || (this.manifest && this.manifest.build);
      const url = this.base + path + ".gz" + (v ? `?v=${v}` : "");
      this.fetched.push(path);
      const p = this.fetchImpl(url).then((r) => {
        if (r.status === 404) return null;
        if (!r.ok) throw new Error(`${r.status} ${url}`);
        return r.arrayBuffer().then(inflateJson);
      });
      this.cache.set(path, p);
      p.catch(() => this.cache.delete(path));
    }
    return this.cache.get(path);
  }

  async load() {
    if (!this.manifest) {
      const r = await this.fetchImpl(this.base + "manifest.json", { cache: "no-cache" });
      if (!r.ok) throw new Error(`search index missing (${r.status})`);
      this.fetched.push("manifest.json");
      const m = await r.json();
      m.stopwords = new Set(m.stopwords);
      this.manifest = m;
    }
    return this.manifest;
  }

  async vocabulary(words) {
    const m = await this.load();
    return this.vocabularyParts(words.map((w) => vocabKey(w, m.vocab_prefix)));
  }

  async vocabularyParts(keys) {
    const m = await this.load();
    const known = new Set(m.vocab_parts);
    keys = [...new Set(keys)].filter((k) => known.has(k));
    const parts = await Promise.all(keys.map((k) => this.json(`v/${k}.json`)));
    return new Vocabulary(new Map(keys.map((k, i) => [k, parts[i] || {}])), m.vocab_prefix);
  }

  /** term -> [df, gaps, weights, lengths] per field ("h", "b") and its
   *  surface words ("s"): the term's shard of each postings tier
   *  (search_postings.py), lists put end to end. */
  async postings(terms) {
    const m = await this.load();
    const tiers = m.postings.filter((t) => t.shards > 0);
    const pathOf = (tier, t) => `p/${tier.tier}/${fnv1a(t) % tier.shards}.json`;
    const wanted = new Map();
    for (const tier of tiers) for (const t of terms) wanted.set(pathOf(tier, t), tier.version);
    const paths = [...wanted.keys()];
    const loaded = await Promise.all(paths.map((p) => this.json(p, wanted.get(p))));
    const byPath = new Map(paths.map((p, i) => [p, loaded[i] || {}]));
    const out = new Map();
    for (const t of terms) {
      const parts = tiers.map((tier) => {
        const shard = byPath.get(pathOf(tier, t));
        return Object.prototype.hasOwnProperty.call(shard, t) ? shard[t] : null;
      });
      const entry = joinTiers(parts);
      if (entry) out.set(t, entry);
    }
    return out;
  }

  /** Why the query was cut to the limits, or null (shown with the results). */
  async notice(query) {
    const m = await this.load();
    return queryNotice(query, m.query_limits);
  }

  /** Parse and resolve a raw query (null: nothing to search for). */
  async compile(query) {
    const m = await this.load();
    const node = parse(query, m.query_limits);
    const vocab = await this.vocabulary(wordsOf(node));
    const q = resolve(node, vocab, m);
    const resolved = q !== null && q.op === "not" ? NONE : q;
    return { q: resolved, vocab };
  }

  // -- scoring ---------------------------------------------------------------

  /** Scores of one term (or pair) node: BM25F per field, headline boosted,
   *  summed the way Whoosh's Or([Term(h), Term(b)], boost) does. */
  termScores(node, entries) {
    const m = this.manifest;
    const { B, K1 } = m.bm25;
    const e = entries.get(node.text);
    const fields = node.op === "pair" ? ["headline_pairs", "body_pairs"] : ["headline", "body"];
    const out = new Map();
    if (!e) return out;
    const parts = [["h", fields[0], m.boost.headline], ["b", fields[1], 1.0]];
    for (const [key, field, boost] of parts) {
      if (!e[key]) continue;
      const [df, gaps, weights, lengths] = e[key];
      const idf = Math.log(m.doc_count / (df + 1)) + 1; // Whoosh's idf, on live documents
      const avgfl = m.avgfl[field];
      let n = 0;
      for (let i = 0; i < gaps.length; i++) {
        n += gaps[i];
        const tf = weights[i], fl = lengths[i];
        let s = idf * ((tf * (K1 + 1)) / (tf + K1 * ((1 - B) + B * fl / avgfl)));
        if (boost !== 1.0) s = s * boost;
        out.set(n, out.has(n) ? out.get(n) + s : s);
      }
    }
    if (node.boost !== undefined && node.boost !== 1) for (const [d, s] of out) out.set(d, s * node.boost);
    return out;
  }

  evaluate(q, entries) {
    switch (q.op) {
      case "term": case "pair": return this.termScores(q, entries);
      case "prefix": case "any": {
        const out = new Map();
        for (const c of q.children) for (const [d, s] of this.evaluate(c, entries)) out.set(d, out.has(d) ? Math.max(out.get(d), s) : s);
        return out;
      }
      case "and": {
        const a = this.evaluate(q.children[0], entries), b = this.evaluate(q.children[1], entries);
        const out = new Map();
        for (const [d, s] of a) if (b.has(d)) out.set(d, s + b.get(d));
        return out;
      }
      case "or": {
        const a = this.evaluate(q.children[0], entries), b = this.evaluate(q.children[1], entries);
        const out = new Map(a);
        for (const [d, s] of b) out.set(d, out.has(d) ? out.get(d) + s : s);
        return out;
      }
      case "andnot": {
        const a = this.evaluate(q.children[0], entries), b = this.evaluate(q.children[1], entries);
        const out = new Map();
        for (const [d, s] of a) if (!b.has(d)) out.set(d, s);
        return out;
      }
      default: return new Map();
    }
  }

  // -- facets ----------------------------------------------------------------

  /** {value -> Set of docnums} of a facet ("theatre", "topic", "place", "source"). */
  async facet(name) {
    const m = await this.load();
    const key = `facet:${name}`;
    if (!this.cache.has(key)) {
      this.cache.set(key, this.json(m.facets[name]).then((rows) => {
        if (name === "date") return rows.map(([date, gaps]) => ({ value: date, docs: gapsToDocs(gaps) }));
        return rows.map((r) => ({ value: r.value, name: r.name, docs: new Set(gapsToDocs(r.docs)) }));
      }));
    }
    return this.cache.get(key);
  }

  /** Documents allowed by the filters, or null when no filter is set. */
  async allowed(filters, except = null) {
    let allowed = null;
    const intersect = (docs) => {
      if (allowed === null) allowed = new Set(docs);
      else allowed = new Set([...allowed].filter((d) => docs.has(d)));
    };
    for (const name of ["theatre", "topic", "place", "source"]) {
      if (name === except || !filters[name]) continue;
      const rows = await this.facet(name);
      const row = rows.find((r) => r.value === filters[name]);
      intersect(row ? row.docs : new Set());
    }
    if (except !== "date" && (filters.since || filters.until)) {
      const rows = await this.facet("date");
      const since = filters.since || "0000-00-00", until = filters.until || "9999-99-99";
      const docs = new Set();
      for (const r of rows) if (r.value >= since && r.value <= until) r.docs.forEach((d) => docs.add(d));
      intersect(docs);
    }
    return allowed;
  }

  /** docnum -> YYYY-MM-DD of every document (from the date facet). */
  async dates() {
    if (!this.cache.has("dates")) {
      this.cache.set("dates", this.facet("date").then((rows) => {
        const dateOf = new Map();
        for (const r of rows) for (const d of r.docs) dateOf.set(d, r.value);
        return dateOf;
      }));
    }
    return this.cache.get("dates");
  }

  /** Documents newest first, then higher document number first: the order of
   *  `sitrep search --sort date` (search_index.SearchIndex._by_date). */
  async byDate(docs) {
    const dateOf = await this.dates();
    const ranked = [...docs].map((d) => [d, 0]);
    ranked.sort((a, b) => {
      const x = dateOf.get(a[0]), y = dateOf.get(b[0]);
      return x < y ? 1 : x > y ? -1 : b[0] - a[0];
    });
    return ranked;
  }

  /** Run a query. Returns {q, total, ranked: [[docnum, score]...], scores, highlight}.
   *  Ranked best first, ties by lower document number (as Whoosh); with
   *  filters.sort "date", the same matches newest first (score 0, as the CLI).
   *  An empty query with filters lists the filtered items newest first. */
  async search(query, filters = {}) {
    await this.load();
    const { q, vocab } = await this.compile(query);
    const allowed = await this.allowed(filters);
    if (q === null) {
      if (allowed === null) return { q, total: 0, ranked: [], scores: new Map(), highlight: emptyHighlight() };
      const ranked = await this.byDate(allowed);
      return { q, total: ranked.length, ranked, scores: new Map(ranked), highlight: emptyHighlight() };
    }
    if (q.op === "none") return { q, total: 0, ranked: [], scores: new Map(), highlight: emptyHighlight() };
    const { terms, pairs } = queryTerms(q);
    const needed = queryTerms(q, new Set(), new Set(), false, true);  // NOT clauses need postings too
    const entries = await this.postings([...needed.terms, ...needed.pairs]);
    let scores = this.evaluate(q, entries);
    const all = scores;
    if (allowed !== null) scores = new Map([...scores].filter(([d]) => allowed.has(d)));
    const ranked = filters.sort === "date"
      ? await this.byDate(scores.keys())
      : [...scores].sort((a, b) => (b[1] - a[1]) || (a[0] - b[0]));
    return { q, total: ranked.length, ranked, scores, unfiltered: all, highlight: this.highlighter(terms, pairs, entries, vocab) };
  }

  // -- "did you mean" -------------------------------------------------------

  /** Another spelling of a query that finds nothing: each word the index does
   *  not know is replaced by the closest word of the index's own vocabulary
   *  (alias spellings included) that starts with the same letter (or with its
   *  first two letters swapped), nearest first, then the one in most items.
   *  Returns {query, total} when the new query finds something with the same
   *  filters, else null. Fetches the vocabulary parts of those first letters. */
  async suggest(query, filters = {}) {
    const m = await this.load();
    const spans = [];
    for (const lx of query.matchAll(LEX_RE)) {
      const raw = lx[0];
      if (raw === "(" || raw === ")" || raw === "AND" || raw === "OR" || raw === "NOT") continue;
      const quoted = raw.startsWith('"');
      const negated = !quoted && raw.startsWith("-") && raw.length > 1;
      const base = lx.index + (quoted || negated ? 1 : 0);
      const text = quoted ? (lx[1] || "") : raw.slice(negated ? 1 : 0);
      const atEnd = lx.index + raw.length === query.length;
      for (const t of tokenize(text)) spans.push({ word: t.text, start: base + t.start, end: base + t.end, prefix: atEnd && !quoted });
    }
    const wanted = spans.filter((s) => !m.stopwords.has(s.word) && Array.from(s.word).length >= 3);
    if (!wanted.length) return null;
    const keys = [];
    for (const s of wanted) {
      const first = vocabKey(s.word, 1);  // UTF-8 is prefix-free: parts of words with this first letter
      keys.push(...m.vocab_parts.filter((k) => k.startsWith(first)), vocabKey(swapFirstTwo(s.word), m.vocab_prefix));
    }
    const vocab = await this.vocabularyParts(keys);
    let changed = false;
    let out = query;
    for (const s of [...wanted].reverse()) {  // from the end, so earlier offsets hold
      if (vocab.terms(s.word).length || (s.prefix && vocab.expand(s.word).length)) continue;
      const best = await this.closest(s.word, vocab);
      if (best === null) continue;
      const original = query.slice(s.start, s.end);
      out = out.slice(0, s.start) + matchCase(best, original) + out.slice(s.end);
      changed = true;
    }
    if (!changed) return null;
    const result = await this.search(out, filters);
    return result.total ? { query: out, total: result.total } : null;
  }

  /** The vocabulary word closest to `word` (null: none near enough): same
   *  first letter or first two swapped, fewest edits, then in most items
   *  (search_query.closest_word). */
  async closest(word, vocab) {
    const limit = maxEdits(word);
    const first = Array.from(word)[0];
    const swapped = Array.from(swapFirstTwo(word)).slice(0, 2).join("");
    const near = [];
    for (const [w, terms] of vocab.words()) {
      if (!terms.length || w === word || !(Array.from(w)[0] === first || w.startsWith(swapped))) continue;
      const d = editDistance(word, w, limit);
      if (d <= limit) near.push({ w, d, term: terms[0] });
    }
    if (!near.length) return null;
    near.sort((a, b) => (a.d - b.d) || cmpCodePoints(a.w, b.w));
    const top = near.filter((c) => c.d === near[0].d).slice(0, 8);
    const entries = await this.postings([...new Set(top.map((c) => c.term))]);
    const items = (t) => {
      const e = entries.get(t);
      if (!e) return 0;
      const docs = new Set();
      for (const key of ["h", "b"]) if (e[key]) gapsToDocs(e[key][1]).forEach((d) => docs.add(d));
      return docs.size;
    };
    const own = (c) => (c.w === c.term ? 0 : 1);  // a word that is its own term first
    top.sort((a, b) => (items(b.term) - items(a.term)) || (own(a) - own(b)) || cmpCodePoints(a.w, b.w));
    return top[0].w;
  }

  highlighter(terms, pairs, entries, vocab) {
    const surfaceTerm = new Map();
    const add = (t) => {
      const e = entries.get(t);
      for (const s of (e && e.s) || []) surfaceTerm.set(s, t);
      for (const s of vocab.surfacesOf(t)) surfaceTerm.set(s, t);
    };
    terms.forEach(add);
    const joiner = this.manifest.pair_joiner;
    for (const p of pairs) p.split(joiner).forEach(add);
    return { terms, pairs, surfaceTerm, joiner, stopwords: this.manifest.stopwords };
  }

  /** Result fragments (headline, url, text...) of documents, by docnum. */
  async fragments(docnums) {
    const m = await this.load();
    const chunks = [...new Set(docnums.map((d) => Math.floor(d / m.chunk_size)))];
    const loaded = await Promise.all(chunks.map((c) => this.json(`f/${c}.json`)));
    const byChunk = new Map(chunks.map((c, i) => [c, loaded[i] || []]));
    return docnums.map((d) => ({ docnum: d, ...(byChunk.get(Math.floor(d / m.chunk_size))[d % m.chunk_size] || {}) }));
  }

  /** Counts of each facet value among `docs` (a Map or Set of docnums). */
  async counts(name, docs) {
    const rows = await this.facet(name);
    return rows.map((r) => {
      let n = 0;
      for (const d of docs.keys()) if (r.docs.has(d)) n++;
      return { value: r.value, name: r.name, count: n };
    });
  }
}

/** Edits a misspelling of `word` may be away from the word meant. */
function maxEdits(word) {
  const n = Array.from(word).length;
  return n <= 4 ? 1 : n <= 8 ? 2 : 3;
}

/** "ikyv" -> "kyiv": a slip in the first two letters changes the vocabulary part. */
function swapFirstTwo(word) {
  const c = Array.from(word);
  return c.length > 2 ? c[1] + c[0] + c.slice(2).join("") : word;
}

/** Optimal string alignment distance (Damerau-Levenshtein with adjacent
 *  swaps), in code points; stops early past `limit`. */
export function editDistance(a, b, limit = Infinity) {
  const x = Array.from(a), y = Array.from(b);
  if (Math.abs(x.length - y.length) > limit) return limit + 1;
  let prev2 = null, prev = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i++) {
    const row = [i];
    let best = i;
    for (let j = 1; j <= y.length; j++) {
      const cost = x[i - 1] === y[j - 1] ? 0 : 1;
      let v = Math.min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + cost);
      if (prev2 && i > 1 && j > 1 && x[i - 1] === y[j - 2] && x[i - 2] === y[j - 1]) v = Math.min(v, prev2[j - 2] + 1);
      row.push(v);
      best = Math.min(best, v);
    }
    if (best > limit) return limit + 1;
    prev2 = prev;
    prev = row;
  }
  return prev[y.length];
}

/** `word` written the way the reader wrote `like`: Kharkiv for "Kharkof". */
function matchCase(word, like) {
  if (like.length > 1 && like === like.toUpperCase() && like !== like.toLowerCase()) return word.toUpperCase();
  const first = Array.from(like)[0] || "";
  if (first !== first.toLowerCase()) return word.charAt(0).toUpperCase() + word.slice(1);
  return word;
}

function emptyHighlight() {
  return { terms: new Set(), pairs: new Set(), surfaceTerm: new Map(), joiner: "_", stopwords: new Set() };
}

/** Which tokens of `text` to highlight: query terms, and both words of a
 *  matching phrase pair (stop words between them skipped, as in the index). */
export function markTokens(text, hl) {
  const toks = tokenize(text).filter((t) => !hl.stopwords.has(t.text));
  const termOf = toks.map((t) => hl.surfaceTerm.get(t.text));
  const marked = termOf.map((t) => t !== undefined && hl.terms.has(t));
  for (let i = 0; i + 1 < toks.length; i++) {
    if (termOf[i] !== undefined && termOf[i + 1] !== undefined && hl.pairs.has(termOf[i] + hl.joiner + termOf[i + 1])) {
      marked[i] = marked[i + 1] = true;
    }
  }
  return { toks, marked };
}

/** The stretch of `text` with most query words (search_index.snippet):
 *  [[text, highlighted], ...] pieces. */
export function snippet(text, hl, words) {
  const { toks, marked } = markTokens(text, hl);
  if (!toks.length) return text ? [[text.slice(0, 200), false]] : [];
  const window = Math.min(words, toks.length);
  let count = 0;
  for (let i = 0; i < window; i++) count += marked[i] ? 1 : 0;
  let best = 0, bestCount = -1;
  for (let start = 0; start + window <= toks.length; start++) {
    if (start) count += (marked[start + window - 1] ? 1 : 0) - (marked[start - 1] ? 1 : 0);
    if (count > bestCount) { best = start; bestCount = count; }
  }
  let first = 0;
  if (bestCount > 0) {  // centre the window on the marked words it holds
    const inside = [];
    for (let i = best; i < best + window; i++) if (marked[i]) inside.push(i);
    first = Math.max(0, Math.min(toks.length - window, Math.floor((inside[0] + inside[inside.length - 1]) / 2) - Math.floor(window / 2)));
  }
  const last = first + window - 1;
  const begin = first ? toks[first].start : 0;
  const end = last < toks.length - 1 ? toks[last].end : text.length;
  const pieces = [];
  if (begin) pieces.push(["… ", false]);
  let pos = begin;
  for (let i = first; i <= last; i++) {
    if (!marked[i]) continue;
    if (toks[i].start > pos) pieces.push([text.slice(pos, toks[i].start), false]);
    pieces.push([text.slice(toks[i].start, toks[i].end), true]);
    pos = toks[i].end;
  }
  if (end > pos) pieces.push([text.slice(pos, end), false]);
  if (end < text.length) pieces.push([" …", false]);
  return pieces;
}

/** Highlight pieces of a whole short text (a headline). */
export function highlightAll(text, hl) {
  const { toks, marked } = markTokens(text, hl);
  const pieces = [];
  let pos = 0;
  toks.forEach((t, i) => {
    if (!marked[i]) return;
    if (t.start > pos) pieces.push([text.slice(pos, t.start), false]);
    pieces.push([text.slice(t.start, t.end), true]);
    pos = t.end;
  });
  if (pos < text.length) pieces.push([text.slice(pos), false]);
  return pieces;
}
