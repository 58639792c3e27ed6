import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { z } from "zod";
import { LiveUpdates } from "@/components/live/live-updates";
import { ArmOutcomes } from "@/components/study/arm-outcomes";
import { ArmsTable } from "@/components/study/arms-table";
import { ProductsTable } from "@/components/study/products-table";
import { RobSection } from "@/components/rob/rob-section";
import { Section } from "@/components/study/section";
import { StudyFacts } from "@/components/study/study-facts";
import { StudyHistory } from "@/components/study/study-history";
import { TrialSiblings } from "@/components/study/trial-siblings";
import { Annotations } from "@/components/studies/annotations";
import { LazyDetails } from "@/components/ui/lazy-details";
import { EditStudyForm } from "@/components/studies/edit-study-form";
import { editableStudy } from "@/components/studies/editable-study";
import { OutcomeData } from "@/components/studies/outcome-data-form";
import { TagPanel } from "@/components/studies/tag-panel";
import { doseSettingsOf, parseFilter } from "@/lib/domain/filter";
import { citationLabel } from "@/lib/domain/import/citation";
import { TASK_ANCHORS, TASK_LABELS } from "@/lib/domain/team/assignments";
import type { SearchParams } from "@/lib/domain/url-params";
import { listAnnotations } from "@/lib/server/annotations";
import { queueOnStudy } from "@/lib/server/assignments";
import { teammateHandles } from "@/lib/server/inbox";
import { studyArmOutcomes } from "@/lib/server/arm-outcomes";
import { listCategories } from "@/lib/server/categories";
import { studyHistory } from "@/lib/server/history";
import { outcomeNames, studyOutcomeData } from "@/lib/server/outcome-data";
import { requirePageUser } from "@/lib/server/platform/session";
import { studyRiskOfBias } from "@/lib/server/risk-of-bias";
import { studyDetail } from "@/lib/server/studies";
import { studyTags } from "@/lib/server/tags";
import * as actions from "./actions";
import * as armActions from "./arm-outcome-actions";

export const metadata: Metadata = { title: "Study" };

export default async function StudyPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<SearchParams>;
}) {
  const { id } = await params;
  const user = await requirePageUser("viewer", `/studies/${id}`);
  if (!z.uuid().safeParse(id).success) notFound();
  const s = await studyDetail(user, id);
  if (!s) notFound();
  const [threads, tags, categories, history, outcomes, names, rob, queue, handles] = await Promise.all([
    listAnnotations(user, id),
    studyTags(user, id),
    listCategories(user),
    studyHistory(user, id),
    studyOutcomeData(user, id),
    outcomeNames(user),
    studyRiskOfBias(user, id),
    queueOnStudy(user, id),
    user.role === "viewer" ? Promise.resolve([]) : teammateHandles(user),
  ]);
  const armOutcomes = await studyArmOutcomes(user, id);
  const dose = doseSettingsOf(parseFilter(await searchParams).filter);
  const canWrite = user.role !== "viewer";
  const isAdmin = user.role === "admin";
  return (
    <>
      <p>
        <Link href="/studies">← Studies</Link>
      </p>
      <h1>
        {s.disease} ({s.diseaseCode}){" "}
        {citationLabel({ firstAuthor: s.firstAuthor, year: s.publicationYear }, s.reference)}
      </h1>
      {canWrite && <LiveUpdates view={{ page: "study", studyId: s.id }} />}
      {queue.length > 0 && (
        <nav aria-label="My queue" className="notice queue-next" data-testid="queue-next">
          {queue.map((q) => (
            <span key={q.task}>
              Assigned to you: <a href={`#${TASK_ANCHORS[q.task]}`}>{TASK_LABELS[q.task].toLowerCase()}</a>.{" "}
              {q.nextStudyId ? (
                <Link href={`/studies/${q.nextStudyId}#${TASK_ANCHORS[q.task]}`}>
                  Next study in this queue →
                </Link>
              ) : (
                <Link href={`/queue?task=${q.task}`}>Nothing else to do in this queue</Link>
              )}
            </span>
          ))}
        </nav>
      )}
      <StudyFacts study={s} />
      <TrialSiblings study={s} />
      <ProductsTable products={s.products} coAdministered={s.coAdministered} />
      <ArmsTable arms={s.arms} dose={dose} />
      <Section id="tags" title="Outcome categories">
        <TagPanel
          studyId={s.id}
          categories={categories.map(({ id, name, colour, description }) => ({
            id,
            name,
            colour,
            description,
          }))}
          tags={tags}
          canTag={canWrite}
          isAdmin={isAdmin}
          save={actions.saveTagsAction}
          consensus={actions.setConsensusAction}
        />
      </Section>
      <Section id="notes" title="Annotations">
        <Annotations
          studyId={s.id}
          me={user.id}
          canWrite={canWrite}
          isAdmin={isAdmin}
          actions={{
            create: actions.createAnnotationAction,
            edit: actions.editAnnotationAction,
            remove: actions.deleteAnnotationAction,
            status: actions.setAnnotationStatusAction,
          }}
          threads={threads}
          handles={handles}
        />
      </Section>
      <Section id="outcome" title="Outcome data for meta-analysis">
        <OutcomeData
          studyId={s.id}
          canEdit={canWrite}
          save={actions.saveOutcomeDataAction}
          remove={actions.deleteOutcomeDataAction}
          suggestions={names.map((n) => n.outcome)}
          entries={outcomes}
        />
      </Section>
      <ArmOutcomes
        studyId={s.id}
        data={armOutcomes}
        canEdit={canWrite}
        save={armActions.saveArmOutcomeAction}
        remove={armActions.deleteArmOutcomeAction}
        suggestions={names.map((n) => n.outcome)}
      />
      <Section id="rob" title="Risk of bias">
        <RobSection
          studyId={s.id}
          view={rob}
          canAssess={canWrite}
          isAdmin={isAdmin}
          save={actions.saveRobAssessmentAction}
          consensus={actions.setRobConsensusAction}
        />
      </Section>
      {canWrite && (
        <LazyDetails className="card" id="correct" summary="Correct this study">
          <EditStudyForm action={actions.editStudyAction} study={editableStudy(s)} />
        </LazyDetails>
      )}
      <StudyHistory
        events={history}
        me={user.id}
        hideOthersTags={tags.others === null}
        hideOthersRob={rob.units.some((u) => u.others === null)}
      />
    </>
  );
}
