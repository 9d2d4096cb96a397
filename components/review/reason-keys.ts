import type { KeyboardEvent } from 'react';

/**
 * Keys of a rejection's reason field, the same wherever a reviewer types
 * one: Enter sends the form, Shift+Enter starts a new line, Escape cancels
 * (and goes no further, so a popover around the form stays open).
 */
export function reasonKeys(cancel: () => void) {
  return (e: KeyboardEvent<HTMLTextAreaElement>) => {
    if (e.key === 'Escape') {
      e.stopPropagation();
      cancel();
    } else if (e.key === 'Enter' && !e.shiftKey) {
      e.preventDefault();
      e.currentTarget.form?.requestSubmit();
    }
  };
}
