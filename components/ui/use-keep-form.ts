"use client";
// Submits a form to its server action without React's reset of the form afterwards, for forms
// whose fields are controlled by state (a reset would blank them while the state keeps its
// values): what was typed stays after a refusal. The pressed button's name and value are sent.
import { useTransition, type FormEvent } from "react";

export function useKeepForm(action: (form: FormData) => void) {
  const [pending, start] = useTransition();
  const onSubmit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const submitter = (e.nativeEvent as SubmitEvent).submitter;
    const data = new FormData(e.currentTarget, submitter);
    start(() => action(data));
  };
  return { onSubmit, pending };
}
