import { describe, expect, it } from 'vitest';
import { exportFileName } from './file-name';

describe('exportFileName', () => {
  it('names the project and status, then the filters, so filtered downloads do not overwrite each other', () => {
    expect(exportFileName('Albania–Iran 2022', { status: 'approved' }, 'csv')).toBe('albania-iran-2022-approved.csv');
    expect(exportFileName('Albania–Iran 2022', { status: 'all', label: ['denial'], outlet: ['Cyber Daily', 'Reuters, Inc.'] }, 'csv')).toBe(
      'albania-iran-2022-all-denial-cyber-daily-reuters-inc.csv',
    );
    expect(exportFileName('P', { status: 'all', articleId: ['a'] }, 'jsonl')).toBe('p-all-1-article.jsonl');
    expect(exportFileName('P', { status: 'all', articleId: ['a', 'b'] }, 'zip')).toBe('p-all-2-articles.zip');
  });

  it('keeps the name short however many outlets are chosen, and never empty', () => {
    const name = exportFileName('Project', { status: 'all', outlet: Array.from({ length: 50 }, (_, i) => `Outlet number ${i}`) }, 'csv');
    expect(name.length).toBeLessThanOrEqual(104);
    expect(name).toMatch(/^project-all-outlet-number-0-.*[^-]\.csv$/);
    expect(exportFileName('«»', { status: 'approved', outlet: ['—'] }, 'csv')).toBe('project-approved-outlet.csv');
  });
});
