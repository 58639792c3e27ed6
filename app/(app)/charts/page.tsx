import type { Metadata } from "next";
import { requirePageUser } from "@/lib/server/session";
import { evidenceSummary } from "@/lib/server/studies";

export const metadata: Metadata = { title: "Charts" };

export default async function ChartsPage() {
  const user = await requirePageUser("viewer", "/charts");
  const s = await evidenceSummary(user);
  return (
    <>
      <h1>Charts</h1>
      <p className="lead">Dose comparisons across diseases, cell sources, routes and arms.</p>
      <p>
        {s.arms === 0
          ? "There are no dose arms to draw yet."
          : `${s.arms} dose arms are in the evidence table.`}
      </p>
    </>
  );
}
