import Link from "next/link";
import { redirect } from "next/navigation";
import { MainNav, type NavItem } from "@/components/layout/main-nav";
import { SignOutButton } from "@/components/layout/sign-out-button";
import { ROLE_LABELS } from "@/lib/domain/roles";
import { unreadCount } from "@/lib/server/inbox";
import { currentUser } from "@/lib/server/platform/session";
import { needsSetup } from "@/lib/server/users";

export default async function AppLayout({ children }: { children: React.ReactNode }) {
  const user = await currentUser();
  if (!user) redirect((await needsSetup()) ? "/setup" : "/sign-in");
  const items: NavItem[] = [
    { href: "/", label: "Dashboard" },
    { href: "/studies", label: "Studies" },
    { href: "/cohorts", label: "Cohorts" },
    { href: "/charts", label: "Charts" },
    { href: "/analysis", label: "Meta-analysis" },
    { href: "/risk-of-bias", label: "Risk of bias" },
    { href: "/agreement", label: "Agreement" },
    ...(user.role !== "viewer"
      ? [
          { href: "/queue", label: "My queue" },
          { href: "/team", label: "Team" },
        ]
      : []),
    ...(user.role === "admin" ? [{ href: "/admin/users", label: "Admin" }] : []),
  ];
  const unread = await unreadCount(user);
  return (
    <>
      <header className="app-header">
        <div className="app-header-inner">
          <Link href="/" className="brand">
            Evidence dashboard
          </Link>
          <MainNav items={items} />
          <div className="user-menu">
            <Link href="/inbox" data-testid="inbox-link">
              Inbox
              {unread > 0 && (
                <span className="inbox-count">
                  {" "}
                  {unread > 99 ? "99+" : unread}
                  <span className="visually-hidden"> unread</span>
                </span>
              )}
            </Link>
            <Link href="/account" aria-label={`Account of ${user.name}`}>
              {user.name}
            </Link>
            <span className="role-badge">{ROLE_LABELS[user.role]}</span>
            <SignOutButton />
          </div>
        </div>
      </header>
      <main id="main" className="page">
        {children}
      </main>
    </>
  );
}
