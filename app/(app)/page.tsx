import type { Metadata } from "next";
import Link from "next/link";
import { requirePageUser } from "@/lib/server/session";
import { evidenceSummary } from "@/lib/server/studies";

export const metadata: Metadata = { title: "Dashboard" };

const fmt = new Intl.NumberFormat("en");

export default async function DashboardPage() {
  const user = await requirePageUser("viewer", "/");
  const s = await evidenceSummary(user);
  const stats = [
    { label: "Studies", value: s.studies, note: "publications in the evidence table" },
    {
      label: "Registered trials",
      value: s.registeredTrials,
      note: `plus ${fmt.format(s.unregisteredStudies)} unregistered studies`,
    },
    {
      label: "Patients (deduplicated)",
      value: s.patientsDeduplicated,
      note: "largest enrollment per trial + unregistered",
    },
    { label: "Dose arms", value: s.arms, note: "groups given one dose" },
  ];
  return (
    <>
      <h1>Dashboard</h1>
      <p className="lead">Welcome, {user.name}. The numbers below count the whole evidence table.</p>
      <section aria-label="Summary" className="stats">
        {stats.map((stat) => (
          <div className="stat" key={stat.label}>
            <div className="value">{fmt.format(stat.value)}</div>
            <div className="label">{stat.label}</div>
            <div className="muted" style={{ fontSize: "0.85rem" }}>
              {stat.note}
            </div>
          </div>
        ))}
      </section>
      {s.studies === 0 && (
        <div className="alert info">
          The evidence table is empty. Load a review table with <code>npm run import -- &lt;file&gt;</code>;
          see the README for the formats it reads.
        </div>
      )}
      {s.studies > 0 && (
        <p>
          <Link href="/studies">Browse the {fmt.format(s.studies)} studies</Link>
        </p>
      )}
    </>
  );
}
