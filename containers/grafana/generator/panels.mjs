// Building blocks for the Gatewayz dashboards: datasources, variables, panels and a grid layout.
// Run `node containers/grafana/generator/generate.mjs` to rewrite containers/grafana/dashboards/.

export const ds = {
  prometheus: { type: 'prometheus', uid: 'grafana_prometheus' },
  mimir: { type: 'prometheus', uid: 'grafana_mimir' },
  loki: { type: 'loki', uid: 'grafana_loki' },
  tempo: { type: 'tempo', uid: 'grafana_tempo' },
  pyroscope: { type: 'grafana-pyroscope-datasource', uid: 'grafana_pyroscope' },
  postgres: { type: 'grafana-postgresql-datasource', uid: 'grafana_postgres' },
};

/** Label matchers for the `$provider` / `$model` variables (always `=~`, so "All" works). */
export const PM = 'provider=~"$provider", model=~"$model"';
export const P = 'provider=~"$provider"';

/** Keeps process_* series of gateway instances only (exporters and Prometheus have process_* metrics too). */
export const onGateway = '* on (job, instance) group_left () gatewayz_build_info';

// The repository has no public address yet, so runbooks are named by path; set RUNBOOK_BASE_URL
// (e.g. https://github.com/<owner>/<repo>/blob/main) when generating to get clickable links too.
const runbookBase = process.env.RUNBOOK_BASE_URL?.replace(/\/$/, '');
const runbookText = (anchor) => runbookBase
  ? `Runbook: [docs/runbooks.md#${anchor}](${runbookBase}/docs/runbooks.md#${anchor})`
  : `Runbook: \`docs/runbooks.md#${anchor}\``;
const runbookLinks = (anchor) => runbookBase
  ? [{ title: 'Runbook', url: `${runbookBase}/docs/runbooks.md#${anchor}`, targetBlank: true }]
  : undefined;

// Thresholds from seed 004: health score (0–100) red < 70, yellow < 85, green ≥ 85;
// error rate (percent) green < 1, yellow 1–5, orange 5–10, red ≥ 10.
export const thresholds = {
  health: steps(['red', null], ['yellow', 70], ['green', 85]),
  errorPercent: steps(['green', null], ['yellow', 1], ['orange', 5], ['red', 10]),
  errorRatio: steps(['green', null], ['yellow', 0.01], ['orange', 0.05], ['red', 0.1]),
  latency: steps(['green', null], ['yellow', 1], ['red', 5]),
  availability: steps(['red', null], ['green', 1]),
  ok: steps(['green', null]),
};

function steps(...pairs) {
  return { mode: 'absolute', steps: pairs.map(([color, value]) => ({ color, value })) };
}

// ---- variables ----------------------------------------------------------------------------

export function queryVariable(name, label, query, { datasource = ds.prometheus, multi = true } = {}) {
  return {
    name, label, type: 'query', datasource,
    query: { query, refId: `${name}-variable` },
    definition: query,
    refresh: 2, sort: 1, multi, includeAll: multi, allValue: multi ? '.*' : undefined,
    current: multi ? { selected: true, text: ['All'], value: ['$__all'] } : {},
  };
}

export const providerVariable = () =>
  queryVariable('provider', 'Provider', 'label_values(gatewayz_inference_requests_total, provider)');

export const modelVariable = () =>
  queryVariable('model', 'Model', 'label_values(gatewayz_inference_requests_total{provider=~"$provider"}, model)');

// ---- targets ------------------------------------------------------------------------------

/** A PromQL target; `legend` is Grafana's legendFormat. */
export const prom = (expr, legend = '', extra = {}) => ({ kind: 'prom', expr, legend, ...extra });
export const mimir = (expr, legend = '', extra = {}) => ({ kind: 'prom', datasource: ds.mimir, expr, legend, ...extra });
export const logql = (expr, extra = {}) => ({ kind: 'loki', expr, ...extra });
export const traceql = (query, extra = {}) => ({ kind: 'tempo', query, ...extra });
export const sql = (rawSql, format = 'table') => ({ kind: 'sql', rawSql, format });
export const profile = (labelSelector, profileTypeId = 'process_cpu:cpu:nanoseconds:cpu:nanoseconds') =>
  ({ kind: 'pyroscope', labelSelector, profileTypeId });

