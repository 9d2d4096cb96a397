import { mergeAttributes, Node } from '@tiptap/core';

/**
 * The reader's whole schema: a document of plain-text paragraphs. No marks and
 * no other nodes, so nothing the article arrives with can be reinterpreted as
 * formatting, and positions map to text offsets by the rule in article-doc.ts.
 */

const ReaderDocument = Node.create({ name: 'doc', topNode: true, content: 'paragraph+' });

const ReaderParagraph = Node.create({
  name: 'paragraph',
  group: 'block',
  content: 'text*',
  marks: '',
  // Spaces, tabs and runs of them are part of the canonical text.
  whitespace: 'pre',
  parseHTML() {
    return [{ tag: 'p' }];
  },
  renderHTML({ node, HTMLAttributes }) {
    // A blank line of the source is an empty paragraph; the class lets CSS give
    // it paragraph spacing instead of a full empty line, without :has().
    return ['p', mergeAttributes(HTMLAttributes, node.childCount === 0 ? { class: 'is-blank' } : {}), 0];
  },
});

const ReaderText = Node.create({ name: 'text', group: 'inline' });

export const readerSchemaExtensions = [ReaderDocument, ReaderParagraph, ReaderText];
