"use client";
// Downloads of a server-drawn plot (PNG, SVG, with its title and caption) and of the analysis
// data (CSV), made in the browser from what is on the page.
import { useRef, useState } from "react";
import { chartSvg, download, svgToPng } from "@/components/charts/export-chart";

export function PlotExport({
  plot,
  title,
  caption,
  fileName,
  children,
}: {
  plot: string;
  title: string;
  caption: string;
  fileName: string;
  children: React.ReactNode;
}) {
  const ref = useRef<HTMLDivElement>(null);
  const [error, setError] = useState<string | null>(null);
  async function save(kind: "png" | "svg") {
    setError(null);
    try {
      const svg = chartSvg(ref.current!, {
        title,
        caption,
        legend: [],
        selector: `svg[data-export="${plot}"]`,
      });
      if (kind === "svg") download(new Blob([svg], { type: "image/svg+xml" }), `${fileName}.svg`);
      else download(await svgToPng(svg), `${fileName}.png`);
    } catch (e) {
      setError(e instanceof Error ? e.message : "The file could not be made");
    }
  }
  return (
    <div className="plot-export">
      <div className="chart-toolbar" role="group" aria-label={`Download the ${plot} plot`}>
        <button type="button" className="button secondary" onClick={() => save("png")}>
          Download PNG
        </button>
        <button type="button" className="button secondary" onClick={() => save("svg")}>
          Download SVG
        </button>
      </div>
      {error && (
        <p className="alert error" role="alert">
          {error}
        </p>
      )}
      <div ref={ref}>{children}</div>
    </div>
  );
}

export function CsvDownload({ csv, fileName, label }: { csv: string; fileName: string; label: string }) {
  return (
    <button
      type="button"
      className="button secondary"
      onClick={() => download(new Blob([csv], { type: "text/csv" }), fileName)}
    >
      {label}
    </button>
  );
}
