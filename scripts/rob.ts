// `tsx scripts/rob.ts <answers.csv> --tool rob2|robins-i|jbi-case-series [--variant assignment|adhering]
//  [--json]`: reads a CSV of signalling-question answers (a Study column, optionally a variant
// column, one column per question id) and prints each study's suggested domain and overall
// judgements — a table, or with --json every judgement with its reasons. Bad input: exit 2.
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { readAnswersCsv } from "../lib/domain/rob/answers-csv.ts";
import { assess } from "../lib/domain/rob/assess.ts";
import { domainColumns, getTool } from "../lib/domain/rob/tools.ts";
import { JUDGMENT_LABELS, TOOL_IDS, VARIANTS, type Variant } from "../lib/domain/rob/types.ts";

const usage =
  "usage: tsx scripts/rob.ts <answers.csv> --tool rob2|robins-i|jbi-case-series [--variant assignment|adhering] [--json]";

function fail(message: string): never {
  console.error(`rob: ${message}`);
  process.exit(2);
}

let parsed;
try {
  parsed = parseArgs({
    allowPositionals: true,
    options: {
      tool: { type: "string" },
      variant: { type: "string" },
      json: { type: "boolean", default: false },
    },
  });
} catch (e) {
  fail(`${(e as Error).message}\n${usage}`);
}
const { values, positionals } = parsed;
const file = positionals[0];
if (!file || positionals.length > 1) fail(`give one CSV file\n${usage}`);
const tool = TOOL_IDS.find((t) => t === values.tool?.toLowerCase());
if (!tool) fail(`--tool must be one of ${TOOL_IDS.join(", ")}\n${usage}`);
let variant: Variant | undefined;
if (values.variant !== undefined) {
  variant = VARIANTS.find((v) => v === values.variant?.toLowerCase());
  if (!variant) fail(`--variant must be assignment or adhering\n${usage}`);
  if (getTool(tool).variants.length === 0) fail(`${getTool(tool).name} has no variants`);
}

let text: string;
try {
  text = readFileSync(file, "utf8");
} catch (e) {
  fail(`cannot read ${file}: ${(e as Error).message}`);
}

const { rows, problems } = readAnswersCsv(text, tool, { variant });
if (problems.length > 0) {
  for (const p of problems)
    console.error(`${file}: line ${p.line}${p.column ? `, column ${p.column}` : ""}: ${p.message}`);
  process.exit(2);
}
if (rows.length === 0) fail(`${file}: no studies under the header`);

const results = rows.map((r) => ({ study: r.study, line: r.line, result: assess(r.input) }));

if (values.json) {
  console.log(
    JSON.stringify(
      {
        tool,
        studies: results.map(({ study, line, result }) => ({
          study,
          line,
          variant: result.variant,
          domains: result.domains.map((d) => ({
            id: d.domainId,
            name: d.name,
            suggested: d.suggested,
            reasons: d.reasons,
            consider: d.consider,
            warnings: d.warnings,
          })),
          overall: {
            suggested: result.overall.suggested,
            reasons: result.overall.reasons,
            multipleSomeConcerns: result.overall.multipleSomeConcerns,
          },
        })),
      },
      null,
      2,
    ),
  );
} else {
  const cols = domainColumns(tool);
  const word = (j: keyof typeof JUDGMENT_LABELS | null) => (j ? JUDGMENT_LABELS[j] : "—");
  const table = [
    ["Study", ...cols.map((c) => c.id), "Overall"],
    ...results.map(({ study, result }) => [
      study,
      ...result.domains.map((d) => word(d.suggested)),
      word(result.overall.suggested) + (result.overall.multipleSomeConcerns ? " *" : ""),
    ]),
  ];
  const widths = table[0]!.map((_, i) => Math.max(...table.map((r) => (r[i] ?? "").length)));
  for (const r of table)
    console.log(
      r
        .map((c, i) => c.padEnd(widths[i]!))
        .join("  ")
        .trimEnd(),
    );
  console.log("");
  for (const c of cols) console.log(`${c.id}: ${c.name}`);
  const notes: string[] = [];
  for (const { study, line, result } of results) {
    for (const d of result.domains) {
      if (d.suggested === null) notes.push(`${study} (line ${line}), ${d.domainId}: ${d.reasons.at(-1)}`);
      for (const w of d.warnings) notes.push(`${study} (line ${line}), ${d.domainId}: ${w}`);
    }
    if (result.overall.multipleSomeConcerns) {
      notes.push(
        `${study} (line ${line}): * some concerns in several domains; reviewers may judge the result high`,
      );
    }
  }
  if (notes.length > 0) {
    console.log("");
    for (const n of notes) console.log(n);
  }
}
