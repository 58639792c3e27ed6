// The dose cell as tokens: numbers, powers of ten in every notation review tables print
// ("× 10⁶", "×106" with its superscript lost, "x10(6)", "10^6", "1e6", "million"), words and
// the signs that join numbers (ranges, ±, lists, comparisons).

export type Token =
  | { k: "num"; v: number; s: number; e: number }
  /** A power of ten. `doubtful`: "× 100" … "× 103" and "10e6", which may as well be a plain
   * factor or a mistyped power. */
  | { k: "pow"; exp: number; doubtful: boolean; s: number; e: number }
  | { k: "word"; w: string; lw: string; s: number; e: number }
  | { k: "sym"; c: string; s: number; e: number }
  /** "–", "-", "—", "~" between numbers: a range (or, after a word, a hyphen). */
  | { k: "dash"; c: string; s: number; e: number }
  | { k: "pm"; s: number; e: number }
  | { k: "cmp"; dir: "ge" | "le"; s: number; e: number }
  | { k: "approx"; s: number; e: number };

const SUPERSCRIPT: Record<string, string> = {
  "⁰": "0",
  "¹": "1",
  "²": "2",
  "³": "3",
  "⁴": "4",
  "⁵": "5",
  "⁶": "6",
  "⁷": "7",
  "⁸": "8",
  "⁹": "9",
  "⁻": "-",
  "⁺": "+",
};

/** Unicode forms of a cell made plain: superscript powers as "^N", one kind of space, one kind of
 * dash, "×" for the multiplication signs. */
export function plainText(raw: string): string {
  let s = raw.replace(/[⁰¹²³⁴⁵⁶⁷⁸⁹⁻⁺]+/g, (m) => "^" + [...m].map((c) => SUPERSCRIPT[c] ?? "").join(""));
  s = s.normalize("NFKC");
  s = s.replace(/[\u00a0\u2000-\u200b\u202f\u205f\u3000\t\r\n]/g, " ");
  s = s
    .replace(/[‐‑‒–—―−]/g, "–")
    .replace(/[∼〜～]/g, "~")
    .replace(/[✕✖⨯]/g, "×");
  s = s.replace(/[“”]/g, '"').replace(/[‘’]/g, "'");
  return s.replace(/ {2,}/g, " ").trim();
}

const WORD_POWERS: Record<string, number> = {
  thousand: 3,
  million: 6,
  millions: 6,
  mio: 6,
  billion: 9,
  billions: 9,
  trillion: 12,
};

interface Rule {
  re: RegExp;
  make: (m: RegExpExecArray, s: number, e: number, prev: Token | undefined) => Token | Token[] | null;
}

/** A power of ten after a multiplication sign; `digits` are what follows "10". */
function powerOf(digits: string, s: number, e: number, explicit: boolean): Token {
  const exp = Number(digits);
  // "× 106" is 10⁶ with its superscript lost; "× 100" to "× 103" could as well be a factor.
  return { k: "pow", exp, doubtful: !explicit && exp <= 3, s, e };
}

