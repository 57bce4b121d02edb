// Where an adapter folder keeps its attribution artifacts. A module of its own, with no imports, so the page can
// name the paths (the registration's CIDs) without loading the engine.

export const ATTRIBUTION_DIR = 'attribution/';
/** The span index's folder: its CID is the registration's attributionIndexCid. */
export const SPAN_INDEX_DIR = `${ATTRIBUTION_DIR}span-index/`;
export const GRADIENT_DIR = `${ATTRIBUTION_DIR}gradient-sketches/`;
/** The gradient sketches' file: its CID is the registration's gradientSketchCid. */
export const GRADIENT_SKETCHES_FILE = `${GRADIENT_DIR}sketches.bin`;
export const ATTRIBUTION_MANIFEST = `${ATTRIBUTION_DIR}attribution.json`;