function toTarget(target, index, panelDatasource) {
  const refId = String.fromCharCode(65 + index);
  switch (target.kind) {
    case 'prom':
      return {
        refId, datasource: target.datasource ?? panelDatasource, expr: target.expr,
        legendFormat: target.legend || undefined, range: !target.instant, instant: !!target.instant,
        format: target.format, exemplar: target.exemplar || undefined, interval: target.interval,
      };
    case 'loki':
      return { refId, datasource: ds.loki, expr: target.expr, queryType: target.queryType ?? 'range', legendFormat: target.legend };
    case 'tempo':
      return { refId, datasource: ds.tempo, queryType: target.queryType ?? 'traceql', query: target.query, limit: target.limit ?? 20, tableType: 'traces' };
    case 'sql':
      return { refId, datasource: ds.postgres, editorMode: 'code', format: target.format, rawQuery: true, rawSql: target.rawSql };
    case 'pyroscope':
      return { refId, datasource: ds.pyroscope, queryType: 'profile', profileTypeId: target.profileTypeId, labelSelector: target.labelSelector, groupBy: [] };
    default:
      throw new Error(`unknown target kind ${target.kind}`);
  }
}

function datasourceOf(targets) {
  const first = targets[0];
  if (!first) return undefined;
  return { prom: first.datasource ?? ds.prometheus, loki: ds.loki, tempo: ds.tempo, sql: ds.postgres, pyroscope: ds.pyroscope }[first.kind];
}

// ---- panels -------------------------------------------------------------------------------

/**
 * Common panel shape. `options.runbook` adds a runbook link to the description,
 * `options.exemplars` turns exemplars on for every PromQL target (latency panels).
 */
function panel(type, title, targets, o = {}) {
  const datasource = o.datasource ?? datasourceOf(targets);
  const description = [o.description, o.runbook ? runbookText(o.runbook) : null]
    .filter(Boolean).join('\n\n');
  return {
    type, title, description: description || undefined, datasource,
    gridPos: { w: o.w ?? 12, h: o.h ?? 8 },
    targets: targets.map((t, i) => toTarget(o.exemplars && t.kind === 'prom' ? { ...t, exemplar: true } : t, i, datasource)),
    fieldConfig: {
      defaults: {
        unit: o.unit, min: o.min, max: o.max, decimals: o.decimals,
        thresholds: o.thresholds ?? thresholds.ok,
        color: o.thresholds ? { mode: 'thresholds' } : { mode: 'palette-classic' },
        mappings: o.mappings, custom: o.custom,
      },
      overrides: o.overrides ?? [],
    },
    options: o.options ?? {},
    links: o.runbook ? runbookLinks(o.runbook) : undefined,
    transformations: o.transformations,
  };
}

export const timeseries = (title, targets, o = {}) => panel('timeseries', title, targets, {
  ...o,
  custom: { drawStyle: 'line', lineWidth: 1, fillOpacity: o.stack ? 30 : 10, showPoints: 'never', stacking: { mode: o.stack ? 'normal' : 'none' }, ...o.custom },
  options: { legend: { displayMode: 'table', placement: 'bottom', calcs: ['mean', 'max', 'lastNotNull'] }, tooltip: { mode: 'multi', sort: 'desc' } },
});

/** A latency time series: seconds, exemplars on, p50/p95/p99 from one histogram. */
export function latency(title, histogram, by, selector, o = {}) {
  const sel = selector ? `{${selector}}` : '';
  const legend = by ? `{{${by}}} ` : '';
  const group = by ? `le, ${by}` : 'le';
  const quantiles = o.quantiles ?? [0.5, 0.95, 0.99];
  return timeseries(title, quantiles.map((q) =>
    prom(`histogram_quantile(${q}, sum by (${group}) (rate(${histogram}_bucket${sel}[$__rate_interval])))`, `${legend}p${q * 100}`)),
  { unit: 's', exemplars: true, ...o });
}

export const stat = (title, targets, o = {}) => panel('stat', title, targets.map((t) => ({ ...t, instant: t.kind === 'prom' ? true : undefined })), {
  w: 6, h: 4, ...o,
  options: { reduceOptions: { calcs: ['lastNotNull'], fields: '', values: false }, colorMode: 'background', graphMode: 'area', textMode: 'auto', justifyMode: 'auto', orientation: 'auto' },
});

export const gauge = (title, targets, o = {}) => panel('gauge', title, targets.map((t) => ({ ...t, instant: true })), {
  w: 6, h: 6, ...o,
  options: { reduceOptions: { calcs: ['lastNotNull'], fields: '', values: false }, showThresholdMarkers: true, showThresholdLabels: false },
});

