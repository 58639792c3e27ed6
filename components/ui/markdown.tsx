// Renders the safe Markdown subset of lib/domain/markdown.ts as React elements (never as HTML).
import { Fragment } from "react";
import { parseMarkdown, type Inline } from "@/lib/domain/markdown";

function Inlines({ pieces }: { pieces: Inline[] }) {
  return (
    <>
      {pieces.map((p, i) => {
        switch (p.type) {
          case "strong":
            return <strong key={i}>{p.text}</strong>;
          case "em":
            return <em key={i}>{p.text}</em>;
          case "code":
            return <code key={i}>{p.text}</code>;
          case "link":
            return (
              <a key={i} href={p.href} rel="noopener noreferrer nofollow" target="_blank">
                {p.text}
              </a>
            );
          default:
            return <Fragment key={i}>{p.text}</Fragment>;
        }
      })}
    </>
  );
}

export function Markdown({ source }: { source: string }) {
  return (
    <div className="markdown">
      {parseMarkdown(source).map((b, i) =>
        b.type === "ul" ? (
          <ul key={i}>
            {b.items.map((item, j) => (
              <li key={j}>
                <Inlines pieces={item} />
              </li>
            ))}
          </ul>
        ) : (
          <p key={i}>
            {b.lines.map((line, j) => (
              <Fragment key={j}>
                {j > 0 && <br />}
                <Inlines pieces={line} />
              </Fragment>
            ))}
          </p>
        ),
      )}
    </div>
  );
}
