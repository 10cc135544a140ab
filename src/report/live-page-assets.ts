// The style and the script of the live page, served as files by tp itself
// (no CDN, nothing inline). The script builds the page from the events of
// /events with textContent and attributes only: a student's string is never
// markup. On a lost connection the browser reconnects by itself and the
// server sends the whole state again, so nothing stays stale.
import { GRADEBOOK_CSS } from './html-assets.js';

export const LIVE_CSS = `${GRADEBOOK_CSS}
#connection.up { color: var(--pass); font-weight: 600; } #connection.down { color: var(--error); font-weight: 600; }
.columns { display: flex; flex-wrap: wrap; gap: 2rem; }
.columns section { flex: 1 1 20rem; }
#exercise-table td { border: none; padding: .15rem .4rem; } #exercise-table progress { width: 8rem; }
#stuck-list li, #reason-list li { margin: .2rem 0; } .muted { color: #59636e; }
.heatmap tr.stale td.cell { opacity: .35; }
.heatmap th[scope=row] button { background: none; border: none; padding: 0; color: #0969da; cursor: pointer; font: inherit; text-align: left; }
.heatmap td.cell.changed { outline: 2px solid #0969da; }
#stuck-list button { background: none; border: none; padding: 0; color: #0969da; cursor: pointer; font: inherit; }
#report { position: fixed; top: 0; right: 0; bottom: 0; width: min(36rem, 100%); overflow: auto; background: #fff; border-left: 1px solid #d1d9e0; padding: 1rem; box-shadow: -4px 0 12px rgba(0,0,0,.1); }
#report ul { padding-left: 1.2rem; } #report .hint { color: #59636e; }
#chart { max-width: 100%; }
`;

