// Client-safe on purpose: the reader shows only the controls these rules
// allow, and the server enforces the same functions (lib/auth/permissions.ts
// re-exports them), so the two cannot drift apart.

/** A project's roles, in the order lists show them. */
export const PROJECT_ROLES = ['admin', 'analyst', 'reviewer'] as const;
export type ProjectRole = (typeof PROJECT_ROLES)[number];

/** What each role may do in a project. Admins may do everything. */
export const can = {
  annotate: (roles: readonly ProjectRole[]) => roles.includes('analyst') || roles.includes('admin'),
  review: (roles: readonly ProjectRole[]) => roles.includes('reviewer') || roles.includes('admin'),
  administer: (roles: readonly ProjectRole[]) => roles.includes('admin'),
  /** Editing or deleting a span or a link: its author, or an admin. */
  changeSpan: (roles: readonly ProjectRole[], authorId: string, userId: string) => roles.includes('admin') || (authorId === userId && can.annotate(roles)),
  /** Approving or rejecting a span or a link: a reviewer or an admin, never on their own work. */
  reviewWork: (roles: readonly ProjectRole[], authorId: string, userId: string) => can.review(roles) && authorId !== userId,
};
