// `npm run bench:meta -- [--k 10000] [--runs 10]`: times pooling and meta-regression on k
// generated studies (seeded: log risk ratios around −0.5 with between-study SD 0.4, variances
// from 0.01 to 0.5, a dose moderator), for each tau² estimator, with and without Knapp–Hartung,
// plus Egger's test and the tau² confidence interval that every fit computes. Prints medians.
import { parseArgs } from "node:util";
import { eggerTest, metaAnalysis, METHODS } from "../lib/domain/stats/meta.ts";
import { mulberry32 } from "./synth.ts";

const { values } = parseArgs({
  options: { k: { type: "string", default: "10000" }, runs: { type: "string", default: "10" } },
});
const k = Number(values.k);
const runs = Number(values.runs);
const rand = mulberry32(7);
const normal = () => Math.sqrt(-2 * Math.log(rand() || 1e-12)) * Math.cos(2 * Math.PI * rand());
const logDose = Array.from({ length: k }, () => 5 + 3 * rand());
const vi = Array.from({ length: k }, () => 0.01 + 0.49 * rand());
const yi = vi.map((v, i) => -0.5 + 0.1 * (logDose[i]! - 6.5) + 0.4 * normal() + Math.sqrt(v) * normal());
const X = logDose.map((d) => [1, d]);

function time(fn: () => unknown): number {
  fn();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    fn();
    samples.push(performance.now() - t);
  }
  samples.sort((a, b) => a - b);
  return samples[Math.floor(samples.length / 2)]!;
}

console.info(
  `node ${process.version}; k = ${k.toLocaleString("en")} studies; medians of ${runs} runs after one warm-up`,
);
for (const method of METHODS) {
  for (const knha of [false, true]) {
    if (method === "FE" && knha) continue;
    const pooled = time(() => metaAnalysis(yi, vi, { method, knha }));
    const regression = time(() => metaAnalysis(yi, vi, { method, knha }, X));
    const r = metaAnalysis(yi, vi, { method, knha }, X);
    console.info(
      `  ${method.padEnd(4)}${knha ? " + Knapp–Hartung" : "                 "}  pooled ${pooled.toFixed(1)} ms, meta-regression on log dose ${regression.toFixed(1)} ms (slope ${r.b[1]!.toFixed(3)}, tau² ${r.tau2.toFixed(3)})`,
    );
  }
}
console.info(`  Egger's test (REML): ${time(() => eggerTest(yi, vi, { method: "REML" })).toFixed(1)} ms`);
