// Agreement between reviewers who assessed the same studies with the same risk-of-bias tool:
// per domain (and overall), the share of studies on which all reviewers gave the same judgement
// and Cohen's kappa, plus which study–domain pairs need a consensus decision. Deciding is left
// to an admin; this only reports.
import { cohenKappa } from "../agreement";
import type { Judgment } from "./types";

export interface ReviewerJudgments {
  studyId: string;
  reviewerId: string;
  /** Final judgement per domain id, and under "overall"; null or absent = not rated. */
  judgments: Readonly<Partial<Record<string, Judgment | null>>>;
}

export interface DomainAgreement {
  domainId: string;
  /** Studies rated in this domain by two or more reviewers. */
  items: number;
  /** Share of those on which every reviewer gave the same judgement. */
  shareEqual: number | null;
  /**
   * Two reviewers: Cohen's kappa (Cohen 1960). More: Light's kappa (Light 1971), the mean of
   * Cohen's kappa over every pair of reviewers who rated common studies. Null when no pair has
   * a defined kappa (no common studies, or chance agreement already total).
   */
  kappa: number | null;
  method: "cohen" | "light" | null;
  /** Reviewer pairs whose kappa went into Light's mean. */
  pairs: number;
}

export type ConsensusStatus = "agreed" | "needs_consensus" | "single_reviewer" | "not_rated";

export interface DomainConsensus {
  domainId: string;
  status: ConsensusStatus;
  /** The agreed judgement (or the single reviewer's); null when reviewers differ. */
  judgment: Judgment | null;
  byReviewer: Record<string, Judgment>;
}

export interface StudyConsensus {
  studyId: string;
  needsConsensus: boolean;
  domains: DomainConsensus[];
}

export interface AgreementReport {
  reviewers: string[];
  domains: DomainAgreement[];
  studies: StudyConsensus[];
}

/**
 * Agreement per domain id in `domainIds` (include "overall" to cover the overall judgement).
 * A reviewer who assessed a study twice counts once, with their last assessment.
 */
export function riskOfBiasAgreement(
  assessments: readonly ReviewerJudgments[],
  domainIds: readonly string[],
): AgreementReport {
  const reviewers = [...new Set(assessments.map((a) => a.reviewerId))].sort();
  const byStudy = new Map<string, Map<string, ReviewerJudgments>>();
  for (const a of assessments) {
    const m = byStudy.get(a.studyId) ?? new Map<string, ReviewerJudgments>();
    m.set(a.reviewerId, a);
    byStudy.set(a.studyId, m);
  }
  const ratings = (domainId: string) =>
    [...byStudy.entries()].map(([studyId, m]) => {
      const r = new Map<string, Judgment>();
      for (const [reviewerId, a] of m) {
        const j = a.judgments[domainId];
        if (j !== null && j !== undefined) r.set(reviewerId, j);
      }
      return { studyId, ratings: r };
    });

  const domains = domainIds.map((domainId): DomainAgreement => {
    const rated = ratings(domainId).filter((s) => s.ratings.size >= 2);
    const shareEqual =
      rated.length === 0
        ? null
        : rated.filter((s) => new Set(s.ratings.values()).size === 1).length / rated.length;
    const kappas: number[] = [];
    for (let i = 0; i < reviewers.length; i++) {
      for (let j = i + 1; j < reviewers.length; j++) {
        const [ri, rj] = [reviewers[i]!, reviewers[j]!];
        const pairs: [string, string][] = [];
        for (const s of rated) {
          const a = s.ratings.get(ri);
          const b = s.ratings.get(rj);
          if (a !== undefined && b !== undefined) pairs.push([a, b]);
        }
        const k = cohenKappa(pairs);
        if (k !== null) kappas.push(k);
      }
    }
    const method = reviewers.length === 2 ? "cohen" : reviewers.length > 2 ? "light" : null;
    return {
      domainId,
      items: rated.length,
      shareEqual,
      kappa: kappas.length === 0 ? null : kappas.reduce((s, k) => s + k, 0) / kappas.length,
      method: kappas.length === 0 ? null : method,
      pairs: kappas.length,
    };
  });

  const perDomain = new Map(
    domainIds.map((d) => [d, new Map(ratings(d).map((s) => [s.studyId, s.ratings]))]),
  );
  const studies = [...byStudy.keys()].map((studyId): StudyConsensus => {
    const ds = domainIds.map((domainId): DomainConsensus => {
      const r = perDomain.get(domainId)!.get(studyId) ?? new Map<string, Judgment>();
      const byReviewer = Object.fromEntries(r);
      const values = new Set(r.values());
      if (r.size === 0) return { domainId, status: "not_rated", judgment: null, byReviewer };
      const only = [...values][0]!;
      if (r.size === 1) return { domainId, status: "single_reviewer", judgment: only, byReviewer };
      return values.size === 1
        ? { domainId, status: "agreed", judgment: only, byReviewer }
        : { domainId, status: "needs_consensus", judgment: null, byReviewer };
    });
    return { studyId, needsConsensus: ds.some((d) => d.status === "needs_consensus"), domains: ds };
  });
  return { reviewers, domains, studies };
}
