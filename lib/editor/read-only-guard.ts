import { Extension } from '@tiptap/core';
import { Plugin, PluginKey } from '@tiptap/pm/state';

/**
 * Keeps an *editable* view from ever changing the document.
 *
 * Why not `editable: false`: a non-editable view is not contenteditable, and
 * browsers then ignore Shift+arrow keys, so keyboard users could not select
 * text. So the view stays contenteditable (caret, keyboard selection, copy
 * all work) and every route to a change is closed:
 *   - `filterTransaction` drops any transaction that touches the document,
 *     whatever produced it (keymaps, commands, DOM reads, other plugins);
 *   - `beforeinput` is cancelled, so typing, deleting, pasting and formatting
 *     shortcuts never reach the DOM in the first place;
 *   - paste and drop are swallowed.
 * IME composition cannot be cancelled; ProseMirror then reads the changed DOM,
 * the resulting transaction is filtered out and ProseMirror redraws the
 * paragraph from the unchanged state.
 */
export const ReadOnlyGuard = Extension.create({
  name: 'readOnlyGuard',

  addProseMirrorPlugins() {
    return [
      new Plugin({
        key: new PluginKey('readOnlyGuard'),
        filterTransaction: (tr) => !tr.docChanged,
        props: {
          handleTextInput: () => true,
          handlePaste: () => true,
          handleDrop: () => true,
          handleDOMEvents: {
            beforeinput: (_view, event) => {
              event.preventDefault();
              return true;
            },
          },
        },
      }),
    ];
  },
});
