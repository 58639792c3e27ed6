"use client";
// A <details> whose content is rendered once it is first opened, not with the page: a page with
// several closed forms (another outcome's assessment, an admin's consensus, a correction) sends
// and renders none of their fields until someone opens one. Once open, the content stays
// mounted, closed or not, so nothing typed into it is lost.
import { useState, type ReactNode } from "react";

export function LazyDetails({
  summary,
  open = false,
  className,
  id,
  children,
}: {
  summary: ReactNode;
  /** Open from the start (then the content is rendered with the page). */
  open?: boolean;
  className?: string;
  id?: string;
  children: ReactNode;
}) {
  const [opened, setOpened] = useState(open);
  return (
    <details
      className={className}
      id={id}
      open={open}
      onToggle={(e) => {
        if (e.currentTarget.open) setOpened(true);
      }}
    >
      <summary>{summary}</summary>
      {opened || open ? children : null}
    </details>
  );
}
