// A dose cell as the arms of a study, with what the dose reader read, assumed and refused.
import { readDose } from "../dose/read";
import type { DoseContext } from "../dose/types";
import type { TableProblem } from "./cells";
import type { CoAdministeredReading, DoseArmReading } from "./types";

/** The arms a dose cell names, each with what was read of it; one arm without a dose when the
 * cell gives none or is refused. */
export function armsOfCell(
  text: string,
  context: DoseContext,
  product: number | null,
): { arms: DoseArmReading[]; coAdministered: Omit<CoAdministeredReading, "arm">[] } {
  const reading = readDose(text, context);
  const common = { product, n: null, note: reading.note, assumptions: reading.assumptions };
  const coAdministered = reading.coAdministered.map((c) => ({
    name: c.name,
    rawText: c.text,
    doseText: c.text,
    dose: c.dose,
  }));
  if (reading.arms.length === 0) {
    return {
      arms: [
        { ...common, doseText: text.trim(), dose: null, refusal: reading.refusal, reason: reading.reason },
      ],
      coAdministered,
    };
  }
  return {
    arms: reading.arms.map((dose) => ({
      ...common,
      doseText: text.trim(),
      dose,
      refusal: null,
      reason: null,
    })),
    coAdministered,
  };
}

/** A warning for a dose the reader refused (other than "no dose"). */
export function doseProblems(arms: readonly DoseArmReading[], line: number): TableProblem[] {
  const seen = new Set<string>();
  const out: TableProblem[] = [];
  for (const a of arms) {
    if (!a.refusal || a.reason === null || seen.has(a.doseText)) continue;
    seen.add(a.doseText);
    out.push({
      line,
      field: "dose",
      severity: "warning",
      message: `Dose "${a.doseText}" not read (${a.refusal.replace("_", " ")}): ${a.reason ?? "unreadable"}. It is kept as written.`,
    });
  }
  return out;
}
