import type { Metadata } from "next";
import Link from "next/link";
import { InboxList } from "@/components/team/inbox-list";
import { paramValues, type SearchParams } from "@/lib/domain/url-params";
import { listInbox } from "@/lib/server/inbox";
import { requirePageUser } from "@/lib/server/platform/session";
import { markAllReadAction, markReadAction } from "./actions";

export const metadata: Metadata = { title: "Inbox" };

export default async function InboxPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const user = await requirePageUser("viewer", "/inbox");
  const params = await searchParams;
  const unreadOnly = paramValues(params, "show")[0] === "unread";
  const before = paramValues(params, "before")[0] ?? null;
  const page = await listInbox(user, { unreadOnly, before });
  return (
    <>
      <h1>Inbox</h1>
      <nav aria-label="Inbox views" className="tabs">
        <ul>
          <li>
            <Link href="/inbox" aria-current={!unreadOnly ? "page" : undefined}>
              All
            </Link>
          </li>
          <li>
            <Link href="/inbox?show=unread" aria-current={unreadOnly ? "page" : undefined}>
              Unread ({page.unread.toLocaleString("en")})
            </Link>
          </li>
        </ul>
      </nav>
      <section className="card" aria-label="Notifications">
        <InboxList
          items={page.items}
          unread={page.unread}
          mark={markReadAction}
          markAll={markAllReadAction}
        />
        {page.nextBefore && (
          <p>
            <Link href={`/inbox?${unreadOnly ? "show=unread&" : ""}before=${page.nextBefore}`}>Older →</Link>
          </p>
        )}
      </section>
    </>
  );
}
