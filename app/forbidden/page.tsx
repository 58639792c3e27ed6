import type { Metadata } from "next";
import Link from "next/link";

export const metadata: Metadata = { title: "Not allowed" };

export default function ForbiddenPage() {
  return (
    <main id="main" className="narrow">
      <div className="card">
        <h1>Not allowed</h1>
        <p>
          Your role does not give you access to that page. An administrator of your team can change your role.
        </p>
        <p>
          <Link href="/">Back to the dashboard</Link>
        </p>
      </div>
    </main>
  );
}
