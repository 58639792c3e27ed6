import Link from "next/link";

export default function AdminLayout({ children }: { children: React.ReactNode }) {
  return (
    <>
      <nav aria-label="Administration" className="row-actions spaced-below">
        <Link href="/admin/users">People</Link>
        <Link href="/admin/import">Import a table</Link>
        <Link href="/admin/categories">Outcome categories</Link>
        <Link href="/admin/activity">Activity</Link>
      </nav>
      {children}
    </>
  );
}
