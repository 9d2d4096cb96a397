// Layout APIs jsdom lacks, for tests that render the real reader (Tiptap/ProseMirror) into jsdom:
// ProseMirror's mouse handling and scrolling call them, and it measures the selection (a Range)
// whenever the editor takes focus (Undo and Delete give it focus back).
Element.prototype.scrollIntoView ??= () => {};
document.elementFromPoint ??= () => null;
Range.prototype.getClientRects ??= () => ({ length: 0, item: () => null, [Symbol.iterator]: [][Symbol.iterator] }) as unknown as DOMRectList;
Range.prototype.getBoundingClientRect ??= () => new DOMRect();
