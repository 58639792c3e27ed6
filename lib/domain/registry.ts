// Trial registry ids as review tables write them: which registry, the canonical id, and
// the public page of the trial.
export interface RegistryId {
  id: string;
  registry: string;
  url: string;
}

const REGISTRIES: {
  re: RegExp;
  registry: string;
  url: (id: string) => string;
  canonical?: (m: RegExpExecArray) => string;
}[] = [
  {
    re: /\bNCT\s?(\d{8})\b/i,
    registry: "ClinicalTrials.gov",
    canonical: (m) => `NCT${m[1]}`,
    url: (id) => `https://clinicaltrials.gov/study/${id}`,
  },
  {
    re: /\bNTR\s?(\d+)\b/i,
    registry: "Netherlands Trial Register",
    canonical: (m) => `NTR${m[1]}`,
    url: (id) => `https://onderzoekmetmensen.nl/en/trial/search?q=${id}`,
  },
  {
    re: /\b(ChiCTR[-A-Z0-9]+\d)\b/i,
    registry: "Chinese Clinical Trial Registry",
    url: (id) => `https://www.chictr.org.cn/searchprojEN.html?regno=${id}`,
  },
  {
    re: /\bISRCTN\s?(\d+)\b/i,
    registry: "ISRCTN",
    canonical: (m) => `ISRCTN${m[1]}`,
    url: (id) => `https://www.isrctn.com/${id}`,
  },
  {
    re: /\b(\d{4}-\d{6}-\d{2})\b/,
    registry: "EudraCT",
    url: (id) => `https://www.clinicaltrialsregister.eu/ctr-search/search?query=${id}`,
  },
  {
    re: /\b(IRCT\d+N\d+)\b/i,
    registry: "Iranian Registry of Clinical Trials",
    url: (id) => `https://irct.behdasht.gov.ir/search/result?query=${id}`,
  },
  {
    re: /\b(UMIN\d{9})\b/i,
    registry: "UMIN-CTR",
    url: (id) => `https://center6.umin.ac.jp/cgi-open-bin/ctr_e/index.cgi?function=search&keyword=${id}`,
  },
  { re: /\b(jRCT\w+)\b/, registry: "jRCT", url: (id) => `https://jrct.niph.go.jp/en-latest-detail/${id}` },
];

const NONE = /^(unknown|none|n\/?a|nr|not (reported|registered|stated|available)|-|–|—|\/)?\.?$/i;

export type RegistryReading =
  { kind: "none" } | { kind: "id"; value: RegistryId } | { kind: "unrecognised"; text: string };

export function readRegistryId(text: string): RegistryReading {
  const t = text.trim();
  if (NONE.test(t)) return { kind: "none" };
  for (const r of REGISTRIES) {
    const m = r.re.exec(t);
    if (m) {
      const id = r.canonical ? r.canonical(m) : m[1]!;
      return { kind: "id", value: { id, registry: r.registry, url: r.url(id) } };
    }
  }
  return { kind: "unrecognised", text: t };
}
