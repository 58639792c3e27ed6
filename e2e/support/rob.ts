// Answering RoB 2's signalling questions in a reviewer's form, for the specs that need it.
import type { Locator } from "@playwright/test";

// Answers that RoB 2's algorithms judge low in every domain (effect of assignment).
export const ROB2_LOW: readonly (readonly [question: string, answer: string])[] = [
  ["1.1", "Y"],
  ["1.2", "Y"],
  ["1.3", "N"],
  ["2.1", "N"],
  ["2.2", "N"],
  ["2.6", "Y"],
  ["3.1", "Y"],
  ["4.1", "N"],
  ["4.2", "N"],
  ["4.3", "N"],
  ["5.1", "Y"],
  ["5.2", "N"],
  ["5.3", "N"],
];

/** The form's select for a question, by its label ("1.1 Was a random process …"). */
export const question = (form: Locator, id: string) =>
  form.getByLabel(new RegExp(`^${id.replace(".", "\\.")} `));

/** Answers the given questions (all of ROB2_LOW by default). */
export async function answerLow(form: Locator, answers = ROB2_LOW) {
  for (const [q, a] of answers) await question(form, q).selectOption(a);
}
