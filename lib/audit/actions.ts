/** Every action the audit log records (lib/audit/record-event.ts and the CTEs that insert events), with the words the activity page shows for it. */
export const AUDIT_ACTIONS = {
  'annotation.create': 'Span tagged',
  'annotation.update': 'Span edited',
  'annotation.delete': 'Span deleted',
  'annotation.review': 'Span reviewed',
  'annotation.reanchor': 'Span re-anchored',
  'annotation.orphan': 'Span orphaned',
  'annotation.place': 'Orphan placed by hand',
  'link.create': 'Link made',
  'link.delete': 'Link removed',
  'link.review': 'Link reviewed',
  'link.reopen': 'Link back to review',
  'claim.create': 'Claim created',
  'claim.update': 'Claim edited',
  'claim.attach': 'Span added to claim',
  'claim.detach': 'Span taken from claim',
  'claim.delete': 'Claim deleted',
  'article.revise': 'Article revised',
  'article.update': 'Article details corrected',
  'article.compare': 'Article opened for comparison',
  import: 'Import',
  export: 'Export',
  'project.create': 'Project created',
  'project.update': 'Project settings changed',
  'member.update': 'Member roles changed',
} as const;

export type AuditAction = keyof typeof AUDIT_ACTIONS;
export const AUDIT_ACTION_NAMES = Object.keys(AUDIT_ACTIONS) as [AuditAction, ...AuditAction[]];
