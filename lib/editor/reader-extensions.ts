import type { EditorOptions } from '@tiptap/core';
import { ReadOnlyGuard } from './read-only-guard';
import { readerSchemaExtensions } from './reader-schema';
import { SpanDecorations, type SpanDecorationsOptions } from './span-decorations';

/** Everything the reader's editor runs; shared by the component and its tests. */
export function createReaderExtensions(spans: SpanDecorationsOptions) {
  return [...readerSchemaExtensions, ReadOnlyGuard, SpanDecorations.configure(spans)];
}

/** Editor options that keep the article verbatim (no input or paste rules, newline-separated copy). */
export const readerEditorOptions = {
  editable: true,
  enableInputRules: false,
  enablePasteRules: false,
  // Copying a multi-paragraph selection yields the article's own line breaks.
  coreExtensionOptions: { clipboardTextSerializer: { blockSeparator: '\n' } },
} satisfies Partial<EditorOptions>;
