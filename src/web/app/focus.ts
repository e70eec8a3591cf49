// Focus for forms that open in place of their button (a card's "Record a service", a note's "Edit").
// Without care the focus is lost to the document twice: when the button that had it disappears, and
// when the form that had it closes after saving. A keyboard or screen-reader user would then start
// again from the top of the page (issue 19, point 6).
import { useEffect, useRef, useState } from 'react';

export function useInlineForm() {
  const [open, setOpen] = useState(false);
  /** The button that opens the form: it gets the focus back when the form closes. */
  const trigger = useRef<HTMLButtonElement>(null);
  /** Around the form (give it tabIndex={-1}): it takes the focus when the form opens — or its field
   *  marked data-autofocus does. Not simply the first field: a searchable select would open its list
   *  over the form the moment it appears; from here the next Tab is the first field. */
  const container = useRef<HTMLDivElement>(null);
  const wasOpen = useRef(false);
  useEffect(() => {
    if (open) (container.current?.querySelector<HTMLElement>('[data-autofocus]') ?? container.current)?.focus();
    else if (wasOpen.current) trigger.current?.focus();
    wasOpen.current = open;
  }, [open]);
  return { open, show: () => setOpen(true), hide: () => setOpen(false), trigger, container };
}