export const bargauge = (title, targets, o = {}) => panel('bargauge', title, targets.map((t) => ({ ...t, instant: true })), {
  ...o,
  options: { reduceOptions: { calcs: ['lastNotNull'], fields: '', values: false }, displayMode: 'gradient', orientation: 'horizontal', showUnfilled: true },
});

/** An instant-query table; several targets are joined on their labels. */
export const table = (title, targets, o = {}) => panel('table', title, targets.map((t) => ({ ...t, instant: t.kind === 'prom' ? true : undefined, format: t.kind === 'prom' ? 'table' : t.format })), {
  w: 24, h: 8, ...o,
  options: { showHeader: true, cellHeight: 'sm', footer: { show: false } },
  transformations: o.transformations ?? (targets.length > 1 && targets[0].kind === 'prom'
    ? [{ id: 'merge', options: {} }, { id: 'organize', options: { excludeByName: { Time: true } } }]
    : [{ id: 'organize', options: { excludeByName: { Time: true } } }]),
});

export const stateTimeline = (title, targets, o = {}) => panel('state-timeline', title, targets, {
  h: 8, ...o,
  options: { mergeValues: true, showValue: 'auto', alignValue: 'left', rowHeight: 0.9, legend: { showLegend: true, displayMode: 'list', placement: 'bottom' } },
});

export const heatmap = (title, histogram, selector, o = {}) => panel('heatmap', title,
  [prom(`sum by (le) (increase(${histogram}_bucket${selector ? `{${selector}}` : ''}[$__rate_interval]))`, '{{le}}', { format: 'heatmap' })],
  { unit: 's', ...o, options: { calculate: false, yAxis: { unit: 's' }, color: { scheme: 'Oranges', mode: 'scheme' }, exemplars: { color: 'rgba(255,0,255,0.7)' }, cellGap: 1 } });

export const flamegraph = (title, labelSelector, o = {}) => panel('flamegraph', title, [profile(labelSelector, o.profileType)], { w: 24, h: 14, ...o });

export const logs = (title, expr, o = {}) => panel('logs', title, [logql(expr)], {
  w: 24, h: 12, ...o,
  options: { showTime: true, wrapLogMessage: true, sortOrder: 'Descending', enableLogDetails: true, prettifyLogMessage: false, dedupStrategy: 'none' },
});

export const traces = (title, query, o = {}) => panel('table', title, [traceql(query, o)], { w: 24, h: 10, ...o });

export const nodeGraph = (title, o = {}) => panel('nodeGraph', title, [traceql('', { queryType: 'serviceMap' })], { w: 24, h: 12, ...o });

export const text = (title, content, o = {}) => ({ type: 'text', title, gridPos: { w: o.w ?? 24, h: o.h ?? 3 }, options: { mode: 'markdown', content } });

export const row = (title) => ({ type: 'row', title, collapsed: false, gridPos: { w: 24, h: 1 }, panels: [] });

// ---- dashboard ----------------------------------------------------------------------------

/** Lays panels out left to right in Grafana's 24-column grid and numbers them. */
function layout(panels) {
  let x = 0, y = 0, rowHeight = 0, id = 1;
  return panels.map((p) => {
    const { w, h } = p.gridPos;
    if (p.type === 'row' || x + w > 24) { y += rowHeight; x = 0; rowHeight = 0; }
    const placed = { id: id++, ...p, gridPos: { h, w, x, y } };
    if (p.type === 'row') { y += 1; return placed; }
    x += w; rowHeight = Math.max(rowHeight, h);
    return placed;
  });
}

export function dashboard({ uid, title, folder, description, tags = [], variables = [], panels, links = [], refresh = '30s', time = 'now-1h' }) {
  return {
    folder,
    json: {
      uid, title, description, tags: ['gatewayz', ...tags],
      editable: true, graphTooltip: 1, schemaVersion: 39, version: 1,
      time: { from: time, to: 'now' }, timepicker: {}, timezone: 'browser', refresh,
      fiscalYearStartMonth: 0, liveNow: false, weekStart: '',
      annotations: { list: [{ builtIn: 1, datasource: { type: 'grafana', uid: '-- Grafana --' }, enable: true, hide: true, iconColor: 'rgba(0, 211, 255, 1)', name: 'Annotations & Alerts', type: 'dashboard' }] },
      links: links.map((target) => ({ title: target.title, type: 'link', url: `/d/${target.uid}`, icon: 'dashboard', tooltip: target.title, keepTime: true, includeVars: true, asDropdown: false, targetBlank: false, tags: [] })),
      templating: { list: variables },
      panels: layout(panels),
    },
  };
}
