// Reading a File alone, by each way a worker can: FileReaderSync slices,
// Blob.arrayBuffer() slices two ahead, File.stream(). Run by scripts/bench
// (`node tests/e2e/read-bench.mjs FILE`); the figures are in BENCHMARKS.md.
import { basename, resolve } from 'node:path';
import { statSync } from 'node:fs';
import { startHarness } from './harness.mjs';

const file = resolve(process.argv[2]);
const mb = statSync(file).size / 1e6;
const SLICE = 8 << 20;

/** The worker's code: reads the whole file one way and says how long it took. */
function reader() {
  onmessage = async ({ data: { file, how, slice } }) => {
    const t0 = performance.now();
    let bytes = 0;
    if (how === 'FileReaderSync') {
      const reader = new FileReaderSync();
      for (let at = 0; at < file.size; at += slice) bytes += reader.readAsArrayBuffer(file.slice(at, at + slice)).byteLength;
    } else if (how === 'Blob.arrayBuffer') {
      const pending = [];
      let at = 0;
      const ask = () => at < file.size && pending.push(file.slice(at, (at += slice)).arrayBuffer());
      ask();
      ask();
      while (pending.length) {
        bytes += (await pending.shift()).byteLength;
        ask();
      }
    } else {
      const stream = file.stream().getReader();
      for (let r = await stream.read(); !r.done; r = await stream.read()) bytes += r.value.byteLength;
    }
    postMessage({ ms: performance.now() - t0, bytes });
  };
}

const h = await startHarness();
const { page } = await h.open();
await page.evaluate(() => {
  const input = Object.assign(document.createElement('input'), { type: 'file', id: 'read-bench' });
  document.body.append(input);
});
await page.setInputFiles('#read-bench', [file]);
console.log(`read alone          ${basename(file)}, ${mb.toFixed(1)} MB, in a worker doing nothing else (best of 2)`);
for (const how of ['FileReaderSync', 'Blob.arrayBuffer', 'File.stream']) {
  let best = Infinity;
  for (let run = 0; run < 2; run++) {
    const result = await page.evaluate(
      ([code, how, slice]) =>
        new Promise((done) => {
          const url = URL.createObjectURL(new Blob([`(${code})()`], { type: 'text/javascript' }));
          const worker = new Worker(url);
          worker.onmessage = ({ data }) => {
            worker.terminate();
            done(data);
          };
          worker.onerror = (e) => done({ error: e.message });
          worker.postMessage({ file: document.querySelector('#read-bench').files[0], how, slice });
        }),
      [reader.toString(), how, SLICE],
    );
    if (result.error) throw new Error(`${how}: ${result.error}`);
    best = Math.min(best, result.ms);
  }
  const label = how === 'File.stream' ? how : `${how} (8 MB slices${how === 'Blob.arrayBuffer' ? ', two ahead' : ''})`;
  console.log(`read alone          ${label}: ${(mb / (best / 1000)).toFixed(0)} MB/s`);
}
await h.close();
