"use client";
// Follows the team's changes while a page is open: on a change that concerns the page it refreshes
// the page's data (debounced; the forms keep what is typed) and says so politely. On a study page it
// also reports which field this person is editing and shows who else has the study open.
import { useRouter } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import type { PresenceEntry, PresenceMessage } from "@/lib/contracts/live";
import {
  LIVE_KIND_LABELS,
  PRESENCE_FIELD_LABELS,
  PRESENCE_INTERVAL_MS,
  concerns,
  presenceFieldOf,
  type LiveChange,
  type LiveView,
  type PresenceField,
} from "@/lib/domain/live";

const REFRESH_DEBOUNCE_MS = 300;

function tabId(): string {
  const bytes = new Uint8Array(12);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

function sendPresence(
  body: { studyId: string; field: PresenceField; tab: string; leaving?: boolean },
  beacon = false,
) {
  const text = JSON.stringify(body);
  if (beacon && navigator.sendBeacon) {
    navigator.sendBeacon("/api/live/presence", new Blob([text], { type: "application/json" }));
    return;
  }
  void fetch("/api/live/presence", {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: text,
    keepalive: true,
  }).catch(() => {});
}

/** The study page's section a control is in: the correction form, or a card named by its heading. */
function sectionOf(element: Element): string | null {
  if (element.closest("#correct")) return "correct";
  const label = element.closest("section[aria-labelledby]")?.getAttribute("aria-labelledby");
  return label ? label.replace(/-heading$/, "") : null;
}

export function LiveUpdates({ view }: { view: LiveView }) {
  const router = useRouter();
  const [notice, setNotice] = useState("");
  const [people, setPeople] = useState<PresenceEntry[]>([]);
  const viewRef = useRef(view);
  useEffect(() => {
    viewRef.current = view;
  }, [view]);
  const studyId = view.page === "study" ? view.studyId : null;

  // The event stream, reopened with backoff when the server refuses or drops it for good.
  useEffect(() => {
    let source: EventSource | null = null;
    let retry: ReturnType<typeof setTimeout> | null = null;
    let refresh: ReturnType<typeof setTimeout> | null = null;
    let backoff = 1000;
    let opened = false;
    let stopped = false;
    const scheduleRefresh = () => {
      if (refresh) clearTimeout(refresh);
      refresh = setTimeout(() => router.refresh(), REFRESH_DEBOUNCE_MS);
    };
    const open = () => {
      if (stopped) return;
      source = new EventSource(studyId ? `/api/live?study=${encodeURIComponent(studyId)}` : "/api/live");
      source.addEventListener("ready", () => {
        backoff = 1000;
        // After a reconnection, changes may have been missed meanwhile.
        if (opened) scheduleRefresh();
        opened = true;
      });
      source.addEventListener("change", (e) => {
        let change: LiveChange;
        try {
          change = JSON.parse((e as MessageEvent<string>).data) as LiveChange;
        } catch {
          return;
        }
        if (!concerns(change, viewRef.current)) return;
        scheduleRefresh();
        if (change.kind === "inbox") setNotice("You have a new notification in your inbox.");
        else if (!change.own)
          setNotice(`A teammate changed ${LIVE_KIND_LABELS[change.kind]}; this page shows it now.`);
      });
      source.addEventListener("presence", (e) => {
        try {
          const message = JSON.parse((e as MessageEvent<string>).data) as PresenceMessage;
          if (message.studyId === studyId) setPeople(message.people);
        } catch {
          // ignore a malformed message
        }
      });
      source.onerror = () => {
        if (source?.readyState !== EventSource.CLOSED) return; // the browser reconnects by itself
        source.close();
        retry = setTimeout(open, backoff);
        backoff = Math.min(backoff * 2, 60_000);
      };
    };
    open();
    return () => {
      stopped = true;
      source?.close();
      if (retry) clearTimeout(retry);
      if (refresh) clearTimeout(refresh);
    };
  }, [router, studyId]);

  // Presence heartbeats: now, every few seconds, and whenever the focused field changes.
  useEffect(() => {
    if (!studyId) return;
    const tab = tabId();
    let field: PresenceField = "viewing";
    const beat = () => sendPresence({ studyId, field, tab });
    const onFocus = (e: FocusEvent) => {
      const target = e.target;
      const next =
        target instanceof HTMLInputElement ||
        target instanceof HTMLTextAreaElement ||
        target instanceof HTMLSelectElement
          ? presenceFieldOf(target.name, sectionOf(target))
          : "viewing";
      if (next !== field) {
        field = next;
        beat();
      }
    };
    const leave = () => sendPresence({ studyId, field, tab, leaving: true }, true);
    beat();
    const timer = setInterval(beat, PRESENCE_INTERVAL_MS);
    document.addEventListener("focusin", onFocus);
    window.addEventListener("pagehide", leave);
    return () => {
      clearInterval(timer);
      document.removeEventListener("focusin", onFocus);
      window.removeEventListener("pagehide", leave);
      leave();
    };
  }, [studyId]);

  return (
    <>
      {studyId && people.length > 0 && (
        <p className="hint" data-testid="presence">
          Also here:{" "}
          {people.map((p, i) => (
            <span key={p.userId}>
              {i > 0 && ", "}
              {p.name} ({PRESENCE_FIELD_LABELS[p.field]})
            </span>
          ))}
        </p>
      )}
      <p
        className={notice ? "hint" : "visually-hidden"}
        aria-live="polite"
        role="status"
        data-testid="live-notice"
      >
        {notice}
      </p>
    </>
  );
}
