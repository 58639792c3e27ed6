// A robvis summary table brought in as consensus judgements (an admin's decision, noted as
// imported): every row names a study by its label (and, after " · ", an outcome), every judgement
// is one the tool allows, or nothing is written; problems are named by line and column.
import "server-only";
import { judgmentKeys, OVERALL } from "../domain/rob/consensus";
import { isBlank, parseCsv } from "../domain/rob/csv";
import { matchUnitLabel, uniqueStudyLabels, WHOLE_STUDY } from "../domain/rob/labels";
import { readRobvisCsv, RobvisCsvError, type RobvisProblem } from "../domain/rob/robvis";
import { getTool } from "../domain/rob/tools";
import type { Judgment } from "../domain/rob/types";
import type { ImportRobvisInput } from "../validation/rob";
import { db } from "./platform/db";
import { AppError } from "./platform/errors";
import { assertRole, type SessionUser } from "./platform/session-user";
import { audit } from "./sql/audit";
import { consensusRecord, queryToolStudies } from "./sql/rob";

const MAX_LISTED = 12;

function refuse(problems: RobvisProblem[]): never {
  const listed = problems
    .slice(0, MAX_LISTED)
    .map((p) => `line ${p.line}${p.column ? `, column ${p.column}` : ""}: ${p.message}`);
  const more = problems.length > MAX_LISTED ? ` (and ${problems.length - MAX_LISTED} more)` : "";
  throw new AppError("invalid", `Nothing was imported. ${listed.join("; ")}${more}.`);
}

export async function importRobvis(actor: SessionUser | null, input: ImportRobvisInput) {
  const user = assertRole(actor, "admin", "import risk-of-bias judgements");
  const tool = getTool(input.tool);
  let table;
  try {
    table = readRobvisCsv(input.csv, input.tool);
  } catch (e) {
    if (e instanceof RobvisCsvError) refuse(e.problems);
    throw e;
  }
  if (table.rows.length === 0)
    refuse([{ line: 2, column: null, message: "the file has no studies under its header" }]);
  if (!table.hasOverall) refuse([{ line: 1, column: null, message: "the file needs an Overall column" }]);
  const keys = judgmentKeys(input.tool);
  // The file's line of each row, as the reader counts them (blank lines skipped).
  const lines = parseCsv(input.csv)
    .filter((r) => !isBlank(r))
    .slice(1)
    .map((r) => r.line);
  return db().$transaction(async (tx) => {
    const labels = uniqueStudyLabels(await queryToolStudies(tx, input.tool));
    const problems: RobvisProblem[] = [];
    const writes: { studyId: string; outcome: string; judgments: Record<string, Judgment>; line: number }[] =
      [];
    const seen = new Map<string, number>();
    for (const [i, row] of table.rows.entries()) {
      const line = lines[i] ?? i + 2;
      const match = matchUnitLabel(row.study, labels);
      if ("error" in match) {
        problems.push({
          line,
          column: "1 (Study)",
          message:
            match.error === "ambiguous"
              ? `"${row.study}" names ${match.candidates.length} studies`
              : `"${row.study}" is not a study assessed with ${tool.name} (name it as the app's robvis file does, e.g. "Smith 2019 [12]" or "Smith 2019 [12] · ${WHOLE_STUDY}")`,
        });
        continue;
      }
      const outcome = match.outcome ?? input.outcome;
      const key = `${match.studyId}|${outcome}`;
      const before = seen.get(key);
      if (before !== undefined) {
        problems.push({ line, column: "1 (Study)", message: `the same study and outcome as line ${before}` });
        continue;
      }
      seen.set(key, line);
      const judgments: Record<string, Judgment> = {};
      for (const [k, col] of keys.map((k, c) => [k, c + 2] as const)) {
        const j = k === OVERALL ? row.overall : (row.domains[k] ?? null);
        const allowed = k === OVERALL ? tool.overallJudgments : tool.domainJudgments;
        if (j === null)
          problems.push({
            line,
            column: `${col} (${k === OVERALL ? "Overall" : k})`,
            message: "no judgement",
          });
        else if (!allowed.includes(j))
          problems.push({
            line,
            column: `${col} (${k === OVERALL ? "Overall" : k})`,
            message: `${tool.name} has no judgement "${j.replace("_", " ")}" here`,
          });
        else judgments[k] = j;
      }
      writes.push({ studyId: match.studyId, outcome, judgments, line });
    }
    if (problems.length > 0) refuse(problems);
    const note = "Imported from a robvis file";
    for (const w of writes) {
      const where = { studyId_outcome: { studyId: w.studyId, outcome: w.outcome } };
      const before = await tx.robConsensus.findUnique({ where });
      const data = {
        tool: input.tool,
        judgments: w.judgments,
        overall: w.judgments[OVERALL]!,
        note,
        setById: user.id,
      };
      await tx.robConsensus.upsert({
        where,
        create: { studyId: w.studyId, outcome: w.outcome, ...data },
        update: { ...data, version: { increment: 1 } },
      });
      await audit(tx, {
        actorId: user.id,
        action: "rob.import",
        entityType: "rob_consensus",
        entityId: `${w.studyId}:${w.outcome}`,
        studyId: w.studyId,
        before: before ? { outcome: w.outcome, ...consensusRecord(before) } : null,
        after: { outcome: w.outcome, ...consensusRecord(data), line: w.line },
      });
    }
    return { imported: writes.length };
  });
}
