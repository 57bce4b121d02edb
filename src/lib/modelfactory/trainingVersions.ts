// The datanet versions ModelFactory can train on, as the chain state says them: each datanet with at least one
// published version, its licence's verdict, and per version the records and tokens its contributors declared. A
// selection holds at most one version per datanet, because ModelRegistry refuses a training set that names a
// datanet twice.
import type { DatanetState, DatanetView, VersionView } from '../datanets/state/datanetState.ts';
import { licenceLabel } from '../datanets/state/datanetMetadata.ts';
import { trainingLicenceVerdict, type LicenceVerdict } from './trainingLicences.ts';

/** A version as the picker lists it. */
export type VersionOption = {
	version: number;
	manifestCid: string;
	contributions: number;
	/** As declared on chain by the contributors; the loaded records are counted again. */
	records: number;
	tokens: number;
};

/** A datanet as the picker lists it, newest version first. */
export type DatanetOption = {
	datanetId: string;
	name: string;
	licence: string;
	licenceLabel: string;
	verdict: LicenceVerdict;
	versions: VersionOption[];
};

/** One chosen version: what a run records and what the registry is told. */
export type VersionRef = { datanetId: string; version: number; manifestCid: string; licence: string };

/**
 * Every datanet that has published a version, by id, with the name its metadata gives (else "Datanet #id").
 *
 * @example
 * const options = trainingVersionOptions(datanets.state, (d) => datanets.metadataOf(d.metadataCid)?.name);
 */
export function trainingVersionOptions(
	state: DatanetState,
	nameOf: (datanet: DatanetView) => string | undefined
): DatanetOption[] {
	return state.datanets
		.filter((datanet) => datanet.versions.length > 0)
		.map((datanet) => ({
			datanetId: datanet.id,
			name: nameOf(datanet) ?? `Datanet #${datanet.id}`,
			licence: datanet.licence,
			licenceLabel: licenceLabel(datanet.licence),
			verdict: trainingLicenceVerdict(datanet.licence),
			versions: [...datanet.versions].reverse().map((version) => versionOption(state, version))
		}));
}

function versionOption(state: DatanetState, version: VersionView): VersionOption {
	let records = 0n;
	let tokens = 0n;
	for (const id of version.contributionIds) {
		const contribution = state.contributions.get(id);
		records += contribution?.recordCount ?? 0n;
		tokens += contribution?.tokenCount ?? 0n;
	}
	return {
		version: version.version,
		manifestCid: version.manifestCid,
		contributions: version.contributionIds.length,
		records: Number(records),
		tokens: Number(tokens)
	};
}

/**
 * The selection with `datanetId` set to `version` (replacing any version of it), or removed when `version` is
 * undefined. Kept in the order datanets were first picked.
 *
 * @example
 * selection = chooseVersion(selection, option, 2);
 */
export function chooseVersion(
	selection: readonly VersionRef[],
	datanet: Pick<DatanetOption, 'datanetId' | 'licence' | 'versions'>,
	version: number | undefined
): VersionRef[] {
	const chosen = version === undefined ? undefined : datanet.versions.find((v) => v.version === version);
	const index = selection.findIndex((ref) => ref.datanetId === datanet.datanetId);
	const next = [...selection];
	if (!chosen) {
		if (index >= 0) next.splice(index, 1);
		return next;
	}
	const ref = {
		datanetId: datanet.datanetId,
		version: chosen.version,
		manifestCid: chosen.manifestCid,
		licence: datanet.licence
	};
	if (index >= 0) next[index] = ref;
	else next.push(ref);
	return next;
}
