// The per-arm outcome table of a study page, rendered to HTML: one row per arm with the reference
// arm first, the kind's columns, and no inputs for a viewer.
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it, vi } from "vitest";
import { ArmOutcomes } from "../../components/study/arm-outcomes";
import type { StudyArmOutcomes } from "../../lib/contracts/arm-outcomes";

vi.mock("next/navigation", () => ({ useRouter: () => ({ refresh: () => undefined }) }));

const A1 = "11111111-1111-4111-8111-111111111111";
const A2 = "22222222-2222-4222-8222-222222222222";
const data: StudyArmOutcomes = {
  arms: [
    { armId: null, number: null, label: "Reference (control) arm, dose 0", doseText: "0", n: null },
    { armId: A1, number: 1, label: null, doseText: "1 × 10^6/kg", n: 10 },
    { armId: A2, number: 2, label: null, doseText: "2 × 10^6/kg", n: 10 },
  ],
  outcomes: [
    {
      outcome: "remission",
      kind: "events",
      rows: [
        {
          id: "33333333-3333-4333-8333-333333333333",
          armId: A1,
          kind: "events",
          version: 2,
          values: { cases: 3, n: 10, mean: null, sd: null, personTime: null },
          notes: "",
        },
      ],
    },
  ],
};
const noop = () => Promise.resolve(null);

describe("ArmOutcomes", () => {
  it("gives a reviewer one row per arm, the reference first, with the saved values and version", () => {
    const html = renderToStaticMarkup(
      <ArmOutcomes studyId={A1} data={data} canEdit save={noop} remove={noop} suggestions={[]} />,
    );
    const rows = [...html.matchAll(/<th scope="row">([^<]*)/g)].map((m) => m[1]);
    expect(rows).toEqual(["Reference (control) arm, dose 0", "Arm 1: 1 × 10^6/kg", "Arm 2: 2 × 10^6/kg"]);
    expect(html).toContain('aria-label="Events, Arm 1: 1 × 10^6/kg" name="cases" value="3"');
    expect(html).toContain('name="version" value="2"');
    expect(html).toContain('name="armId" value="reference"');
    expect(html.match(/name="mean"/g)).toBeNull();
  });

  it("shows a viewer the values without any form", () => {
    const html = renderToStaticMarkup(
      <ArmOutcomes studyId={A1} data={data} canEdit={false} save={noop} remove={noop} suggestions={[]} />,
    );
    expect(html).not.toContain("<form");
    expect(html).not.toContain("<input");
    expect(html).toContain('<td class="num">3</td><td class="num">10</td>');
  });
});
