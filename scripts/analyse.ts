// `npm run analyse -- <file.csv> --measure <RR|OR|RD|MD|SMD|PLO|PFT> --method <FE|DL|REML|PM>
//  [--knha] [--mods <column>] [--json]`: pools the studies of a CSV whose columns are named as
// metafor's escalc() names them (or yi, vi) and prints the results; with --json, every number
// under metafor's names. `--dose-response linear|log|quadratic|rcs` instead fits a dose–response
// model to a CSV with dosresmeta's column names (scripts/analyse-dose-response.ts).
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { analyseCsv, CsvProblem, metaforNames } from "../lib/domain/stats/analysis-csv.ts";
import { MEASURES, METHOD_LABELS, METHODS, type Measure, type Method } from "../lib/domain/stats/meta.ts";
import { runDoseResponse } from "../lib/domain/stats/dose-response/index.ts";
import { doseResponseOptions, formatDoseResponse, OptionProblem } from "./analyse-dose-response.ts";

const usage = [
  "usage: npm run analyse -- <file.csv> --measure <RR|OR|RD|MD|SMD|PLO|PFT> --method <FE|DL|REML|PM> [--knha] [--mods <column>] [--json]",
  "       npm run analyse -- <file.csv> --dose-response <linear|log|quadratic|rcs> [--knots 0.1,0.5,0.9 | --knot-values a,b,c]",
  "         [--type <cc|ci|ir|md|smd>] [--one-stage | --arms <PLO|PFT|MN>] [--method <REML|ML|FE>] [--predict d1,d2,…] [--reference d] [--json]",
].join("\n");

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
      method: { type: "string" },
      knha: { type: "boolean", default: false },
      mods: { type: "string" },
      json: { type: "boolean", default: false },
      "dose-response": { type: "string" },
      knots: { type: "string" },
      "knot-values": { type: "string" },
      type: { type: "string" },
      "one-stage": { type: "boolean", default: false },
      arms: { type: "string" },
      predict: { type: "string" },
      reference: { type: "string" },
    },
  });
} catch (e) {
  fail(`${(e as Error).message}\n${usage}`);
}
const { values, positionals } = parsed;
const file = positionals[0];
if (!file) fail(`give a CSV file\n${usage}`);

function readText(name: string): string {
  try {
    return readFileSync(name, "utf8");
  } catch (e) {
    fail(`cannot read ${name}: ${(e as Error).message}`);
  }
}

if (values["dose-response"] !== undefined) {
  if (values.measure !== undefined || values.knha || values.mods !== undefined)
    fail(`--measure, --knha and --mods are for ordinary pooling, not --dose-response\n${usage}`);
  let options;
  try {
    options = doseResponseOptions({ ...values, "dose-response": values["dose-response"] });
  } catch (e) {
    if (e instanceof OptionProblem) fail(`${e.message}\n${usage}`);
    throw e;
  }
  const doseText = readText(file);
  try {
    const report = runDoseResponse(doseText, options);
    console.log(values.json ? JSON.stringify(report, null, 2) : formatDoseResponse(report));
  } catch (e) {
    if (e instanceof Error) fail(`${file}: ${e.message}`);
    throw e;
  }
  process.exit(0);
}

const measure = values.measure?.toUpperCase();
if (!measure || !(MEASURES as readonly string[]).includes(measure))
  fail(`--measure must be one of ${MEASURES.join(", ")}\n${usage}`);
const method = (values.method ?? "REML").toUpperCase();
if (!(METHODS as readonly string[]).includes(method))
  fail(`--method must be one of ${METHODS.join(", ")}\n${usage}`);

const text = readText(file);

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
