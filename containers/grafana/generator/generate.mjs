// Writes every dashboard to containers/grafana/dashboards/<folder>/<name>.json.
// Usage: node containers/grafana/generator/generate.mjs
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { fileName, dashboards as catalog } from './catalog.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const out = join(here, '..', 'dashboards');
const modules = readdirSync(join(here, 'dashboards')).filter((f) => f.endsWith('.mjs')).sort();

rmSync(out, { recursive: true, force: true });
let count = 0;
for (const module of modules) {
  for (const { folder, json } of (await import(`./dashboards/${module}`)).default) {
    const entry = Object.values(catalog).find((d) => d.uid === json.uid);
    mkdirSync(join(out, folder), { recursive: true });
    writeFileSync(join(out, folder, fileName(entry)), JSON.stringify(json, null, 2) + '\n');
    count++;
  }
}
console.log(`wrote ${count} dashboards to ${out}`);
