"use client";
// A link a person copies: a read-only box with a copy button, or a button that copies a page's
// address. Copying can fail (no clipboard access); the button then says what to do instead.
import { useState, type ReactNode } from "react";

type Copied = "no" | "yes" | "failed";

function useCopy(): [Copied, (text: string) => void] {
  const [copied, setCopied] = useState<Copied>("no");
  const copy = (text: string) => {
    if (!navigator.clipboard) return setCopied("failed");
    navigator.clipboard.writeText(text).then(
      () => setCopied("yes"),
      () => setCopied("failed"),
    );
  };
  return [copied, copy];
}

/** A read-only box holding a link (absolute, on this site) with a copy button. */
export function CopyBox({
  id,
  label,
  path,
  hint,
}: {
  id: string;
  label: string;
  path: string;
  hint?: ReactNode;
}) {
  const [copied, copy] = useCopy();
  const link = `${window.location.origin}${path}`;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <div className="copy-box">
        <input id={id} readOnly value={link} onFocus={(e) => e.currentTarget.select()} />
        <button type="button" className="button secondary" onClick={() => copy(link)}>
          <span aria-live="polite">
            {copied === "yes" ? "Copied" : copied === "failed" ? "Copy failed: select the text" : "Copy link"}
          </span>
        </button>
      </div>
      {hint && <span className="hint">{hint}</span>}
    </div>
  );
}

/** A button that copies the absolute address of a path on this site. */
export function CopyLinkButton({ path, label = "Copy link" }: { path: string; label?: string }) {
  const [copied, copy] = useCopy();
  return (
    <button
      type="button"
      className="button secondary"
      onClick={() => copy(`${window.location.origin}${path}`)}
    >
      <span aria-live="polite">
        {copied === "yes"
          ? "Link copied"
          : copied === "failed"
            ? "Copy failed: select the address bar"
            : label}
      </span>
    </button>
  );
}
