import type { LinkKind } from '@/lib/links/dto';

/** Display names of the two link kinds; buttons, lists and messages all read this. */
export const LINK_KIND_OPTIONS: readonly { value: LinkKind; name: string }[] = [
  { value: 'corroborates', name: 'Corroborates' },
  { value: 'contradicts', name: 'Contradicts' },
];

export const linkKindName = (kind: LinkKind) => LINK_KIND_OPTIONS.find((k) => k.value === kind)?.name ?? kind;

/** A quote cut to `max` code points, for lists where the full text would crowd the rest out. */
export function shortQuote(text: string, max = 90): string {
  const cps = Array.from(text);
  return cps.length > max ? `${cps.slice(0, max - 1).join('').trimEnd()}…` : text;
}

export const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
