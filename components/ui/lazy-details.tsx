"use client";
// A <details> whose content is rendered once it is first opened, not with the page: a page with
// several closed forms (another outcome's assessment, an admin's consensus, a correction) sends
// and renders none of their fields until someone opens one. Once open, the content stays
// mounted, closed or not, so nothing typed into it is lost. Whether it starts open is read once:
// after that the person opens and closes it, and a refresh does not shut it under their hands
// (a form that has just been submitted stays open with its answer in view).
import { useState, type ReactNode } from "react";

export function LazyDetails({
  summary,
  open = false,
  className,
  id,
  children,
}: {
  summary: ReactNode;
  /** Open when first rendered (then the content is rendered with the page). */
  open?: boolean;
  className?: string;
  id?: string;
  children: ReactNode;
}) {
  const [startsOpen] = useState(open);
  const [opened, setOpened] = useState(open);
  return (
    <details
      className={className}
      id={id}
      open={startsOpen}
      onToggle={(e) => {
        if (e.currentTarget.open) setOpened(true);
      }}
    >
      <summary>{summary}</summary>
      {opened ? children : null}
    </details>
  );
}
