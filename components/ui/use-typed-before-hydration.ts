"use client";
// What a person typed into a server-rendered form before its script had loaded: the fields hold
// it, but React never saw the input events, so state-driven fields would carry on as if empty
// (and the next render would put the old value back). On mount, hand each field's value that
// differs from what the server wrote to `take`, once, by its name (or its data-field, for a field
// that is not submitted).
import { useEffect, useRef, type RefObject } from "react";

type Field = HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement;

export function useTypedBeforeHydration<E extends HTMLElement>(
  take: (name: string, value: string) => void,
): RefObject<E | null> {
  const ref = useRef<E>(null);
  const done = useRef(false);
  useEffect(() => {
    if (done.current || !ref.current) return;
    done.current = true;
    for (const el of ref.current.querySelectorAll<Field>(
      "input[name], select[name], textarea[name], [data-field]",
    )) {
      if (el.type === "hidden" || el.type === "submit") continue;
      // defaultValue is what the server wrote; value is what is there now.
      const written =
        el instanceof HTMLSelectElement
          ? ([...el.options].find((o) => o.defaultSelected)?.value ?? el.options[0]?.value ?? "")
          : el.defaultValue;
      const key = el.name || el.dataset.field;
      if (key && el.value !== written) take(key, el.value);
    }
    // Once, on mount: later changes arrive as events.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
  return ref;
}
