// The proposal form's draft as plain text fields (what the inputs hold, so it survives a reload, a rejected
// signature or a revert as typed), and how each drafted action becomes a ProposalAction or per-field messages.
import { parseEther, type Address, type Hex } from 'viem';
import { actionProblem, type ProposalAction } from './describeAction.ts';
import {
	FEE_SPLIT_KEY,
	feeSplitAction,
	parameterAction,
	parameterSpec,
	parseFeeSplit,
	parseParameter
} from './parameterCatalogue.ts';
import { parseAddressText, parseOpenAmount } from '../forms/formInput.ts';
import { slashAction, treasuryTransferAction } from './treasuryActions.ts';

export type ActionKind = 'parameter' | 'transfer' | 'slash' | 'expert';

/** One drafted action: every field as typed, whichever kind it is (switching kinds loses nothing). */
export type DraftAction = {
	id: number;
	kind: ActionKind;
	/** A parameter key from the catalogue, or FEE_SPLIT_KEY. */
	parameter: string;
	value: string;
	split: { dataBps: string; modelOwnerBps: string; stakersBps: string; treasuryBps: string };
	recipient: string;
	amount: string;
	staker: string;
	reason: string;
	target: string;
	calldata: string;
};

export type ProposalDraft = { title: string; body: string; actions: DraftAction[] };

/** Field name → message, for the fields of one drafted action that are not right yet. */
export type DraftErrors = Partial<
	Record<'parameter' | 'value' | 'split' | 'recipient' | 'amount' | 'staker' | 'reason' | 'target' | 'calldata', string>
>;

export type BuiltAction = { ok: true; action: ProposalAction } | { ok: false; errors: DraftErrors };

/** A new drafted action of `kind`. */
export function newDraftAction(kind: ActionKind, id: number, parameter = 'attributionThreshold'): DraftAction {
	return {
		id,
		kind,
		parameter,
		value: '',
		split: { dataBps: '', modelOwnerBps: '', stakersBps: '', treasuryBps: '' },
		recipient: '',
		amount: '',
		staker: '',
		reason: '',
		target: '',
		calldata: ''
	};
}

/** An empty draft. */
export function emptyDraft(): ProposalDraft {
	return { title: '', body: '', actions: [] };
}

/** Reads a draft saved as JSON, or undefined when it is missing or not a draft. */
export function parseSavedDraft(json: string | null): ProposalDraft | undefined {
	if (!json) return undefined;
	try {
		const value = JSON.parse(json) as ProposalDraft;
		if (typeof value.title !== 'string' || typeof value.body !== 'string' || !Array.isArray(value.actions))
			return undefined;
		const actions = value.actions
			.filter((a) => a && typeof a === 'object' && ['parameter', 'transfer', 'slash', 'expert'].includes(a.kind))
			.map((a, i) => ({
				...newDraftAction(a.kind, i + 1),
				...a,
				split: { ...newDraftAction(a.kind, 0).split, ...a.split }
			}));
		return { title: value.title, body: value.body, actions };
	} catch {
		return undefined;
	}
}

