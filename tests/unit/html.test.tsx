// HTML written as text: every value is escaped unless it is markup made by the template itself,
// and the studies table's rows written that way say what the React version said, with hostile
// text from the data kept as text.
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { MemberTable } from "../../components/cohorts/member-table";
import { BreakdownTable } from "../../components/dashboard/breakdown-table";
import { Checkboxes } from "../../components/filter/checkboxes";
import { StudiesTable } from "../../components/studies/studies-table";
import type { StudyTableRow } from "../../lib/contracts/studies";
import { escapeHtml, joinMarkup, markup } from "../../lib/domain/html";

describe("markup", () => {
  it("escapes text and attribute values", () => {
    expect(escapeHtml(`<a href="x">Tom & 'Jerry'</a>`)).toBe(
      "&lt;a href=&quot;x&quot;&gt;Tom &amp; &#39;Jerry&#39;&lt;/a&gt;",
    );
    const title = `" onmouseover="alert(1)`;
    expect(markup`<abbr title="${title}">${"<b>"}</abbr>`.value).toBe(
      `<abbr title="&quot; onmouseover=&quot;alert(1)">&lt;b&gt;</abbr>`,
    );
  });

  it("keeps its own markup, drops empty values and non-finite numbers", () => {
    const inner = markup`<i>${"a<b"}</i>`;
    expect(markup`<p>${inner}${null}${undefined}${false}${0}${NaN}${[inner, "&"]}</p>`.value).toBe(
      "<p><i>a&lt;b</i>0<i>a&lt;b</i>&amp;</p>",
    );
    // A separator given as a string is text.
    expect(joinMarkup([markup`<i>1</i>`, "<2>"], "; ").value).toBe("<i>1</i>; &lt;2&gt;");
  });
});

const ROW: StudyTableRow = {
  id: "0b6f3c1e-2a41-4d8e-9c55-1f2e3d4c5b6a",
  diseaseCode: "RA",
  disease: `Rheumatoid "arthritis"`,
  routeText: "I.V<script>alert(1)</script>",
  enrollment: 46,
  outcome: "Clinical efficacy",
  reference: "[46]",
  firstAuthor: null,
  publicationYear: null,
  registryId: "NCT01663116",
  registry: "ClinicalTrials.gov",
  products: [{ rawText: "Allogeneic AD-MSC", tissue: "AD", donor: "allogeneic" }],
  arms: [
    {
      doseText: "1 × 106/kg",
      n: 20,
      basis: "per_kg",
      doseLow: 1e6,
      doseHigh: 1e6,
      doseMid: 1e6,
      administrations: null,
      schedule: null,
    },
    {
      doseText: "2 × 106/kg",
      n: 20,
      basis: "per_kg",
      doseLow: 2e6,
      doseHigh: 2e6,
      doseMid: 2e6,
      administrations: null,
      schedule: null,
    },
  ],
  coAdministered: [{ name: "BM-MNC & IL-2" }],
  categories: [
    { name: "Relapse", colour: "#D55E00" },
    { name: "Odd", colour: "red;background-image:url(x)" },
  ],
  openAnnotations: 2,
};

function table(rows: StudyTableRow[]) {
  return renderToStaticMarkup(
    <StudiesTable
      rows={rows}
      table={{ sort: "table", direction: "asc", page: 1, pageSize: 50 }}
      dose={{ referenceWeightKg: 70, doseScale: "per_administration", includeEstimated: true }}
      sortHref={(sort, dir) => `/studies?sort=${sort}&dir=${dir}`}
    />,
  );
}

