// Trunk's post-build hook: writes DIR/service-worker.js, static/service-worker.js
// after the build's id (a digest of every file in DIR and of the worker's own
// source) and the list of files it caches. DIR is Trunk's staging directory,
// or the first argument (the end-to-end tests publish a changed build with it).
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const OUTPUT = 'service-worker.js';
const dir = resolve(process.argv[2] ?? process.env.TRUNK_STAGING_DIR ?? 'dist');
const source = readFileSync(resolve(import.meta.dirname, '../static/service-worker.js'), 'utf8');

const files = readdirSync(dir, { recursive: true })
  .map((path) => path.split('\\').join('/'))
  .filter((path) => path !== OUTPUT && statSync(join(dir, path)).isFile())
  .sort();
const digest = createHash('sha256').update(source);
for (const path of files) digest.update(`${path}\0`).update(readFileSync(join(dir, path))).update('\0');
const build = digest.digest('hex').slice(0, 16);

writeFileSync(join(dir, OUTPUT), `const BUILD = ${JSON.stringify(build)};\nconst FILES = ${JSON.stringify(files, null, 1)};\n${source}`);
console.log(`${OUTPUT}: build ${build}, ${files.length} files`);
