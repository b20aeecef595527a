// The cowlens panel's page. Plain JavaScript with no build step: the extension sorts, pages and
// formats every figure (client/src/panel/panel-model.ts) and posts the whole state; this script
// only draws it and reports what the user does. The message shapes are in client/src/panel/messages.ts.
(function () {
  'use strict';

  const vscode = acquireVsCodeApi();
  const SVG = 'http://www.w3.org/2000/svg';
  const CHART_WIDTH = 300;
  const CHART_HEIGHT = 100;
  const COLUMNS = [
    // A sidebar is narrow: headers show a short word, and say the whole name to screen readers and on hover.
    { key: 'location', title: 'Site', name: 'Site', numeric: false },
    { key: 'kind', title: 'Kind', name: 'Kind', numeric: false },
    { key: 'executions', title: 'Copies', name: 'Copies', numeric: true },
    { key: 'materialized', title: 'Mat.', name: 'Materialized (written)', numeric: true },
    { key: 'eager', title: 'Eager', name: 'Eager (copied at once, never shared)', numeric: true },
    { key: 'bytesCopied', title: 'Copied', name: 'Bytes copied', numeric: true },
    { key: 'bytesSaved', title: 'Saved', name: 'Bytes saved', numeric: true },
    { key: 'sharedMax', title: 'Shared', name: 'Most sharing one value', numeric: true },
  ];
  // Numbers read best largest first; names read best from A.
  const FIRST_DIRECTION = { location: 'ascending', kind: 'ascending' };

  // What survives the page being torn down while hidden: the last state drawn, which rows are
  // expanded, and which row had the focus. The extension posts a fresh state on load as well.
  const saved = vscode.getState() || {};
  let state = saved.state || null;
  const expanded = new Set(saved.expanded || []);
  let focusKey = saved.focusKey || null;

  const root = document.getElementById('cowlens-panel');
  const dom = build();

  if (state) render();
  window.addEventListener('message', (event) => {
    const message = event.data;
    if (message && message.type === 'state') {
      state = message.state;
      render();
    }
  });
  vscode.postMessage({ type: 'ready' });

  function persist() {
    vscode.setState({ state, expanded: [...expanded], focusKey });
  }

  function el(tag, attributes, children) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attributes || {})) node.setAttribute(name, String(value));
    for (const child of children || []) node.append(child);
    return node;
  }

  function svg(tag, attributes) {
    const node = document.createElementNS(SVG, tag);
    for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, String(value));
    return node;
  }

  function build() {
    const empty = document.getElementById('cowlens-empty');
    const run = el('p', { id: 'cowlens-run', class: 'run' });
    const totals = el('dl', { id: 'cowlens-totals', class: 'totals' });

    // The chart is a few polylines of inline SVG: a charting library would be far larger than the
    // whole panel, need a CSP exception or a bundle step, and bring its own colours, while SVG
    // strokes take VS Code's theme variables from panel.css and follow light, dark and high contrast.
    const lines = {
      bytesCopied: svg('polyline', { class: 'line copied', 'vector-effect': 'non-scaling-stroke' }),
      bytesSaved: svg('polyline', { class: 'line saved', 'vector-effect': 'non-scaling-stroke' }),
      rate: svg('polyline', { class: 'line rate', 'vector-effect': 'non-scaling-stroke' }),
    };
    const plot = svg('svg', {
      class: 'plot',
      viewBox: `0 0 ${CHART_WIDTH} ${CHART_HEIGHT}`,
      preserveAspectRatio: 'none',
      'aria-hidden': 'true',
    });
    plot.append(svg('line', { class: 'axis', x1: 0, y1: CHART_HEIGHT, x2: CHART_WIDTH, y2: CHART_HEIGHT, 'vector-effect': 'non-scaling-stroke' }));
    plot.append(lines.bytesCopied, lines.bytesSaved, lines.rate);
    const maxBytes = el('span', { class: 'axis-label max-bytes' });
    const maxRate = el('span', { class: 'axis-label max-rate' });
    const elapsed = el('span', { class: 'axis-label elapsed' });
    const legend = el('ul', { class: 'legend' }, [
      el('li', { class: 'copied' }, ['bytes copied']),
      el('li', { class: 'saved' }, ['bytes saved']),
      el('li', { class: 'rate' }, ['copies per second']),
    ]);
    const chart = el('figure', { id: 'cowlens-chart', class: 'chart', role: 'img' }, [
      el('div', { class: 'axis-labels top' }, [maxBytes, maxRate]),
      plot,
      el('div', { class: 'axis-labels bottom' }, [el('span', { class: 'axis-label' }, ['0']), elapsed]),
      legend,
    ]);

    const headRow = el('tr');
    const headers = new Map();
    for (const column of COLUMNS) {
      const button = el('button', { type: 'button', class: 'sort', 'data-key': column.key, 'aria-label': column.name, title: `Sort by ${column.name.toLowerCase()}` }, [
        column.title,
      ]);
      button.addEventListener('click', () => sortBy(column.key));
      const th = el('th', { scope: 'col', class: column.numeric ? 'numeric' : '' }, [button]);
      headers.set(column.key, th);
      headRow.append(th);
    }
    const body = el('tbody');
    body.addEventListener('keydown', onRowKey);
    body.addEventListener('click', onBodyClick);
    const columns = el('colgroup', {}, COLUMNS.map((column) => el('col', { class: column.key })));
    const table = el('table', { id: 'cowlens-sites', class: 'sites' }, [
      el('caption', {}, ['Copy sites']),
      columns,
      el('thead', {}, [headRow]),
      body,
    ]);
    const previous = el('button', { type: 'button', class: 'previous' }, ['Previous']);
    const next = el('button', { type: 'button', class: 'next' }, ['Next']);
    const pageLabel = el('span', { class: 'page-label', 'aria-live': 'polite' });
    previous.addEventListener('click', () => showPage(state.table.page - 1));
    next.addEventListener('click', () => showPage(state.table.page + 1));
    const pager = el('nav', { id: 'cowlens-pager', class: 'pager', 'aria-label': 'Pages of copy sites' }, [previous, pageLabel, next]);

    const hazardsHeading = el('h2', {}, ['Hazards']);
    const hazards = el('ul', { id: 'cowlens-hazards', class: 'hazards' });
    hazards.addEventListener('click', onBodyClick);
    const hazardSection = el('section', { class: 'hazard-section' }, [hazardsHeading, hazards]);

    // Hazards come before the table: they are about correctness, and a page of rows would push them out of sight.
    const content = el('div', { class: 'content' }, [run, totals, chart, hazardSection, el('div', { class: 'table-scroll' }, [table]), pager]);
    root.append(content);
    return { empty, content, run, totals, chart, lines, maxBytes, maxRate, elapsed, headers, body, previous, next, pageLabel, hazards, hazardSection };
  }

  function render() {
    persist();
    const hasRun = state.run !== null;
    dom.empty.hidden = hasRun;
    dom.content.hidden = !hasRun;
    if (!hasRun) return;
    renderRun();
    renderTotals();
    renderChart();
    renderTable();
    renderHazards();
  }

  function renderRun() {
    const { run } = state;
    const status = run.state === 'running' ? 'running' : 'finished';
    dom.run.dataset.state = run.state;
    dom.run.textContent = `Run ${run.runId} (${run.mode} mode) ${status}, ${run.elapsedLabel}: ${run.command}`;
    if (run.incomplete.length > 0) dom.run.append(el('span', { class: 'incomplete' }, [` Figures may be missing: ${run.incomplete.join('; ')}`]));
  }

  function renderTotals() {
    const { totals, run } = state;
    // In observe mode nothing is shared: the same count says what copy-on-write would have kept shared.
    const sharedTitle = run.mode === 'cow' ? 'Shared (not materialized)' : 'Would stay shared';
    // Nor is anything saved: the bytes are what copy-on-write would have saved.
    const savedTitle = run.mode === 'cow' ? 'Bytes saved' : 'Bytes copy-on-write would save';
    const entries = [
      ['copies', 'Copies', totals.copies],
      ['materialized', 'Materialized (written)', totals.materialized],
      ['eager', run.mode === 'cow' ? 'Eager (never shared)' : 'Eager in copy-on-write', totals.eager],
      ['bytes-copied', 'Bytes copied', totals.bytesCopied],
      ['bytes-saved', savedTitle, totals.bytesSaved],
      ['live-shared', sharedTitle, totals.liveShared],
      ['shared-max', 'Most sharing one value', totals.sharedMax],
      ['sites', 'Sites', totals.sites],
      ['hazards', 'Hazards', totals.hazards],
    ];
    const box = dom.totals;
    box.dataset.runId = String(run.runId);
    box.dataset.state = run.state;
    box.replaceChildren();
    for (const [name, title, figure] of entries) {
      box.dataset[camel(name)] = String(figure.value);
      box.append(el('div', { class: `total ${name}` }, [el('dt', {}, [title]), el('dd', { 'data-total': name }, [figure.label])]));
    }
  }

  function renderChart() {
    const { chart } = state;
    const points = chart.points;
    const last = points.length > 0 ? points[points.length - 1] : null;
    const span = last && last.elapsedMs > 0 ? last.elapsedMs : 1;
    let bytesTop = 0;
    let rateTop = 0;
    for (const point of points) {
      bytesTop = Math.max(bytesTop, point.bytesCopied, point.bytesSaved);
      rateTop = Math.max(rateTop, point.rate);
    }
    const x = (point) => ((point.elapsedMs / span) * CHART_WIDTH).toFixed(2);
    const y = (value, top) => (CHART_HEIGHT - (top > 0 ? (value / top) * CHART_HEIGHT : 0)).toFixed(2);
    // The byte lines start at the origin: nothing was copied when the run started.
    const from = `0,${CHART_HEIGHT} `;
    dom.lines.bytesCopied.setAttribute('points', from + points.map((p) => `${x(p)},${y(p.bytesCopied, bytesTop)}`).join(' '));
    dom.lines.bytesSaved.setAttribute('points', from + points.map((p) => `${x(p)},${y(p.bytesSaved, bytesTop)}`).join(' '));
    dom.lines.rate.setAttribute('points', points.map((p) => `${x(p)},${y(p.rate, rateTop)}`).join(' '));
    dom.maxBytes.textContent = chart.maxBytesLabel;
    dom.maxRate.textContent = chart.maxRateLabel;
    dom.elapsed.textContent = chart.elapsedLabel;
    dom.chart.dataset.points = String(points.length);
    const totals = state.totals;
    dom.chart.setAttribute(
      'aria-label',
      `Chart over ${chart.elapsedLabel}: ${totals.bytesCopied.label} copied, ${totals.bytesSaved.label} ${state.run.mode === 'cow' ? 'saved' : 'copy-on-write would save'}, at most ${chart.maxRateLabel} copies per second`,
    );
  }

  function renderTable() {
    const { table } = state;
    for (const [key, th] of dom.headers) {
      if (table.sort.key === key) th.setAttribute('aria-sort', table.sort.direction);
      else th.removeAttribute('aria-sort');
    }
    const refocus = dom.body.contains(document.activeElement) ? focusKey : null;
    const rows = [];
    for (const site of table.rows) {
      const open = expanded.has(site.key);
      const kind = site.deep ? `${site.kind} (deep)` : site.kind;
      const row = el(
        'tr',
        {
          class: 'site',
          tabindex: site.key === focusKey ? 0 : -1,
          'aria-expanded': open,
          'data-key': site.key,
          'data-file': site.file,
          'data-line': site.line,
          'data-column': site.column,
          'data-kind': site.kind,
          'data-uri': site.uri,
        },
        [
          el('td', { class: 'location', title: `${site.file}:${site.line}:${site.column}` }, [
            el('span', { class: 'cell' }, [
              el('span', { class: 'twisty', 'aria-hidden': 'true' }),
              el('span', { class: 'file' }, [site.file]),
              el('span', { class: 'position' }, [`:${site.line}:${site.column}`]),
            ]),
          ]),
          el('td', { class: 'kind', title: kind }, [kind]),
          numberCell(site.executions),
          numberCell(site.materialized),
          numberCell(site.eager),
          numberCell(site.bytesCopied),
          numberCell(site.bytesSaved),
          numberCell(site.sharedMax),
        ],
      );
      rows.push(row);
      if (open) rows.push(copyPointsRow(site));
    }
    if (rows.length === 0) rows.push(el('tr', { class: 'none' }, [el('td', { colspan: COLUMNS.length }, ['No copy site has run yet.'])]));
    dom.body.replaceChildren(...rows);
    const siteRows = dom.body.querySelectorAll('tr.site');
    // Keep one row in the tab order, so Tab reaches the table once and arrows move within it.
    if (siteRows.length > 0 && !dom.body.querySelector('tr.site[tabindex="0"]')) siteRows[0].tabIndex = 0;
    if (refocus !== null) {
      const row = rowByKey(refocus);
      if (row) row.focus();
    }
    dom.pageLabel.textContent = `Page ${table.page + 1} of ${table.pageCount} (${table.totalRows} sites)`;
    dom.previous.disabled = table.page === 0;
    dom.next.disabled = table.page >= table.pageCount - 1;
  }

  function copyPointsRow(site) {
    const items = site.copyPoints.map((point) =>
      el('li', {}, [
        locationControl(point),
        ` ${point.count.label}×, ${point.bytes.label}`,
      ]),
    );
    if (site.copyPoints.length === 0) items.push(el('li', { class: 'none' }, ['No copy point: no copy from here was written.']));
    if (site.moreCopyPoints > 0) items.push(el('li', { class: 'more' }, [`and ${site.moreCopyPoints} more`]));
    return el('tr', { class: 'copy-points', 'data-key': site.key }, [
      el('td', { colspan: COLUMNS.length }, [el('span', { class: 'label' }, ['Copy points (writes that made a private copy):']), el('ul', {}, items)]),
    ]);
  }

  // A location a click can open, or plain text when the write came from code without a file.
  function locationControl(location) {
    const text = `${location.file}:${location.line}:${location.column}`;
    if (location.uri === '' || location.line < 1) return el('span', { class: 'location' }, [location.file]);
    return el(
      'button',
      { type: 'button', class: 'reveal link', 'data-uri': location.uri, 'data-line': location.line, 'data-column': location.column },
      [text],
    );
  }

  function numberCell(figure) {
    return el('td', { class: 'numeric', 'data-value': figure.value }, [figure.label]);
  }

  function renderHazards() {
    const hazards = state.hazards;
    dom.hazardSection.hidden = hazards.length === 0;
    const items = hazards.map((hazard) =>
      el('li', { class: `hazard ${hazard.kind}`, 'data-kind': hazard.kind, 'data-file': hazard.file, 'data-line': hazard.line }, [
        el('div', { class: 'where' }, [locationControl(hazard), ` ${hazard.kind}, ${hazard.count.label}×`]),
        el('div', { class: 'message' }, [hazard.message]),
        el('div', { class: 'why' }, [hazard.whyItMatters]),
      ]),
    );
    if (state.moreHazards > 0) items.push(el('li', { class: 'more' }, [`and ${state.moreHazards} more`]));
    dom.hazards.replaceChildren(...items);
  }

  function rowByKey(key) {
    for (const row of dom.body.querySelectorAll('tr.site')) if (row.dataset.key === key) return row;
    return null;
  }

  function camel(name) {
    return name.replace(/-(\w)/g, (_, letter) => letter.toUpperCase());
  }

  function sortBy(key) {
    const current = state.table.sort;
    const direction =
      current.key === key ? (current.direction === 'ascending' ? 'descending' : 'ascending') : FIRST_DIRECTION[key] || 'descending';
    vscode.postMessage({ type: 'sort', sort: { key, direction } });
  }

  function showPage(page) {
    focusKey = null;
    vscode.postMessage({ type: 'page', page });
  }

  function reveal(uri, line, column, preserveFocus) {
    vscode.postMessage({ type: 'reveal', uri, line, column, preserveFocus });
  }

  function openRow(row, fromKeyboard) {
    const key = row.dataset.key;
    if (expanded.has(key)) expanded.delete(key);
    else expanded.add(key);
    setFocus(row);
    reveal(row.dataset.uri, Number(row.dataset.line), Number(row.dataset.column), fromKeyboard);
    renderTable();
    persist();
  }

  function setFocus(row) {
    for (const other of dom.body.querySelectorAll('tr.site[tabindex="0"]')) other.tabIndex = -1;
    row.tabIndex = 0;
    row.focus();
    focusKey = row.dataset.key;
    persist();
  }

  function onBodyClick(event) {
    const button = event.target.closest('button.reveal');
    if (button) {
      // A button activated with Enter or Space reports no pointer (detail 0): keep the focus then.
      reveal(button.dataset.uri, Number(button.dataset.line), Number(button.dataset.column), event.detail === 0);
      return;
    }
    const row = event.target.closest('tr.site');
    if (row) openRow(row, false);
  }

  function onRowKey(event) {
    const row = event.target.closest('tr.site');
    if (!row || event.target !== row) return;
    const rows = [...dom.body.querySelectorAll('tr.site')];
    const index = rows.indexOf(row);
    let target;
    switch (event.key) {
      case 'Enter':
      case ' ':
        event.preventDefault();
        openRow(row, true);
        return;
      case 'ArrowDown':
        target = rows[index + 1];
        break;
      case 'ArrowUp':
        target = rows[index - 1];
        break;
      case 'Home':
        target = rows[0];
        break;
      case 'End':
        target = rows[rows.length - 1];
        break;
      default:
        return;
    }
    event.preventDefault();
    if (target) setFocus(target);
  }
})();
