// The /places/ table, sortable and filterable. Progressive enhancement: the
// page is a plain A–Z table without JavaScript; this module turns each column
// header into a sort button (aria-sort on the sorted header), shows the text
// filter (hidden in the HTML until it works) and says how many places match.
// Loaded as <script type="module" src>: no inline script or style (CSP
// default-src 'self').

const table = document.getElementById("places-table");
const tools = document.getElementById("places-tools");
const filter = document.getElementById("places-filter");
const shown = document.getElementById("places-shown");

if (table && tools && filter && shown) {
  const body = table.tBodies[0];
  const rows = [...body.rows];
  const headers = [...table.tHead.rows[0].cells];
  const total = rows.length;
  const fold = (s) => s.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLocaleLowerCase();
  // cells joined by a space: the rows' markup has none between them
  const texts = new Map(rows.map((r) => [r, fold([...r.cells].map((c) => c.textContent).join(" ").replace(/\s+/g, " "))]));

  // The value a row is sorted by in column `col` of type `kind`.
  function key(row, col, kind) {
    const cell = row.cells[col];
    if (kind === "number") return Number(cell.textContent.trim()) || 0;
    if (kind === "date") return cell.querySelector("time")?.dateTime || "";
    return fold(cell.textContent.trim());
  }

  function sortBy(col, direction) {
    const kind = headers[col].dataset.sort;
    const sign = direction === "ascending" ? 1 : -1;
    const keyed = rows.map((r, i) => [key(r, col, kind), key(r, 0, "text"), i, r]);
    keyed.sort((a, b) => {
      if (a[0] < b[0]) return -sign;
      if (a[0] > b[0]) return sign;
      // ties: A–Z by place, then the build's order
      return a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : a[2] - b[2];
    });
    body.append(...keyed.map((k) => k[3]));
    headers.forEach((h, i) => {
      if (i === col) h.setAttribute("aria-sort", direction);
      else h.removeAttribute("aria-sort");
    });
  }

  headers.forEach((th, col) => {
    if (!th.dataset.sort) return;
    const button = document.createElement("button");
    button.type = "button";
    button.className = "sort-button";
    button.append(...th.childNodes);
    const arrow = document.createElement("span");
    arrow.className = "sort-arrow";
    arrow.setAttribute("aria-hidden", "true");
    button.append(arrow);
    th.append(button);
    button.addEventListener("click", () => {
      const now = th.getAttribute("aria-sort");
      const first = th.dataset.first || (th.dataset.sort === "number" ? "descending" : "ascending");
      sortBy(col, now ? (now === "ascending" ? "descending" : "ascending") : first);
    });
  });

  function applyFilter() {
    const words = fold(filter.value).split(/\s+/).filter(Boolean);
    let count = 0;
    for (const row of rows) {
      const match = words.every((w) => texts.get(row).includes(w));
      row.hidden = !match;
      if (match) count += 1;
    }
    // the caption says how many there are; the status speaks only of a filter
    shown.textContent = words.length ? `${count} of ${total} places match “${filter.value.trim()}”` : "";
  }

  filter.addEventListener("input", applyFilter);
  tools.hidden = false;
  applyFilter();
}
