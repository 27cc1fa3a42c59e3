// Writes every dashboard to containers/grafana/dashboards/<folder>/<name>.json.
// Usage: node containers/grafana/generator/generate.mjs [--check]
// With --check nothing is written; the exit code is 1 when the JSON files differ from the generator.
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { fileName, dashboards as catalog } from './catalog.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const out = join(here, '..', 'dashboards');
const check = process.argv.includes('--check');

const files = new Map();
for (const module of readdirSync(join(here, 'dashboards')).filter((f) => f.endsWith('.mjs')).sort()) {
  for (const { folder, json } of (await import(`./dashboards/${module}`)).default) {
    const entry = Object.values(catalog).find((d) => d.uid === json.uid);
    files.set(join(out, folder, fileName(entry)), JSON.stringify(json, null, 2) + '\n');
  }
}

if (check) {
  const existing = existsSync(out) ? readdirSync(out, { recursive: true }).filter((f) => f.endsWith('.json')).map((f) => join(out, f)) : [];
  const stale = [
    ...[...files].filter(([path, text]) => !existsSync(path) || readFileSync(path, 'utf8') !== text).map(([path]) => path),
    ...existing.filter((path) => !files.has(path)),
  ];
  stale.forEach((path) => console.log(`out of date: ${relative(process.cwd(), path)}`));
  process.exit(stale.length ? 1 : 0);
}

rmSync(out, { recursive: true, force: true });
for (const [path, text] of files) {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, text);
}
console.log(`wrote ${files.size} dashboards to ${out}`);
