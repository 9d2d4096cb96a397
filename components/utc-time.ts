/** A stored time as the workbench shows it, to the second in UTC ("2026-08-01 14:03:59"): the same for every viewer, as the activity log lists events. */
export const utcTime = (iso: string) => iso.replace('T', ' ').slice(0, 19);
