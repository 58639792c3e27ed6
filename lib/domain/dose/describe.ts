// A read dose in words, as the import preview, the study page and exports show it:
// "1–2 × 10⁶ per kg", "median 1.4 × 10⁶ (range 0.4 × 10⁶–9 × 10⁶) per kg", "≥ 1 × 10⁶ per kg";
// and how often it was given: "3 administrations", "1–3 doses (varies)".
import { basisLabel } from "../vocabulary";
import { formatCells } from "./dose";
import type { Administrations, ArmDose } from "./types";

const f = (v: number | null) => (v === null ? "?" : formatCells(v));

export function describeDose(
  d: Pick<ArmDose, "form" | "basis" | "low" | "high" | "central" | "sd" | "approximate">,
): string {
  const unit = basisLabel(d.basis);
  const approx = d.approximate ? "≈ " : "";
  switch (d.form) {
    case "single":
      return `${approx}${f(d.low)} ${unit}`;
    case "range":
      return `${approx}${f(d.low)}–${f(d.high)} ${unit}`;
    case "mean_sd":
      return `${approx}mean ${f(d.central)} ± ${f(d.sd)} ${unit}`;
    case "median_range":
      return `${approx}median ${f(d.central)} (range ${f(d.low)}–${f(d.high)}) ${unit}`;
    case "median_iqr":
      return `${approx}median ${f(d.central)} (IQR ${f(d.low)}–${f(d.high)}) ${unit}`;
    case "lower_bound":
      return `≥ ${f(d.low)} ${unit}`;
    case "upper_bound":
      return `≤ ${f(d.high)} ${unit}`;
  }
}

export function describeAdministrations(a: Administrations | null): string | null {
  if (!a) return null;
  if (a.count !== null)
    return `${a.count} administration${a.count === 1 ? "" : "s"}${a.schedule ? ` (${a.schedule})` : ""}`;
  return a.schedule ? `${a.schedule} (the number varies or is not given)` : null;
}
