import type { Page } from '@playwright/test';

type Box = { x: number; y: number };

/**
 * Screen points just inside the first and last character of `needle` in the
 * reader. Highlights split the text into many nodes, so the needle is found
 * in each paragraph's concatenated text and mapped back to (node, offset).
 */
async function edgesOf(page: Page, needle: string, occurrence = 0): Promise<{ start: Box; end: Box }> {
  return page.evaluate(
    ({ needle, occurrence }) => {
      const root = document.querySelector('[data-testid="article-reader"] .ProseMirror');
      if (!root) throw new Error('reader not found');
      let seen = 0;
      for (const block of Array.from(root.querySelectorAll('p'))) {
        const nodes: Text[] = [];
        const walker = document.createTreeWalker(block, NodeFilter.SHOW_TEXT);
        while (walker.nextNode()) nodes.push(walker.currentNode as Text);
        const full = nodes.map((n) => n.data).join('');
        let at = full.indexOf(needle);
        while (at >= 0 && seen < occurrence) {
          seen++;
          at = full.indexOf(needle, at + 1);
        }
        if (at < 0) continue;
        const locate = (offset: number) => {
          let rest = offset;
          for (const node of nodes) {
            if (rest < node.data.length) return { node, offset: rest };
            rest -= node.data.length;
          }
          const last = nodes[nodes.length - 1];
          return { node: last, offset: last.data.length };
        };
        const charRect = (offset: number, len: number) => {
          const a = locate(offset);
          const r = document.createRange();
          r.setStart(a.node, a.offset);
          r.setEnd(a.node, a.offset + len);
          return r.getBoundingClientRect();
        };
        const first = charRect(at, 1);
        const lastLen = needle.length >= 2 && /[\uDC00-\uDFFF]/.test(needle[needle.length - 1]) ? 2 : 1;
        const last = charRect(at + needle.length - lastLen, lastLen);
        return {
          start: { x: first.left + 1, y: first.top + first.height / 2 },
          end: { x: last.right - 1, y: last.top + last.height / 2 },
        };
      }
      throw new Error(`"${needle}" not found in the reader`);
    },
    { needle, occurrence },
  );
}

/**
 * Drags the mouse across `needle`, as a person selects text. The points are
 * measured first, with the needle in the middle of the window; if the drag
 * still selects something else (the page moved under it), it is measured and
 * dragged again, once: what is tested is what the reader does with a
 * selection, not where the mouse landed.
 */
export async function selectWithMouse(page: Page, needle: string, occurrence = 0) {
  for (let attempt = 0; attempt < 2; attempt++) {
    await page.locator(`[data-testid="article-reader"] .ProseMirror p`, { hasText: needle.slice(0, 20) }).first().scrollIntoViewIfNeeded();
    let { start, end } = await edgesOf(page, needle, occurrence);
    // A drag that ends near the window's edge makes Chromium scroll and extend the selection
    // past the mouse: bring the needle to the middle of the window first.
    const height = await page.evaluate(() => window.innerHeight);
    if (start.y < 80 || end.y > height - 80) {
      await page.evaluate((dy) => window.scrollBy(0, dy), (start.y + end.y) / 2 - height / 2);
      ({ start, end } = await edgesOf(page, needle, occurrence));
    }
    await page.mouse.move(start.x, start.y);
    await page.mouse.down();
    await page.mouse.move((start.x + end.x) / 2, (start.y + end.y) / 2, { steps: 4 });
    await page.mouse.move(end.x, end.y, { steps: 4 });
    await page.mouse.up();
    const selected = await page.evaluate(() => document.getSelection()?.toString() ?? '');
    if (selected.trim() === needle.trim()) return;
  }
}

/** Clicks before the needle's first character, then extends with shift+arrow keys. */
export async function selectWithKeyboard(page: Page, needle: string) {
  const { start } = await edgesOf(page, needle);
  await page.mouse.click(start.x - 0.5, start.y);
  const graphemes = Array.from(new Intl.Segmenter('en', { granularity: 'grapheme' }).segment(needle)).length;
  for (let i = 0; i < graphemes; i++) await page.keyboard.press('Shift+ArrowRight');
}
