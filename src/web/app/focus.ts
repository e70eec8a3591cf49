// Focus for forms that open in place of their button (a card's "Record a service", a note's "Edit").
// Without care the focus is lost to the document twice: when the button that had it disappears, and
// when the form that had it closes after saving. A keyboard or screen-reader user would then start
// again from the top of the page (issue 19, point 6).
import { useEffect, useRef, useState } from 'react';

const FIRST_FIELD =
  '[data-autofocus], input:not([type="hidden"]):not([disabled]), textarea:not([disabled]), select, button:not([disabled])';

export function useInlineForm() {
  const [open, setOpen] = useState(false);
  /** The button that opens the form: it gets the focus back when the form closes. */
  const trigger = useRef<HTMLButtonElement>(null);
  /** Around the form: its first field takes the focus when it opens. */
  const container = useRef<HTMLDivElement>(null);
  const wasOpen = useRef(false);
  useEffect(() => {
    if (open) container.current?.querySelector<HTMLElement>(FIRST_FIELD)?.focus();
    else if (wasOpen.current) trigger.current?.focus();
    wasOpen.current = open;
  }, [open]);
  return { open, show: () => setOpen(true), hide: () => setOpen(false), trigger, container };
}