const RULES: Rule[] = [
  // "× 10^6", "x10^-3"
  { re: /^[×xX*]\s*10\s*\^\s*([+-]?\d+)/, make: (m, s, e) => powerOf(m[1]!, s, e, true) },
  // "x10(6)", "× 10 (6)"
  { re: /^[×xX*]\s*10\s*\(\s*([+-]?\d+)\s*\)/, make: (m, s, e) => powerOf(m[1]!, s, e, true) },
  // "× 106", "×1010": the exponent's superscript lost
  { re: /^[×xX*]\s*10(\d{1,2})(?![\d])/, make: (m, s, e) => powerOf(m[1]!, s, e, false) },
  // "× 10" alone: a factor of ten
  { re: /^[×xX*]\s*10(?![\d^(])/, make: (_m, s, e) => ({ k: "pow", exp: 1, doubtful: true, s, e }) },
  // A bare "10^6" (one times ten to the sixth)
  { re: /^10\s*\^\s*([+-]?\d+)/, make: (m, s, e) => powerOf(m[1]!, s, e, true) },
  // "1,000,000": thousands
  {
    re: /^\d{1,3}(?:,\d{3})+(?![\d,.])/,
    make: (m, s, e) => ({ k: "num", v: Number(m[0].replace(/,/g, "")), s, e }),
  },
  // "2,6": a decimal comma (not in a list "2,5,10", nor after a list's comma)
  {
    re: /^\d+,\d{1,2}(?![\d,])/,
    make: (m, s, e, prev) =>
      prev?.k === "sym" && prev.c === "," ? null : { k: "num", v: Number(m[0].replace(",", ".")), s, e },
  },
  // "2.5", then "e6" / "E+06"
  {
    re: /^(\d+(?:\.\d+)?)(?:\s?[eE]\s?\+?(\d{1,2})(?![\d]))?/,
    make: (m, s, e) => {
      const text = m[1]!;
      const num: Token = { k: "num", v: Number(text), s, e: s + text.length };
      if (m[2] === undefined) return num;
      // "10e6" may mean 10⁶ (a lost caret) or 10 × 10⁶.
      return [num, { k: "pow", exp: Number(m[2]), doubtful: text === "10", s: s + text.length, e }];
    },
  },
  { re: /^(?:±|\+\s?\/\s?-|\+-)/, make: (_m, s, e) => ({ k: "pm", s, e }) },
  { re: /^(?:≥|>=|⩾)/, make: (_m, s, e) => ({ k: "cmp", dir: "ge", s, e }) },
  { re: /^(?:≤|<=|⩽)/, make: (_m, s, e) => ({ k: "cmp", dir: "le", s, e }) },
  { re: /^>/, make: (_m, s, e) => ({ k: "cmp", dir: "ge", s, e }) },
  { re: /^</, make: (_m, s, e) => ({ k: "cmp", dir: "le", s, e }) },
  { re: /^≈/, make: (_m, s, e) => ({ k: "approx", s, e }) },
  { re: /^[–~-]/, make: (m, s, e) => ({ k: "dash", c: m[0], s, e }) },
  {
    re: /^[A-Za-zµμ\u00c0-\u024f][A-Za-z0-9µμ\u00c0-\u024f'+]*(?:\.(?=[a-z]\.))?/,
    make: (m, s, e) => {
      const lw = m[0].toLowerCase();
      if (WORD_POWERS[lw] !== undefined) return { k: "pow", exp: WORD_POWERS[lw], doubtful: false, s, e };
      return { k: "word", w: m[0], lw, s, e };
    },
  },
  { re: /^\S/, make: (m, s, e) => ({ k: "sym", c: m[0], s, e }) },
];

export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    if (text[i] === " ") {
      i++;
      continue;
    }
    const rest = text.slice(i);
    let done = false;
    for (const rule of RULES) {
      const m = rule.re.exec(rest);
      if (!m || m[0].length === 0) continue;
      const made = rule.make(m, i, i + m[0].length, tokens[tokens.length - 1]);
      if (made === null) continue;
      tokens.push(...(Array.isArray(made) ? made : [made]));
      i += m[0].length;
      done = true;
      break;
    }
    if (!done) i++;
  }
  return tokens;
}

export const isNum = (t: Token | undefined): t is Extract<Token, { k: "num" }> => t?.k === "num";
export const isPow = (t: Token | undefined): t is Extract<Token, { k: "pow" }> => t?.k === "pow";
export const isWord = (t: Token | undefined, ...words: string[]): t is Extract<Token, { k: "word" }> =>
  t?.k === "word" && (words.length === 0 || words.includes(t.lw));
export const isSym = (t: Token | undefined, ...chars: string[]): t is Extract<Token, { k: "sym" }> =>
  t?.k === "sym" && (chars.length === 0 || chars.includes(t.c));