export const LIVE_SCRIPT = `
(() => {
  'use strict';
  const token = new URLSearchParams(location.search).get('token') || '';
  const withToken = (path) => path + (path.includes('?') ? '&' : '?') + 'token=' + encodeURIComponent(token);
  const words = JSON.parse(document.body.dataset.words);
  const fill = (template, data) => template.replace(/\\{(\\w+)\\}/g, (whole, key) => (key in data ? String(data[key]) : whole));
  const SYMBOL = { pass: '✔', fail: '✘', error: '!', skip: '–', manual: '✎', '': '' };
  const make = (tag, className, text) => {
    const element = document.createElement(tag);
    if (className) element.className = className;
    if (text !== undefined) element.textContent = text;
    return element;
  };
  const duration = (ms) => {
    if (ms < 60000) return Math.round(ms / 1000) + ' s';
    const minutes = ms / 60000;
    if (minutes < 10) return (Math.round(minutes * 10) / 10) + ' min';
    if (minutes < 60) return Math.round(minutes) + ' min';
    return Math.floor(minutes / 60) + ' h ' + String(Math.round(minutes % 60)).padStart(2, '0');
  };

  let outline = null;
  let checks = [];
  const rows = new Map();
  const body = document.querySelector('#heatmap-table tbody');
  const head = document.querySelector('#heatmap-table thead');
  const filter = document.getElementById('filter');
  const connection = document.getElementById('connection');
  let openStudent = null;

  const buildHead = () => {
    head.replaceChildren();
    const first = make('tr');
    for (const name of ['student', 'score', 'status']) {
      const cell = make('th', '', words[name]);
      cell.rowSpan = 2;
      first.append(cell);
    }
    const second = make('tr');
    for (const exercise of outline.exercises) {
      const cell = make('th', 'exercise-head', exercise.title);
      cell.colSpan = exercise.checks.length;
      cell.title = exercise.id;
      first.append(cell);
      for (const check of exercise.checks) {
        const cellHead = make('th', 'check-head');
        cellHead.title = check.id + ': ' + check.title;
        cellHead.append(make('div', '', check.title));
        second.append(cellHead);
      }
    }
    head.append(first, second);
  };

  const rowElement = (row) => {
    let entry = rows.get(row.id);
    if (entry) return entry;
    const tr = make('tr');
    tr.dataset.student = row.id;
    const name = make('th');
    name.scope = 'row';
    const button = make('button', '', row.label);
    button.type = 'button';
    button.addEventListener('click', () => showReport(row.id));
    name.append(button);
    const score = make('td', 'num');
    const status = make('td');
    tr.append(name, score, status);
    const cells = checks.map((check) => {
      const cell = make('td', 'cell');
      cell.dataset.check = check.id;
      tr.append(cell);
      return cell;
    });
    body.append(tr);
    entry = { tr, button, score, status, cells, row: null };
    rows.set(row.id, entry);
    return entry;
  };

  const renderRow = (row) => {
    const entry = rowElement(row);
    const before = entry.row;
    entry.row = row;
    entry.button.textContent = row.label;
    entry.tr.dataset.status = row.status;
    entry.tr.classList.toggle('stale', row.status === 'error');
    entry.score.textContent = row.score === undefined ? '—' : row.score + '/' + outline.maxScore;
    entry.status.textContent = words[row.status] + (row.hintsUsed ? ' · ' + fill(words.hintsUsed, { count: row.hintsUsed }) : '');
    entry.status.className = 'status-' + row.status;
    entry.status.title = row.reason || '';
    row.cells.forEach((status, i) => {
      const cell = entry.cells[i];
      if (!cell) return;
      const changed = before !== null && before.cells[i] !== status;
      cell.className = 'cell ' + (status || 'none') + (changed ? ' changed' : '');
      cell.textContent = SYMBOL[status] || '';
      cell.title = checks[i].title + (row.messages[i] ? ' — ' + row.messages[i] : '');
    });
    applyFilter(entry);
    if (openStudent === row.id) showReport(row.id);
  };

  const applyFilter = (entry) => {
    const words = filter.value.toLowerCase().split(/\\s+/).filter(Boolean);
    const text = (entry.row.id + ' ' + entry.row.label).toLowerCase();
    entry.tr.hidden = !words.every((word) => text.includes(word));
  };
  filter.addEventListener('input', () => rows.forEach(applyFilter));

  const renderAggregate = (aggregate) => {
    document.getElementById('summary').textContent = fill(words.summary, aggregate);
    const exercises = document.querySelector('#exercise-table tbody');
    exercises.replaceChildren(...aggregate.exercises.map((exercise) => {
      const tr = make('tr');
      tr.dataset.exercise = exercise.id;
      const bar = make('progress');
      bar.max = Math.max(1, exercise.graded);
      bar.value = exercise.passed;
      const median = exercise.medianMs === undefined ? '' : fill(words.median, { time: duration(exercise.medianMs), timed: exercise.timed });
      const cells = [make('td', '', exercise.title), make('td'), make('td', 'num', fill(words.passed, exercise)), make('td', 'muted', median)];
      cells[1].append(bar);
      tr.append(...cells);
      return tr;
    }));
    document.getElementById('stuck-title').textContent = fill(words.stuck, { time: duration(aggregate.stuckAfterMs) });
    const now = Date.parse(aggregate.at);
    const stuck = aggregate.stuck.map((student) => {
      const li = make('li');
      li.dataset.student = student.id;
      const button = make('button', '', student.label);
      button.type = 'button';
      button.addEventListener('click', () => showReport(student.id));
      const time = duration(now - student.since);
      const what = student.kind === 'check' ? fill(words.stuckCheck, { check: student.check.title, time }) : fill(words.stuckIdle, { time });
      li.append(button, document.createTextNode(' — ' + what));
      if (student.check && student.check.message) li.append(make('div', 'muted', student.check.message));
      return li;
    });
    document.getElementById('stuck-list').replaceChildren(...(stuck.length ? stuck : [make('li', 'muted', words.noneStuck)]));
    const reasons = aggregate.reasons.map((reason) => {
      const li = make('li');
      li.dataset.reason = reason.messageId;
      li.append(make('strong', '', fill(words.reason, { count: reason.students, message: reason.sample })), make('div', 'muted', reason.checks.join(' · ')));
      return li;
    });
    document.getElementById('reason-list').replaceChildren(...(reasons.length ? reasons : [make('li', 'muted', words.noReasons)]));
  };

  let chartAt = 0;
  const refreshChart = () => {
    if (Date.now() - chartAt < 30000) return;
    chartAt = Date.now();
    document.getElementById('chart').src = withToken('chart.svg?at=' + chartAt);
  };

  const report = document.getElementById('report');
  const showReport = async (id) => {
    openStudent = id;
    const answer = await fetch(withToken('student?id=' + encodeURIComponent(id)), { cache: 'no-store' });
    if (!answer.ok || openStudent !== id) return;
    const data = await answer.json();
    const content = document.getElementById('report-body');
    const parts = [make('h3', '', data.label + ' (' + data.id + ')' + (data.report ? ' — ' + data.report.score + '/' + data.report.maxScore : ''))];
    if (data.reason) parts.push(make('p', 'status-error', data.reason));
    for (const exercise of (data.report ? data.report.exercises : [])) {
      parts.push(make('h4', '', (exercise.passed ? '✔ ' : '✘ ') + exercise.title + ' ' + exercise.score + '/' + exercise.maxScore));
      const list = make('ul');
      for (const check of exercise.checks) {
        const li = make('li', '', SYMBOL[check.status] + ' ' + check.title + (check.status === 'pass' ? '' : ' — ' + check.message));
        if (check.hint) li.append(make('div', 'hint', words.hint + ' ' + check.hint));
        list.append(li);
      }
      parts.push(list);
    }
    content.replaceChildren(...parts);
    report.hidden = false;
  };
  document.getElementById('close-report').addEventListener('click', () => {
    openStudent = null;
    report.hidden = true;
  });

  const connect = () => {
    const events = new EventSource(withToken('events'));
    events.addEventListener('open', () => {
      connection.textContent = words.connected;
      connection.className = 'up';
    });
    events.addEventListener('error', () => {
      connection.textContent = words.reconnecting;
      connection.className = 'down';
    });
    events.addEventListener('state', (event) => {
      const state = JSON.parse(event.data);
      outline = state.outline;
      checks = outline.exercises.flatMap((exercise) => exercise.checks);
      rows.clear();
      body.replaceChildren();
      buildHead();
      for (const row of state.rows) renderRow(row);
      renderAggregate(state.aggregate);
      document.body.dataset.state = 'ready';
    });
    events.addEventListener('rows', (event) => {
      if (!outline) return;
      for (const row of JSON.parse(event.data)) renderRow(row);
    });
    events.addEventListener('aggregate', (event) => {
      if (!outline) return;
      renderAggregate(JSON.parse(event.data));
      refreshChart();
    });
  };
  connect();
})();
`;