/** The ProposalAction `draft` describes, or what to fix in it. */
export function buildAction(chainId: number, draft: DraftAction): BuiltAction {
	switch (draft.kind) {
		case 'parameter': {
			if (draft.parameter === FEE_SPLIT_KEY) {
				const split = parseFeeSplit(draft.split);
				return split.ok
					? { ok: true, action: feeSplitAction(chainId, split.value) }
					: { ok: false, errors: { split: split.message } };
			}
			const spec = parameterSpec(draft.parameter);
			if (!spec) return { ok: false, errors: { parameter: 'Choose a parameter.' } };
			const value = parseParameter(spec, draft.value);
			return value.ok
				? { ok: true, action: parameterAction(chainId, spec, value.value) }
				: { ok: false, errors: { value: value.message } };
		}
		case 'transfer': {
			const recipient = parseAddressText(draft.recipient);
			const amount = parseOpenAmount(draft.amount);
			if (!recipient.ok || !amount.ok)
				return {
					ok: false,
					errors: {
						recipient: recipient.ok ? undefined : recipient.message,
						amount: amount.ok ? undefined : amount.message
					}
				};
			return { ok: true, action: treasuryTransferAction({ recipient: recipient.value, amount: amount.value }) };
		}
		case 'slash': {
			const staker = parseAddressText(draft.staker);
			const amount = parseOpenAmount(draft.amount);
			const reason = draft.reason.trim() ? undefined : 'Say why: the reason is recorded on chain with the slash.';
			if (!staker.ok || !amount.ok || reason)
				return {
					ok: false,
					errors: {
						staker: staker.ok ? undefined : staker.message,
						amount: amount.ok ? undefined : amount.message,
						reason
					}
				};
			return {
				ok: true,
				action: slashAction(chainId, { staker: staker.value, amount: amount.value, reason: draft.reason })
			};
		}
		case 'expert': {
			const target = parseAddressText(draft.target);
			let value = 0n;
			let valueError: string | undefined;
			if (draft.amount.trim()) {
				try {
					value = parseEther(draft.amount.trim().replace(/\s*open$/i, ''));
					if (value < 0n) throw new Error();
				} catch {
					valueError = 'Enter an amount of OPEN (0 or more), like 1.5.';
				}
			}
			const calldata = (draft.calldata.trim() || '0x').replace(/^0X/, '0x') as Hex;
			const action: ProposalAction = {
				target: (target.ok ? target.value : '0x0000000000000000000000000000000000000000') as Address,
				value,
				calldata
			};
			const calldataError = actionProblem(chainId, action);
			if (!target.ok || valueError || calldataError)
				return {
					ok: false,
					errors: { target: target.ok ? undefined : target.message, amount: valueError, calldata: calldataError }
				};
			return { ok: true, action };
		}
	}
}

/** Where another page leaves a proposal for the form to open with (`/governance/new/?prefill=1`). */
export const PREFILL_KEY = 'provena.proposalPrefill.v1';

/** A proposal another page prepared: a title, a markdown description and raw calls (shown decoded). */
export type DraftPrefill = {
	title: string;
	body: string;
	actions: { target: string; calldata: string; value?: string }[];
};

/** Reads a prefill saved as JSON, or undefined when it is missing or not one. */
export function parsePrefill(json: string | null): DraftPrefill | undefined {
	if (!json) return undefined;
	try {
		const value = JSON.parse(json) as DraftPrefill;
		if (typeof value.title !== 'string' || typeof value.body !== 'string' || !Array.isArray(value.actions))
			return undefined;
		if (!value.actions.every((a) => a && typeof a.target === 'string' && typeof a.calldata === 'string'))
			return undefined;
		return value;
	} catch {
		return undefined;
	}
}

/**
 * `draft` with `prefill` applied: an empty draft becomes the prefill; a draft being written keeps its title and gets
 * the prefill's actions (as raw calls, unless already there) and description appended, so nothing typed is lost.
 *
 * @example
 * draft = applyPrefill(draft, parsePrefill(sessionStorage.getItem(PREFILL_KEY))!, nextId);
 */
export function applyPrefill(draft: ProposalDraft, prefill: DraftPrefill, firstId: number): ProposalDraft {
	const present = new Set(
		draft.actions.filter((a) => a.kind === 'expert').map((a) => `${a.target.toLowerCase()} ${a.calldata.toLowerCase()}`)
	);
	const added = prefill.actions
		.filter((a) => !present.has(`${a.target.toLowerCase()} ${a.calldata.toLowerCase()}`))
		.map((a, i) => ({
			...newDraftAction('expert', firstId + i),
			target: a.target,
			calldata: a.calldata,
			amount: a.value ?? ''
		}));
	const empty = !draft.title.trim() && !draft.body.trim() && draft.actions.length === 0;
	if (empty) return { title: prefill.title, body: prefill.body, actions: added };
	const body = draft.body.includes(prefill.body)
		? draft.body
		: [draft.body.trimEnd(), prefill.body].filter(Boolean).join('\n\n');
	return { title: draft.title.trim() ? draft.title : prefill.title, body, actions: [...draft.actions, ...added] };
}
