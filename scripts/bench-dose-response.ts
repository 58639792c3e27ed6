// `node_modules/.bin/tsx scripts/bench-dose-response.ts [studies]`: times a two-stage REML
// dose–response meta-analysis with a restricted cubic spline (3 knots) on generated data —
// 1,000 studies × 4 arms (incidence-rate data, so the Greenland–Longnecker covariances are
// reconstructed for every study) — as the median of 5 runs after a warm-up, and prints the
// machine's state (load average, CPU) beside it. Target: at most 1 s on a 2-core machine.
import os from "node:os";
import { fitDoseResponse, type DoseResponseData } from "../lib/domain/stats/dose-response/index.ts";
import { mulberry32 } from "../lib/domain/stats/dose-response/results.ts";

const studies = Number(process.argv[2] ?? 1000);

function generate(k: number, seed: number): DoseResponseData {
  const u = mulberry32(seed);
  const normal = () => Math.sqrt(-2 * Math.log(u() || 1e-300)) * Math.cos(2 * Math.PI * u());
  const trend = (d: number) => 0.25 * Math.log1p(d / 5) - 0.004 * d;
  return {
    kind: "logrr",
    studies: Array.from({ length: k }, (_, s) => {
      const doses = [0, ...[1, 2, 3].map((j) => Math.round((j * 8 + 6 * u()) * 10) / 10)];
      // each study's curve differs from the pooled one (between-study heterogeneity)
      const slope = 1 + 0.5 * normal();
      const bend = 0.004 * normal();
      const baseRate = 0.005 + 0.01 * u();
      const arms = doses.map((dose, j) => {
        const n = Math.round(20000 + 40000 * u());
        const cases = Math.max(5, Math.round(n * baseRate * Math.exp(slope * trend(dose) + bend * dose)));
        return { dose, cases, n, line: s * 4 + j + 2 };
      });
      const ref = arms[0];
      return {
        id: `S${s + 1}`,
        type: "ir" as const,
        arms: arms.map((a, j) => {
          if (!ref || j === 0) return { ...a, logrr: 0, se: null };
          const se = 1.05 * Math.sqrt(1 / a.cases + 1 / ref.cases);
          const crude = Math.log(a.cases / a.n / (ref.cases / ref.n));
          return { ...a, logrr: crude + 0.05 * normal(), se };
        }),
      };
    }),
  };
}

const data = generate(studies, 20240611);
const options = { shape: "rcs" as const, knots: [0.1, 0.5, 0.9], draws: 0, predict: [0, 10, 20, 30] };

const run = () => {
  const t0 = performance.now();
  const report = fitDoseResponse(data, options);
  return { ms: performance.now() - t0, report };
};

run(); // warm-up
const times: number[] = [];
let last = run();
for (let i = 0; i < 5; i++) {
  last = run();
  times.push(last.ms);
}
times.sort((a, b) => a - b);
const median = times[2] ?? NaN;
const t0 = performance.now();
const withSummary = fitDoseResponse(data, { ...options, draws: 1000 });
const summaryMs = performance.now() - t0;

const cpus = os.cpus();
console.log(
  `dose-response two-stage REML, rcs 3 knots: ${studies} studies × 4 arms, median of 5 runs ${median.toFixed(0)} ms ` +
    `(runs: ${times.map((t) => t.toFixed(0)).join(", ")} ms; target ≤ 1000 ms)`,
);
console.log(
  `with the dose summaries (1,000 simulation draws): ${summaryMs.toFixed(0)} ms; ` +
    `coefficients ${last.report.coefficients.map((c) => c.estimate.toFixed(4)).join(", ")}, ` +
    `Psi ${JSON.stringify(last.report.Psi?.map((r) => r.map((v) => Number(v.toPrecision(3)))))}, I² ${last.report.heterogeneity?.I2.toFixed(1)}%, converged ${last.report.converged}, ` +
    `ED50 ${withSummary.summary.ed50.dose?.toFixed(2) ?? "–"}`,
);
console.log(
  `machine: ${cpus.length} × ${cpus[0]?.model ?? "unknown CPU"}; load average ${os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(" ")}; node ${process.version}`,
);
