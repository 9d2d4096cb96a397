/** The fragment id of an outlet's section on the claim page, e.g. "outlet-tehran-times". */
export function outletAnchor(outlet: string): string {
  const slug = outlet
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '');
  return `outlet-${slug || 'unnamed'}`;
}
