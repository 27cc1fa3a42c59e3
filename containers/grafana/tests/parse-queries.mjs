// Parses Grafana queries with the grammars Grafana's own editors use and reports, per query,
// the syntax errors and the metric names it selects.
//
//   stdin : [{ "id": "...", "language": "promql" | "logql" | "traceql", "query": "..." }, ...]
//   stdout: [{ "id": "...", "language": "...", "parsed": "...", "errors": [{ "offset": 12, "near": "..." }],
//              "metrics": ["gatewayz_http_requests_total", ...] }, ...]
//
// Grafana template variables are replaced first (see substituteVariables), because the grammars
// know nothing about them.
import { parser as promql } from '@prometheus-io/lezer-promql';
import { parser as logql } from '@grafana/lezer-logql';
import { parser as traceql } from '@grafana/lezer-traceql';
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

const parsers = { promql, logql, traceql };

// Built-in variables that stand for a duration, and those that stand for a number of (milli)seconds.
const durationVariables = new Set(['__rate_interval', '__interval', '__range', '__auto']);
const numberVariables = new Set(['__interval_ms', '__range_s', '__range_ms', '__rate_interval_ms']);

// A stand-in for a user variable used outside a string literal: a valid identifier, never
// reported as a metric name.
export const variablePlaceholderPrefix = '__grafana_var_';

const variablePattern = /\$\{([A-Za-z0-9_]+)(?::[^}]*)?\}|\$([A-Za-z0-9_]+)|\[\[([A-Za-z0-9_]+)(?::[^\]]*)?\]\]/y;

export function substituteVariables(query) {
  let out = '';
  let quote = null;
  for (let i = 0; i < query.length; ) {
    const c = query[i];
    if (quote) {
      if (c === '\\' && quote !== '`') { out += query.slice(i, i + 2); i += 2; continue; }
      if (c === quote) quote = null;
    } else if (c === '"' || c === "'" || c === '`') {
      quote = c;
    }
    variablePattern.lastIndex = i;
    const match = variablePattern.exec(query);
    if (match) {
      const name = match[1] ?? match[2] ?? match[3];
      out += quote ? replacementInString(name) : replacementInExpression(name, out);
      i += match[0].length;
      continue;
    }
    out += c;
    i++;
  }
  return out;
}

function replacementInString(name) {
  return durationVariables.has(name) ? '5m' : numberVariables.has(name) ? '300' : name;
}

function replacementInExpression(name, textBefore) {
  if (durationVariables.has(name)) return '5m';
  if (numberVariables.has(name)) return '300';
  // A user variable inside a range, subquery step or offset is a duration too.
  if (/(\[|:|\boffset)\s*$/.test(textBefore)) return '5m';
  return variablePlaceholderPrefix + name;
}

export function parseQuery(language, query) {
  const parser = parsers[language];
  if (!parser) return { errors: [{ offset: 0, near: `unknown query language '${language}'` }], metrics: [] };
  const parsed = substituteVariables(query);
  const tree = parser.parse(parsed);
  const errors = [];
  const metrics = new Set();
  if (parsed.trim() === '') errors.push({ offset: 0, near: 'empty query' });
  tree.iterate({
    enter(node) {
      if (node.type.isError) {
        errors.push({ offset: node.from, near: parsed.slice(Math.max(0, node.from - 20), node.from + 20) });
      } else if (language === 'promql') {
        collectMetricName(node, parsed, metrics);
      }
    },
  });
  return { parsed, errors, metrics: [...metrics].sort() };
}

// A PromQL metric name is the Identifier of a VectorSelector, or the value of an exact __name__ matcher.
function collectMetricName(node, text, metrics) {
  if (node.name === 'Identifier' && node.node.parent?.name === 'VectorSelector') {
    const name = text.slice(node.from, node.to);
    // A metric named by a template variable cannot be checked statically.
    if (!name.startsWith(variablePlaceholderPrefix)) metrics.add(name);
  } else if (node.name === 'UnquotedLabelMatcher') {
    const name = node.node.getChild('LabelName');
    const op = node.node.getChild('MatchOp');
    const value = node.node.getChild('StringLiteral');
    if (name && op && value && text.slice(name.from, name.to) === '__name__' && text.slice(op.from, op.to) === '=') {
      metrics.add(text.slice(value.from + 1, value.to - 1));
    }
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const input = JSON.parse(readFileSync(0, 'utf8'));
  const results = input.map(({ id, language, query }) => ({ id, language, ...parseQuery(language, query ?? '') }));
  process.stdout.write(JSON.stringify(results, null, 1));
}
