/**
 * What a list page left out of its query string, and why (lib/api/page-query.ts),
 * above its results. A plain function, not a component: the words stay in the
 * page's own element tree, where the page tests read them.
 */
export function filterMessage(message: string | null | undefined) {
  return (
    message && (
      <p className="error-text" role="status">
        {message}
      </p>
    )
  );
}
