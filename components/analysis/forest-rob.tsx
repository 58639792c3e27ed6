// Risk-of-bias columns beside the forest plot, as robvis adds them: one disc per domain and the
// overall judgement of each study (the consensus for the outcome). When the pooled studies were
// assessed with different tools, whose domains differ, only the overall judgement is shown.
import type { AnalysisResult, StudyEffect } from "@/lib/domain/analysis";
import { OVERALL } from "@/lib/domain/rob/consensus";
import { PALETTES, SYMBOLS } from "@/lib/domain/rob/plots";
import { domainColumns } from "@/lib/domain/rob/tools";
import { JUDGMENT_LABELS, type Judgment } from "@/lib/domain/rob/types";
import { inkOn } from "@/components/rob/traffic-light-plot";

export const ROB_COLUMN_WIDTH = 26;

export interface RobColumns {
  ids: string[];
  /** The judgement of a study in a column (null: not assessed). */
  of: (s: StudyEffect, id: string) => Judgment | null;
}

export function robColumns(result: AnalysisResult): RobColumns | null {
  const assessed = result.studies.filter((s) => s.row.robOverall);
  if (assessed.length === 0) return null;
  const tools = new Set(assessed.map((s) => s.row.robTool ?? null));
  const [tool] = [...tools];
  const ids = tools.size === 1 && tool ? [...domainColumns(tool).map((d) => d.id), OVERALL] : [OVERALL];
  return {
    ids,
    of: (s, id) => (id === OVERALL ? (s.row.robOverall ?? null) : (s.row.robJudgments?.[id] ?? null)),
  };
}

export function RobHeader({ columns, x }: { columns: RobColumns; x: number }) {
  return (
    <>
      {columns.ids.map((id, i) => (
        <text
          key={id}
          x={x + i * ROB_COLUMN_WIDTH + ROB_COLUMN_WIDTH / 2}
          y={24}
          fontSize={11}
          fontWeight={600}
          fill="#1f2937"
          textAnchor="middle"
        >
          {id === OVERALL ? "RoB" : id}
        </text>
      ))}
    </>
  );
}

export function RobCells({
  columns,
  study,
  x,
  y,
}: {
  columns: RobColumns;
  study: StudyEffect;
  x: number;
  y: number;
}) {
  return (
    <>
      {columns.ids.map((id, i) => {
        const j = columns.of(study, id);
        const cx = x + i * ROB_COLUMN_WIDTH + ROB_COLUMN_WIDTH / 2;
        const colour = j ? PALETTES.robvis[j] : null;
        return (
          <g key={id}>
            <circle
              cx={cx}
              cy={y}
              r={9}
              fill={colour ?? "#ffffff"}
              stroke={colour ? "#374151" : "#9ca3af"}
              strokeDasharray={colour ? undefined : "2 2"}
            />
            <text x={cx} y={y + 4} fontSize={12} fontWeight={700} fill={inkOn(colour)} textAnchor="middle">
              {j ? SYMBOLS[j] : ""}
            </text>
            <title>{`${id === OVERALL ? "Overall risk of bias" : id}: ${j ? JUDGMENT_LABELS[j] : "not assessed"}`}</title>
          </g>
        );
      })}
    </>
  );
}
