// `npm run analyse -- <file.csv> --measure <RR|OR|RD|MD|SMD|PLO|PFT> --method <FE|DL|REML|PM>
//  [--knha] [--mods <column>] [--json]`: pools the studies of a CSV whose columns are named as
// metafor's escalc() names them (or yi, vi) and prints the results; with --json, every number
// under metafor's names.
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { analyseCsv, CsvProblem, metaforNames } from "../lib/domain/stats/analysis-csv.ts";
import { MEASURES, METHOD_LABELS, METHODS, type Measure, type Method } from "../lib/domain/stats/meta.ts";

const usage =
  "usage: npm run analyse -- <file.csv> --measure <RR|OR|RD|MD|SMD|PLO|PFT> --method <FE|DL|REML|PM> [--knha] [--mods <column>] [--json]";

function fail(message: string): never {
  console.error(`analyse: ${message}`);
  process.exit(2);
}

let parsed;
try {
  parsed = parseArgs({
    allowPositionals: true,
    options: {
      measure: { type: "string" },
      method: { type: "string", default: "REML" },
      knha: { type: "boolean", default: false },
      mods: { type: "string" },
      json: { type: "boolean", default: false },
    },
  });
} catch (e) {
  fail(`${(e as Error).message}\n${usage}`);
}
const { values, positionals } = parsed;
const file = positionals[0];
if (!file) fail(`give a CSV file\n${usage}`);
const measure = values.measure?.toUpperCase();
if (!measure || !(MEASURES as readonly string[]).includes(measure))
  fail(`--measure must be one of ${MEASURES.join(", ")}\n${usage}`);
const method = values.method.toUpperCase();
if (!(METHODS as readonly string[]).includes(method))
  fail(`--method must be one of ${METHODS.join(", ")}\n${usage}`);

let text: string;
try {
  text = readFileSync(file, "utf8");
} catch (e) {
  fail(`cannot read ${file}: ${(e as Error).message}`);
}

try {
  const analysis = analyseCsv(text, {
    measure: measure as Measure,
    method: method as Method,
    knha: values.knha,
    mods: values.mods,
  });
  if (values.json) {
    console.log(JSON.stringify(metaforNames(analysis), null, 2));
  } else {
    const r = analysis.result;
    const f = (v: number) => v.toFixed(4);
    console.log(
      `${METHOD_LABELS[r.method]}${values.knha ? ", Knapp–Hartung" : ""}; k = ${r.k}, measure ${measure}`,
    );
    console.log(
      `tau^2 = ${f(r.tau2)}${r.tau2_ci ? ` [${f(r.tau2_ci[0])}, ${f(r.tau2_ci[1])}]` : ""}; I^2 = ${r.I2.toFixed(2)}%; H^2 = ${f(r.H2)}`,
    );
    console.log(`QE(df = ${r.k - r.p}) = ${f(r.QE)}, p = ${r.QEp.toPrecision(4)}`);
    if (r.QM !== null) console.log(`QM = ${f(r.QM)}, p = ${r.QMp!.toPrecision(4)}`);
    analysis.coefficients.forEach((c, i) =>
      console.log(
        `${c.padEnd(12)} estimate ${f(r.b[i]!)}  se ${f(r.se[i]!)}  ${r.test}val ${f(r.stat[i]!)}  p ${r.pval[i]!.toPrecision(4)}  CI [${f(r.ci_lb[i]!)}, ${f(r.ci_ub[i]!)}]`,
      ),
    );
    if (r.pi_lb !== null) console.log(`prediction interval [${f(r.pi_lb)}, ${f(r.pi_ub!)}]`);
    for (const s of analysis.skipped) console.log(`left out line ${s.line}: ${s.reason}`);
  }
} catch (e) {
  if (e instanceof CsvProblem || e instanceof Error) fail(`${file}: ${e.message}`);
  throw e;
}
