// Turns a drawn chart into a standalone SVG (title, the chart, its legend and a caption that
// names the filter) and that SVG into a PNG, in the browser, so the files match what is shown.
const NS = "http://www.w3.org/2000/svg";
const FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif";

export interface LegendEntry {
  label: string;
  colour: string;
  hollow?: boolean;
  /** "line" draws the median mark, "box" the IQR box, "whisker" a reported dose spread. */
  mark?: "dot" | "line" | "box" | "whisker";
}

/** The three lines of a legend's whisker mark in a 16 × 12 box at (x, y): a stem and two serifs. */
export function whiskerLines(x: number, y: number): [number, number, number, number][] {
  return [
    [x + 8, y, x + 8, y + 12],
    [x + 4, y, x + 12, y],
    [x + 4, y + 12, x + 12, y + 12],
  ];
}

function wrap(text: string, maxChars: number): string[] {
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(/\s+/)) {
    if (line && (line + " " + word).length > maxChars) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines;
}

function el(name: string, attrs: Record<string, string | number>, text?: string): SVGElement {
  const e = document.createElementNS(NS, name);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
  if (text !== undefined) e.textContent = text;
  return e;
}

/** A standalone SVG document of the chart inside `container` as it is drawn now. */
export function chartSvg(
  container: HTMLElement,
  {
    title,
    caption,
    legend,
    selector = "svg.recharts-surface",
  }: { title: string; caption: string; legend: LegendEntry[]; selector?: string },
): string {
  const surfaces = [...container.querySelectorAll<SVGSVGElement>(selector)];
  if (surfaces.length === 0) throw new Error("The chart is not drawn yet");
  const width = Math.max(...surfaces.map((s) => s.getBoundingClientRect().width), 480);
  const chars = Math.floor(width / 7);
  const out = el("svg", { xmlns: NS, "font-family": FONT, "font-size": 12 }) as SVGSVGElement;
  let y = 0;
  out.appendChild(el("rect", { x: 0, y: 0, width: "100%", height: "100%", fill: "#ffffff" }));
  for (const line of wrap(title, Math.floor(chars * 0.8))) {
    y += 22;
    out.appendChild(el("text", { x: 12, y, "font-size": 17, "font-weight": 600, fill: "#111827" }, line));
  }
  y += 8;
  for (const surface of surfaces) {
    const heading = surface.closest(".other-panel")?.querySelector("h3")?.textContent;
    if (heading) {
      y += 16;
      out.appendChild(
        el("text", { x: 12, y, "font-size": 13, "font-weight": 600, fill: "#111827" }, heading),
      );
      y += 4;
    }
    const box = surface.getBoundingClientRect();
    const copy = surface.cloneNode(true) as SVGSVGElement;
    copy.setAttribute("x", "0");
    copy.setAttribute("y", String(y));
    copy.setAttribute("width", String(box.width));
    copy.setAttribute("height", String(box.height));
    copy.removeAttribute("style");
    copy.removeAttribute("tabindex");
    out.appendChild(copy);
    y += box.height + 8;
  }
  let x = 12;
  y += 14;
  for (const entry of legend) {
    const labelWidth = entry.label.length * 7.2 + 34;
    if (x + labelWidth > width && x > 12) {
      x = 12;
      y += 20;
    }
    if (entry.mark === "line")
      out.appendChild(
        el("line", { x1: x, x2: x + 16, y1: y - 4, y2: y - 4, stroke: entry.colour, "stroke-width": 3 }),
      );
    else if (entry.mark === "whisker")
      for (const [x1, y1, x2, y2] of whiskerLines(x, y - 10))
        out.appendChild(el("line", { x1, y1, x2, y2, stroke: entry.colour, "stroke-width": 1.5 }));
    else if (entry.mark === "box")
      out.appendChild(
        el("rect", {
          x,
          y: y - 10,
          width: 16,
          height: 12,
          fill: entry.colour,
          "fill-opacity": 0.25,
          stroke: entry.colour,
        }),
      );
    else
      out.appendChild(
        el("circle", {
          cx: x + 8,
          cy: y - 4,
          r: 5,
          fill: entry.hollow ? "#ffffff" : entry.colour,
          stroke: entry.colour,
          "stroke-width": 2,
        }),
      );
    out.appendChild(el("text", { x: x + 22, y, fill: "#1f2937" }, entry.label));
    x += labelWidth;
  }
  y += 10;
  for (const line of wrap(caption, chars)) {
    y += 16;
    out.appendChild(el("text", { x: 12, y, fill: "#374151" }, line));
  }
  const height = Math.ceil(y + 14);
  out.setAttribute("width", String(Math.ceil(width)));
  out.setAttribute("height", String(height));
  out.setAttribute("viewBox", `0 0 ${Math.ceil(width)} ${height}`);
  return `<?xml version="1.0" encoding="UTF-8"?>\n${new XMLSerializer().serializeToString(out)}`;
}

/** The SVG drawn on a canvas at twice the size, as a PNG. */
export async function svgToPng(svg: string): Promise<Blob> {
  const url = URL.createObjectURL(new Blob([svg], { type: "image/svg+xml" }));
  try {
    const image = new Image();
    image.src = url;
    await image.decode();
    const canvas = document.createElement("canvas");
    canvas.width = image.width * 2;
    canvas.height = image.height * 2;
    const context = canvas.getContext("2d");
    if (!context) throw new Error("This browser cannot draw the PNG");
    context.scale(2, 2);
    context.drawImage(image, 0, 0);
    return await new Promise<Blob>((resolve, reject) =>
      canvas.toBlob((b) => (b ? resolve(b) : reject(new Error("The PNG could not be made"))), "image/png"),
    );
  } finally {
    URL.revokeObjectURL(url);
  }
}

export function download(blob: Blob, filename: string) {
  const url = URL.createObjectURL(blob);
  const a = document.createElement("a");
  a.href = url;
  a.download = filename;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
