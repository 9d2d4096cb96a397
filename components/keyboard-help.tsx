'use client';

import { useEffect, useRef } from 'react';

/** Every key the workbench answers to, by where it works (INCEpTION and Label Studio list theirs the same way). */
const SECTIONS: { title: string; keys: [string, string][] }[] = [
  {
    title: 'Reading and tagging',
    keys: [
      ['1 / 2 / 3', 'Tag the selection as assertion / denial / evidence'],
      ['Alt+1 / 2 / 3', 'The same, while typing a speaker or a note'],
      ['Shift+arrows', 'Select text from the caret'],
      ['Enter', 'Open the span at the caret'],
      ['Ctrl+Z (⌘Z)', 'Undo the last tagging, edit or deletion'],
      ['Shift+PageDown / PageUp', 'Next / previous article of the list'],
      ['Escape', 'Close the toolbar, the span or the compare view'],
    ],
  },
  {
    title: 'Review queue',
    keys: [
      ['j / k', 'Next / previous item'],
      ['a', 'Approve'],
      ['r', 'Reject, with a reason (Enter sends it)'],
      ['o', 'Open the item where it is'],
    ],
  },
  {
    title: 'Compare analysts',
    keys: [
      ['j / k', 'Next / previous line'],
      ['1 / 2', 'Accept A / accept B'],
      ['b / n', 'Accept both / neither'],
    ],
  },
  { title: 'Anywhere', keys: [['?', 'This list']] },
];

/** True where "?" is a character being typed, not a request for help. */
function typing(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.closest('input, textarea, select')) return true;
  // The reader's text is contenteditable only to carry a caret and selections; nothing is typed there.
  return target.isContentEditable && !target.closest('.article-reader__text-host');
}

/**
 * "?" anywhere in the workbench (and the top bar's Keys button) lists the
 * keyboard shortcuts in a modal dialog; Escape or Close shuts it.
 */
export function KeyboardHelp() {
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== '?' || e.ctrlKey || e.metaKey || e.altKey || typing(e.target) || dialog.current?.open) return;
      e.preventDefault();
      dialog.current?.showModal();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);
  return (
    <>
      <button type="button" className="topbar__link topbar__keys" onClick={() => dialog.current?.showModal()} aria-keyshortcuts="?" title="Keyboard shortcuts (?)">
        Keys
      </button>
      <dialog ref={dialog} className="keyboard-help" aria-label="Keyboard shortcuts">
        <h2>Keyboard shortcuts</h2>
        {SECTIONS.map((s) => (
          <section key={s.title} aria-label={s.title}>
            <h3>{s.title}</h3>
            <dl>
              {s.keys.map(([keys, what]) => (
                <div key={keys + what}>
                  <dt>
                    <kbd>{keys}</kbd>
                  </dt>
                  <dd>{what}</dd>
                </div>
              ))}
            </dl>
          </section>
        ))}
        <form method="dialog">
          <button className="btn" type="submit">
            Close
          </button>
        </form>
      </dialog>
    </>
  );
}
