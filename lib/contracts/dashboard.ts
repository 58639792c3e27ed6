// The dashboard's numbers for one filter, as the server computes them and the UI shows them.
import type { DoseScale } from "../domain/dose/dose";

export interface Breakdown {
  key: string;
  studies: number;
  /** Largest enrollment per registered trial plus unregistered studies, within the group. */
  patients: number;
}

export interface DoseSummary {
  /** Per administration, or cumulative (per administration × their number). */
  scale: DoseScale;
  /** Arms with a dose in cells/kg (per kg, or total cells through the reference weight). */
  arms: number;
  estimated: number;
  median: number | null;
  q1: number | null;
  q3: number | null;
  min: number | null;
  max: number | null;
  /** Arms whose dose is per joint, per ml, per m², per cm², unknown or unreadable. */
  notConvertible: number;
  /** On the cumulative scale: arms with a dose in cells/kg but no stated number of
   * administrations, left out (never taken as one); 0 per administration. */
  withoutCount: number;
  /** Arms left out of the summary because they are estimated and estimated doses are excluded. */
  excludedEstimated: number;
}

export interface DashboardStats {
  studies: number;
  registeredTrials: number;
  patients: number;
  arms: number;
  byDisease: Breakdown[];
  byRoute: Breakdown[];
  byTissue: Breakdown[];
  byDonor: Breakdown[];
  dose: DoseSummary;
}

/** The evidence table as a whole, for the pages that describe it. */
export interface EvidenceSummary {
  studies: number;
  registeredTrials: number;
  unregisteredStudies: number;
  /** The largest enrollment per registered trial plus every unregistered study. */
  patientsDeduplicated: number;
  arms: number;
}
