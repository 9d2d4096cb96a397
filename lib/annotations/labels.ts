import type { AnnotationStatus, Label } from './dto';

/** Display order, names and shortcut keys of the three tags; the toolbar, legend and keyboard all read this. */
export const LABEL_OPTIONS: readonly { value: Label; name: string; key: string }[] = [
  { value: 'assertion', name: 'Assertion', key: '1' },
  { value: 'denial', name: 'Denial', key: '2' },
  { value: 'evidence', name: 'Evidence', key: '3' },
];

export function labelName(label: Label): string {
  return LABEL_OPTIONS.find((l) => l.value === label)?.name ?? label;
}

export const STATUS_NAMES: Record<AnnotationStatus, string> = {
  pending: 'Pending',
  approved: 'Approved',
  rejected: 'Rejected',
};
