// A risk-of-bias judgement as robvis draws it (a coloured disc with its symbol) beside its word.
import { SYMBOLS } from "@/lib/domain/rob/palette";
import { JUDGMENT_LABELS, type Judgment } from "@/lib/domain/rob/types";

export function JudgmentBadge({ judgment }: { judgment: Judgment | null | undefined }) {
  if (!judgment) return <span className="muted">not judged</span>;
  return (
    <span className="rob-judgment">
      <span className={`rob-dot rob-${judgment}`} aria-hidden="true">
        {SYMBOLS[judgment]}
      </span>
      {JUDGMENT_LABELS[judgment]}
    </span>
  );
}
