import type { Metadata } from "next";
import { ImportForm } from "@/components/admin/import-form";
import { requirePageUser } from "@/lib/server/platform/session";

export const metadata: Metadata = { title: "Import a table" };

export default async function ImportPage() {
  await requirePageUser("admin", "/admin/import");
  return (
    <>
      <h1>Import a review table</h1>
      <p className="lead">
        Bring in a table of trials: nothing is written until you have seen what was read and every problem,
        with its line. Importing a new version of the same table updates changed rows, leaves the others
        alone, and keeps reviewers&apos; edits, annotations and tags.
      </p>
      <ImportForm />
    </>
  );
}
