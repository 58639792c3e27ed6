// A walk through one domain's decision rules: it reads the answers the rules need, records each
// as a reason, and ends in a judgement or in "no suggestion" with the reason why. Shared by the
// RoB 2, ROBINS-I and JBI domain algorithms so that their reasons read alike.
import {
  ANSWER_LABELS,
  type Answer,
  type Answers,
  type DomainSuggestion,
  type Judgment,
  type Question,
} from "./types";

export const YES: readonly Answer[] = ["Y", "PY"];
export const NO: readonly Answer[] = ["N", "PN"];
export const NI: readonly Answer[] = ["NI"];
export const YES_NI: readonly Answer[] = ["Y", "PY", "NI"];
export const NO_NI: readonly Answer[] = ["N", "PN", "NI"];

/** Whether an answer (possibly absent) is one of a group such as YES. */
export function among(answer: Answer | undefined, group: readonly Answer[]): boolean {
  return answer !== undefined && group.includes(answer);
}

/** Questions answered (with anything but NA) although the tool does not ask them here. */
export function notAskedWarnings(questions: readonly Question[], answers: Answers): string[] {
  const warnings: string[] = [];
  for (const q of questions) {
    const a = answers[q.id];
    if (a !== undefined && a !== "NA" && !q.applies(answers)) {
      warnings.push(
        `${q.id} is answered ${a}, but the tool asks it only ${q.askedWhen ?? "always"}; the answer is not used`,
      );
    }
  }
  return warnings;
}

export class Walk<J extends Judgment> {
  private readonly reasons: string[] = [];
  private readonly byId: Map<string, Question>;

  constructor(
    private readonly questions: readonly Question[],
    private readonly answers: Answers,
    /** Named at the end of the reasons: where the rule comes from. */
    private readonly source: string,
  ) {
    this.byId = new Map(questions.map((q) => [q.id, q]));
  }

  private question(id: string): Question {
    const q = this.byId.get(id);
    if (!q) throw new Error(`no question ${id} in this domain`);
    return q;
  }

  /** The raw answer, without recording anything. */
  peek(id: string): Answer | undefined {
    this.question(id);
    return this.answers[id];
  }

  /**
   * The answer to a question the rules need now, recorded as a reason. Undefined when it is
   * unanswered, or answered NA where NA is not an answer on this path (then the walk records
   * why and the caller ends it with `unresolved()`).
   */
  ask(id: string, options: { naIsAnswer?: boolean } = {}): Answer | undefined {
    const q = this.question(id);
    const a = this.answers[id];
    if (a === undefined) {
      this.reasons.push(`${id} (${q.short}) is needed on this path but is unanswered`);
      return undefined;
    }
    if (a === "NA" && !options.naIsAnswer) {
      this.reasons.push(`${id} (${q.short}) is needed on this path but is answered NA (not applicable)`);
      return undefined;
    }
    if (!q.answers.includes(a)) {
      // Reaches here only when answers bypassed the zod schema, which rejects such answers.
      this.reasons.push(`${id} (${q.short}) is answered ${a}, which the tool does not allow for it`);
      return undefined;
    }
    this.reasons.push(`${id} ${q.short} ${a} (${ANSWER_LABELS[a]})`);
    return a;
  }

  /** Records an answer read with `peek` as a reason. */
  record(id: string): void {
    const a = this.answers[id];
    if (a !== undefined) this.reasons.push(`${id} ${this.question(id).short} ${a} (${ANSWER_LABELS[a]})`);
  }

  note(text: string): void {
    this.reasons.push(text);
  }

  done(judgment: J, rule: string, consider: readonly J[] = []): DomainSuggestion<J> {
    return {
      suggested: judgment,
      reasons: [...this.reasons, `→ ${rule} (${this.source})`],
      consider: [...consider],
      warnings: notAskedWarnings(this.questions, this.answers),
    };
  }

  unresolved(why?: string, consider: readonly J[] = []): DomainSuggestion<J> {
    return {
      suggested: null,
      reasons: [
        ...this.reasons,
        `→ no suggestion: ${why ?? "the answers needed on this path are missing"} (${this.source})`,
      ],
      consider: [...consider],
      warnings: notAskedWarnings(this.questions, this.answers),
    };
  }
}
