import type { ColumnMapping } from './column-mapping';

/** Recognised without a mapping: the FNC-1 bodies file. */
export const DEFAULT_CSV_MAPPING: ColumnMapping = { text: 'articleBody', externalId: 'Body ID' };

export const DEFAULT_CSV_MAPPING_COLUMNS = Object.values(DEFAULT_CSV_MAPPING) as string[];
