// The data behind robvis's two risk-of-bias plots — the traffic-light matrix (studies × domains
// and overall) and the summary bar per domain, optionally weighted by the studies' weights in
// the meta-analysis — with robvis's colours and a colour-blind-safe set. Data only: no React.
import { domainColumns } from "./tools";
import { PALETTES, SYMBOLS, type Palette } from "./palette";
import { JUDGMENT_LABELS, JUDGMENTS, type Judgment, type ToolId } from "./types";

export { PALETTES, SYMBOLS, type Palette } from "./palette";

/** The judgements each tool's plots show, from best to worst (robvis's legend order). */
export const TOOL_LEVELS: Record<ToolId, readonly Judgment[]> = {
  // robvis's ROB2 template also accepts "No information".
  rob2: ["low", "some_concerns", "high", "no_information"],
  "robins-i": ["low", "moderate", "serious", "critical", "no_information"],
  "jbi-case-series": ["low", "some_concerns", "high", "no_information", "not_applicable"],
};

export interface StudyJudgments {
  studyId: string;
  label?: string;
  /** Final judgement per domain id ("D1"); null or absent = not assessed. */
  domains: Readonly<Partial<Record<string, Judgment | null>>>;
  overall: Judgment | null;
}

export interface PlotColumn {
  /** "D1" … or "overall". */
  id: string;
  short: string;
  name: string;
}

export interface LegendEntry {
  judgment: Judgment;
  label: string;
  colour: string;
  symbol: string;
}

export interface TrafficLightCell {
  columnId: string;
  judgment: Judgment | null;
  label: string;
  colour: string | null;
  symbol: string;
}

export interface TrafficLight {
  columns: PlotColumn[];
  rows: { studyId: string; label: string; cells: TrafficLightCell[] }[];
  legend: LegendEntry[];
}

function columns(tool: ToolId, overall: boolean): PlotColumn[] {
  const cols: PlotColumn[] = domainColumns(tool);
  if (overall) cols.push({ id: "overall", short: "Overall", name: "Overall risk of bias" });
  return cols;
}

function judgmentIn(study: StudyJudgments, columnId: string): Judgment | null {
  return columnId === "overall" ? study.overall : (study.domains[columnId] ?? null);
}

function levelsFor(tool: ToolId, seen: Iterable<Judgment | null>): Judgment[] {
  // A judgement outside the tool's usual set (say, read from someone's robvis file) still shows.
  const present = new Set(seen);
  return JUDGMENTS.filter((j) => TOOL_LEVELS[tool].includes(j) || present.has(j));
}

function legend(levels: readonly Judgment[], palette: Palette): LegendEntry[] {
  return levels.map((j) => ({
    judgment: j,
    label: JUDGMENT_LABELS[j],
    colour: PALETTES[palette][j],
    symbol: SYMBOLS[j],
  }));
}

export function trafficLight(
  tool: ToolId,
  studies: readonly StudyJudgments[],
  options: { palette?: Palette; overall?: boolean } = {},
): TrafficLight {
  const palette = options.palette ?? "robvis";
  const cols = columns(tool, options.overall ?? true);
  const rows = studies.map((s) => ({
    studyId: s.studyId,
    label: s.label ?? s.studyId,
    cells: cols.map((c): TrafficLightCell => {
      const j = judgmentIn(s, c.id);
      return {
        columnId: c.id,
        judgment: j,
        label: j ? JUDGMENT_LABELS[j] : "Not assessed",
        colour: j ? PALETTES[palette][j] : null,
        symbol: j ? SYMBOLS[j] : "",
      };
    }),
  }));
  const seen = studies.flatMap((s) => cols.map((c) => judgmentIn(s, c.id)));
  return { columns: cols, rows, legend: legend(levelsFor(tool, seen), palette) };
}

export interface SummaryShare {
  judgment: Judgment;
  label: string;
  colour: string;
  /** Share of the column's total weight (or of its studies), 0–1; the shares sum to 1, or are
   * all 0 when the column's total is 0. */
  share: number;
  weight: number;
  studies: number;
}

export interface SummaryColumn extends PlotColumn {
  /** Total weight of the studies with a judgement here (unweighted: their number). */
  total: number;
  shares: SummaryShare[];
  /** Studies without a judgement in this column (left out of its shares). */
  notAssessed: string[];
}

export interface SummaryPlot {
  weighted: boolean;
  /** Weighted mode: studies given no weight; they count with weight 0. */
  unweighted: string[];
  columns: SummaryColumn[];
  legend: LegendEntry[];
}

/**
 * robvis's summary plot: per domain, the share of studies — or with `weights`, of the total
 * weight (e.g. the meta-analysis's percentage weights, as robvis's rob_append_weights gives) —
 * at each judgement. Studies without a given weight count with weight 0 and are listed.
 */
export function summaryPlot(
  tool: ToolId,
  studies: readonly StudyJudgments[],
  options: { weights?: Readonly<Record<string, number>>; palette?: Palette; overall?: boolean } = {},
): SummaryPlot {
  const palette = options.palette ?? "robvis";
  const weights = options.weights;
  for (const [id, w] of Object.entries(weights ?? {})) {
    if (!Number.isFinite(w) || w < 0)
      throw new RangeError(`the weight of ${id} is ${w}; weights must be finite and ≥ 0`);
  }
  const weightOf = (id: string) => (weights ? (weights[id] ?? 0) : 1);
  const cols = columns(tool, options.overall ?? true);
  const seen = studies.flatMap((s) => cols.map((c) => judgmentIn(s, c.id)));
  const levels = levelsFor(tool, seen);
  const summary = cols.map((c): SummaryColumn => {
    const rated = studies.filter((s) => judgmentIn(s, c.id) !== null);
    const total = rated.reduce((sum, s) => sum + weightOf(s.studyId), 0);
    const shares = levels.map((j): SummaryShare => {
      const at = rated.filter((s) => judgmentIn(s, c.id) === j);
      const weight = at.reduce((sum, s) => sum + weightOf(s.studyId), 0);
      return {
        judgment: j,
        label: JUDGMENT_LABELS[j],
        colour: PALETTES[palette][j],
        share: total > 0 ? weight / total : 0,
        weight,
        studies: at.length,
      };
    });
    return {
      ...c,
      total,
      shares,
      notAssessed: studies.filter((s) => judgmentIn(s, c.id) === null).map((s) => s.studyId),
    };
  });
  return {
    weighted: weights !== undefined,
    unweighted: weights ? studies.filter((s) => weights[s.studyId] === undefined).map((s) => s.studyId) : [],
    columns: summary,
    legend: legend(levels, palette),
  };
}

/** A summary column's shares keyed by judgement (the shape GRADE's risk-of-bias input takes). */
export function sharesByJudgment(column: SummaryColumn): Partial<Record<Judgment, number>> {
  return Object.fromEntries(column.shares.map((s) => [s.judgment, s.share]));
}
