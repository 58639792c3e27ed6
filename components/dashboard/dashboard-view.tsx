// The numbers of a set of studies: counts, deduplicated patients, the dose summary and the
// breakdowns. Used by the dashboard, cohort pages and read-only share pages.
import { BreakdownTable } from "@/components/dashboard/breakdown-table";
import { DoseSummaryView } from "@/components/dashboard/dose-summary";
import { fmtInt } from "@/lib/domain/format";
import { cellSourceLabel, donorLabel } from "@/lib/domain/vocabulary";
import type { DashboardStats } from "@/lib/contracts/dashboard";

export function StatCards({ stats }: { stats: DashboardStats }) {
  const cards = [
    { label: "Studies", value: stats.studies, note: "publications" },
    { label: "Registered trials", value: stats.registeredTrials, note: "distinct registry ids" },
    {
      label: "Patients (deduplicated)",
      value: stats.patients,
      note: "largest enrollment per trial + unregistered studies",
    },
    { label: "Dose arms", value: stats.arms, note: "groups given one dose" },
  ];
  return (
    <section aria-label="Summary" className="stats">
      {cards.map((c) => (
        <div className="stat" key={c.label} data-stat={c.label}>
          <div className="value">{fmtInt.format(c.value)}</div>
          <div className="label">{c.label}</div>
          <div className="muted small">{c.note}</div>
        </div>
      ))}
    </section>
  );
}

export function DashboardDetails({
  stats,
  weight,
  diseaseNames = {},
}: {
  stats: DashboardStats;
  weight: number;
  diseaseNames?: Record<string, string>;
}) {
  return (
    <>
      <DoseSummaryView dose={stats.dose} weight={weight} />
      <div className="breakdowns spaced">
        <BreakdownTable
          title="By disease"
          rows={stats.byDisease}
          label={(k) => (diseaseNames[k] && diseaseNames[k] !== k ? `${k} · ${diseaseNames[k]}` : k)}
        />
        <BreakdownTable title="By route" rows={stats.byRoute} />
        <BreakdownTable title="By cell source" rows={stats.byTissue} label={(k) => cellSourceLabel(k)} />
        <BreakdownTable title="By donor" rows={stats.byDonor} label={(k) => donorLabel(k)} />
      </div>
      <p className="muted spaced small">
        Patients are counted once per registered trial: studies sharing a registry id report the same trial. A
        study with two routes or two cell sources counts under each.
      </p>
    </>
  );
}
