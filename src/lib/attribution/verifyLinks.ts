// Where the verify page checks a record: every page that shows a record id, a recording transaction or a model's
// paid answers links here, so anyone can re-check what was paid.
import type { Hex } from 'viem';

/** The verify page for record `recordId`. */
export const verifyRecordHref = (recordId: bigint | number | string) => `/verify/?record=${recordId}`;

/** The verify page for every record transaction `hash` made. */
export const verifyTransactionHref = (hash: Hex) => `/verify/?tx=${hash.toLowerCase()}`;

/** The verify page's list of model `modelId`'s recorded answers. */
export const verifyModelHref = (modelId: bigint | number | string) => `/verify/?model=${modelId}`;
