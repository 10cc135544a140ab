// The style and the script of report.html, inlined in the page: the file must
// open anywhere (a USB key, a mail attachment) with no network at all.

export const GRADEBOOK_CSS = `
:root { --pass: #1a7f37; --fail: #cf222e; --error: #bf8700; --skip: #8c959f; --manual: #0969da; --none: #eaeef2; font-family: system-ui, sans-serif; }
body { margin: 1.5rem; color: #1f2328; }
h1 { font-size: 1.5rem; margin: 0 0 .25rem; } h2 { font-size: 1.2rem; margin-top: 2rem; }
.meta { color: #59636e; margin: .2rem 0; }
.incomplete { background: #fff8c5; border: 1px solid #d4a72c; padding: .5rem .75rem; border-radius: 6px; font-weight: 600; }
table { border-collapse: collapse; font-size: .85rem; }
th, td { border: 1px solid #d1d9e0; padding: .2rem .4rem; text-align: left; }
thead th { background: #f6f8fa; vertical-align: bottom; }
th[data-col] { cursor: pointer; user-select: none; }
th[aria-sort="ascending"]::after { content: " ▲"; } th[aria-sort="descending"]::after { content: " ▼"; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
.bar { display: inline-block; height: .7rem; background: var(--pass); vertical-align: middle; }
.bar-track { display: inline-block; width: 8rem; background: var(--none); margin-right: .4rem; }
.heatmap td.cell { width: 1.4rem; min-width: 1.4rem; text-align: center; color: #fff; padding: 0; }
.cell.pass { background: var(--pass); } .cell.fail { background: var(--fail); } .cell.error { background: var(--error); }
.cell.skip { background: var(--skip); } .cell.manual { background: var(--manual); } .cell.none { background: var(--none); color: #59636e; }
th.check-head { padding: .2rem 0; font-weight: 500; }
th.check-head > div { writing-mode: vertical-rl; transform: rotate(180deg); white-space: nowrap; max-height: 10rem; overflow: hidden; text-overflow: ellipsis; margin: 0 auto; }
th.exercise-head { text-align: center; font-size: .75rem; overflow: hidden; }
.status-error, .status-flagged { color: var(--error); font-weight: 600; } .status-pending { color: var(--skip); }
.controls { display: flex; gap: .75rem; align-items: center; margin: .5rem 0; }
.controls input { min-width: 16rem; padding: .25rem .4rem; }
.legend span { display: inline-block; padding: 0 .4rem; margin-right: .3rem; color: #fff; border-radius: 3px; }
details { border: 1px solid #d1d9e0; border-radius: 6px; margin: .4rem 0; padding: .3rem .6rem; }
details[open] { background: #f6f8fa; }
summary { cursor: pointer; font-weight: 600; }
.feedback li { margin: .15rem 0; } .feedback .hint { color: #59636e; }
.heatmap-wrap { overflow-x: auto; }
`;

// Sorting and filtering without a framework: rows carry `data-search` and
// `data-status`; sortable cells carry `data-value`; headers name their column.
export const GRADEBOOK_SCRIPT = `
(() => {
  const compare = (a, b) => {
    const x = Number(a), y = Number(b);
    if (a !== '' && b !== '' && !Number.isNaN(x) && !Number.isNaN(y)) return x - y;
    return String(a).localeCompare(String(b));
  };
  for (const table of document.querySelectorAll('table.sortable')) {
    const body = table.tBodies[0];
    for (const head of table.querySelectorAll('th[data-col]')) {
      head.addEventListener('click', () => {
        const col = Number(head.dataset.col);
        const ascending = head.getAttribute('aria-sort') !== 'ascending';
        for (const other of table.querySelectorAll('th[data-col]')) other.removeAttribute('aria-sort');
        head.setAttribute('aria-sort', ascending ? 'ascending' : 'descending');
        const value = (row) => { const cell = row.children[col]; return cell ? (cell.dataset.value ?? cell.textContent.trim()) : ''; };
        const rows = [...body.rows].sort((r1, r2) => (ascending ? 1 : -1) * compare(value(r1), value(r2)));
        body.append(...rows);
      });
    }
  }
  const filter = document.getElementById('filter');
  const status = document.getElementById('status-filter');
  const shown = document.getElementById('shown');
  const rows = [...document.querySelectorAll('#heatmap-table tbody tr')];
  const apply = () => {
    const words = filter.value.toLowerCase().split(/\\s+/).filter(Boolean);
    let count = 0;
    for (const row of rows) {
      const visible = words.every((word) => row.dataset.search.includes(word)) && (status.value === '' || row.dataset.status === status.value);
      row.hidden = !visible;
      if (visible) count += 1;
    }
    shown.textContent = shown.dataset.template.replace('{shown}', String(count)).replace('{total}', String(rows.length));
  };
  filter.addEventListener('input', apply);
  status.addEventListener('change', apply);
  apply();
  // A click on a student's name opens their feedback below.
  for (const link of document.querySelectorAll('a[href^="#fb-"]')) {
    link.addEventListener('click', () => { const target = document.getElementById(link.getAttribute('href').slice(1)); if (target) target.open = true; });
  }
})();
`;