describe("the studies table's rows", () => {
  it("say what each cell says, with the data's text kept as text", () => {
    const out = table([ROW]);
    const body = out.slice(out.indexOf("<tbody>"), out.indexOf("</tbody>") + 8);
    expect(body).toBe(
      "<tbody><tr>" +
        `<td><a href="/studies/${ROW.id}"><abbr title="Rheumatoid &quot;arthritis&quot;">RA</abbr></a></td>` +
        "<td>I.V&lt;script&gt;alert(1)&lt;/script&gt;</td>" +
        `<td>Allogeneic AD-MSC<span class="muted"> with BM-MNC &amp; IL-2</span></td>` +
        `<td class="num">46</td>` +
        "<td>1 × 106/kg (n=20); 2 × 106/kg (n=20)</td>" +
        "<td>1 × 10⁶ – 2 × 10⁶</td>" +
        `<td><a href="https://clinicaltrials.gov/study/NCT01663116" rel="noopener noreferrer" target="_blank">NCT01663116<span class="visually-hidden"> (opens ClinicalTrials.gov in a new tab)</span></a></td>` +
        "<td>[46]</td>" +
        `<td><span class="tag" style="background:#D55E00">Relapse</span><span class="tag">Odd</span></td>` +
        `<td class="num">2</td>` +
        "</tr></tbody>",
    );
  });

  it("mark estimated doses and studies without a registry id or a dose", () => {
    const total = {
      ...ROW,
      registryId: null,
      openAnnotations: 0,
      arms: [{ ...ROW.arms[0]!, basis: "total" as const }],
      categories: [],
      coAdministered: [],
    };
    const none = { ...total, id: "1b6f3c1e-2a41-4d8e-9c55-1f2e3d4c5b6a", arms: [] };
    const out = table([total, none]);
    expect(out).toContain(`<span class="muted"> (est.)</span>`);
    expect(out).toContain(`<td><span class="muted">none</span></td>`);
    expect(out).toContain("<td>—</td>");
    expect(out).toContain(`<td class="num"></td></tr>`);
  });
});

describe("a cohort's member rows", () => {
  const member = {
    id: ROW.id,
    reference: "[46] <i>",
    diseaseCode: "RA",
    disease: "Rheumatoid arthritis",
    routeText: "I.V",
    enrollment: null,
    registryId: "not an id",
    products: ["Allogeneic AD-MSC"],
    doses: ["1 × 106/kg", "2 × 106/kg"],
    outcome: "Clinical efficacy",
  };
  const render = (linkStudies: boolean) =>
    renderToStaticMarkup(
      <MemberTable
        rows={[member]}
        total={1}
        page={1}
        pageSize={50}
        linkStudies={linkStudies}
        pageHref={(p) => `?page=${p}`}
        caption="Members"
      />,
    );

  it("link each study on team pages, and on share pages do not", () => {
    expect(render(true)).toContain(`<td><a href="/studies/${ROW.id}">[46] &lt;i&gt;</a></td>`);
    const shared = render(false);
    expect(shared).toContain("<td>[46] &lt;i&gt;</td>");
    expect(shared).not.toContain("/studies/");
    // A registry id that is not one is shown as written, unlinked; a missing enrollment as a dash.
    expect(shared).toContain("<td>not an id</td>");
    expect(shared).toContain(`<td class="num">—</td>`);
    expect(shared).toContain("<td>1 × 106/kg; 2 × 106/kg</td>");
  });
});

describe("the filter's checkboxes", () => {
  it("tick the chosen values, name the field, count the studies, and keep text as text", () => {
    const out = renderToStaticMarkup(
      <Checkboxes
        legend="Disease"
        name="disease"
        options={[{ value: "SLE", label: "Lupus <SLE>", n: 3 }, { value: `R"A`, n: 1 }, { value: "MS" }]}
        selected={["SLE"]}
      />,
    );
    expect(out).toBe(
      `<fieldset class="filter-group"><legend>Disease</legend>` +
        `<label class="check"><input type="checkbox" name="disease" value="SLE" checked> Lupus &lt;SLE&gt;<span class="muted"> (3)</span></label>` +
        `<label class="check"><input type="checkbox" name="disease" value="R&quot;A"> R&quot;A<span class="muted"> (1)</span></label>` +
        `<label class="check"><input type="checkbox" name="disease" value="MS"> MS</label></fieldset>`,
    );
    expect(renderToStaticMarkup(<Checkboxes legend="None" name="x" options={[]} selected={[]} />)).toBe("");
  });
});

describe("a breakdown table's rows", () => {
  it("name each key, format the counts and draw bars against the largest", () => {
    const out = renderToStaticMarkup(
      <BreakdownTable
        title="By route"
        rows={[
          { key: "I.V", studies: 1200, patients: 40 },
          { key: "<I.A>", studies: 300, patients: 80 },
        ]}
      />,
    );
    expect(out).toContain(
      `<tr><th scope="row" class="plain-heading">I.V</th><td class="num">1,200<div class="bar" aria-hidden="true" style="width:100%"></div></td><td class="num">40<div class="bar patients" aria-hidden="true" style="width:50%"></div></td></tr>`,
    );
    expect(out).toContain(
      `<th scope="row" class="plain-heading">&lt;I.A&gt;</th><td class="num">300<div class="bar" aria-hidden="true" style="width:25%">`,
    );
  });
});
