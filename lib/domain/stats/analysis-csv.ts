// Reads a CSV of study data named as metafor's escalc() names its arguments (ai, bi, ci, di;
// xi, ni; m1i, sd1i, n1i, m2i, sd2i, n2i; or yi, vi), the columns the app's export writes, and
// fits the model. Shared by `npm run analyse` and tests; every problem names its line and column.
import { parseCsv } from "../import/evidence-table";
import {
  categoricalColumns,
  effectSizes,
  metaAnalysis,
  MEASURE_COLUMNS,
  type EffectData,
  type EscalcOptions,
  type Measure,
  type ModelOptions,
  type ModelResult,
} from "./meta";

export interface CsvAnalysis {
  result: ModelResult;
  /** Names of the coefficients: intrcpt, then the moderator's. */
  coefficients: string[];
  studies: { line: number; label: string; yi: number; vi: number }[];
  skipped: { line: number; reason: string }[];
}

const NUMERIC = [
  "ai",
  "bi",
  "ci",
  "di",
  "xi",
  "ni",
  "m1i",
  "sd1i",
  "n1i",
  "m2i",
  "sd2i",
  "n2i",
  "yi",
  "vi",
] as const;

export class CsvProblem extends Error {}

export function analyseCsv(
  text: string,
  options: ModelOptions & { measure: Measure; mods?: string; escalc?: EscalcOptions },
): CsvAnalysis {
  const rows = parseCsv(text.replace(/^\uFEFF/, ""));
  if (rows.length < 2) throw new CsvProblem("the file has no data rows under its header");
  const header = rows[0]!.cells.map((h) => h.trim());
  const col = (name: string) => header.findIndex((h) => h.toLowerCase() === name.toLowerCase());
  const hasEffects = col("yi") >= 0 && col("vi") >= 0;
  const needed = hasEffects ? ["yi", "vi"] : MEASURE_COLUMNS[options.measure];
  const absent = needed.filter((n) => col(n) < 0);
  if (absent.length) {
    throw new CsvProblem(
      `line 1: the header lacks ${absent.join(", ")} (for ${options.measure} give ${MEASURE_COLUMNS[options.measure].join(", ")}, or yi and vi)`,
    );
  }
  if (options.mods && col(options.mods) < 0)
    throw new CsvProblem(`line 1: there is no column "${options.mods}" for --mods`);
  const labelCol = ["study", "label", "author", "reference", "id"].map(col).find((i) => i >= 0);
  const studies: CsvAnalysis["studies"] = [];
  const skipped: CsvAnalysis["skipped"] = [];
  const modValues: string[] = [];
  const parsed = rows
    .slice(1)
    .filter((row) => !row.cells.every((c) => c.trim() === ""))
    .map((row) => {
      const data: EffectData = {};
      let bad: string | null = null;
      for (const name of NUMERIC) {
        const i = col(name);
        if (i < 0) continue;
        const raw = (row.cells[i] ?? "").trim();
        if (raw === "" || raw.toUpperCase() === "NA") continue;
        const v = Number(raw);
        if (!Number.isFinite(v)) {
          bad = `column ${name} holds "${raw}", not a number`;
          break;
        }
        data[name] = v;
      }
      return { row, data: bad ? {} : data, bad };
    });
  // All rows at once: escalc's to = "if0all" looks at the whole data set.
  const effects = effectSizes(
    options.measure,
    parsed.map((p) => p.data),
    options.escalc,
  );
  for (const [k, { row, bad }] of parsed.entries()) {
    const es = bad ? { error: bad } : (effects[k] ?? { error: "no effect size" });
    if ("error" in es) {
      skipped.push({ line: row.line, reason: es.error });
      continue;
    }
    if (options.mods) {
      const m = (row.cells[col(options.mods)] ?? "").trim();
      if (m === "" || m.toUpperCase() === "NA") {
        skipped.push({ line: row.line, reason: `no value for the moderator ${options.mods}` });
        continue;
      }
      modValues.push(m);
    }
    studies.push({
      line: row.line,
      label:
        labelCol !== undefined
          ? (row.cells[labelCol] ?? "").trim() || `line ${row.line}`
          : `line ${row.line}`,
      yi: es.yi,
      vi: es.vi,
    });
  }
  if (studies.length < 2) {
    throw new CsvProblem(
      `only ${studies.length} usable row${studies.length === 1 ? "" : "s"}${
        skipped.length ? `; ${skipped.map((s) => `line ${s.line}: ${s.reason}`).join("; ")}` : ""
      }`,
    );
  }
  let X: number[][] | undefined;
  let coefficients = ["intrcpt"];
  if (options.mods) {
    const numeric = modValues.every((v) => Number.isFinite(Number(v)));
    if (numeric) {
      X = modValues.map((v) => [1, Number(v)]);
      coefficients = ["intrcpt", options.mods];
    } else {
      const { levels, columns } = categoricalColumns(modValues);
      X = columns.map((c) => [1, ...c]);
      coefficients = ["intrcpt", ...levels.slice(1).map((l) => `${options.mods}${l}`)];
    }
  }
  const result = metaAnalysis(
    studies.map((s) => s.yi),
    studies.map((s) => s.vi),
    options,
    X,
  );
  return { result, coefficients, studies, skipped };
}

/** The results under the names metafor uses, for --json. */
export function metaforNames(a: CsvAnalysis) {
  const r = a.result;
  const one = r.p === 1;
  const vec = (v: number[]) => (one ? v[0]! : Object.fromEntries(a.coefficients.map((c, i) => [c, v[i]!])));
  return {
    k: r.k,
    p: r.p,
    method: r.method,
    test: r.test,
    df: r.df,
    b: vec(r.b),
    estimate: vec(r.b),
    se: vec(r.se),
    [r.test === "t" ? "tval" : "zval"]: vec(r.stat),
    pval: vec(r.pval),
    ci_lb: vec(r.ci_lb),
    ci_ub: vec(r.ci_ub),
    tau2: r.tau2,
    tau2_ci_lb: r.tau2_ci?.[0] ?? null,
    tau2_ci_ub: r.tau2_ci?.[1] ?? null,
    I2: r.I2,
    I2_ci_lb: r.I2_ci?.[0] ?? null,
    I2_ci_ub: r.I2_ci?.[1] ?? null,
    H2: r.H2,
    QE: r.QE,
    QEp: r.QEp,
    QM: r.QM,
    QMp: r.QMp,
    pi_lb: r.pi_lb,
    pi_ub: r.pi_ub,
    skipped: a.skipped,
  };
}
