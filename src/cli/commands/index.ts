// The registry of `provena` subcommands. Each entry loads its module on demand.
import type { CommandModule } from '../args.ts';

type CommandEntry = { summary: string; load: () => Promise<CommandModule> };

export const commands = {
	up: {
		summary: 'start a local devnet: anvil + contracts, the IPFS peer and the built site',
		load: () => import('./up.ts')
	},
	peer: {
		summary: 'run the local IPFS peer (Helia over WebSockets + a pinning service API)',
		load: () => import('./peer.ts')
	},
	deploy: {
		summary: 'deploy the contracts to an RPC and write the deployments file the app reads',
		load: () => import('./deploy.ts')
	},
	contracts: {
		summary: 'build or test the contracts with Foundry (installed on first use)',
		load: () => import('./contracts.ts')
	},
	test: {
		summary: 'run every test: type check, unit, forge and end-to-end',
		load: () => import('./test.ts')
	},
	generate: {
		summary: 'generate text from a model folder (and an optional PEFT adapter) on the CPU, reproducibly',
		load: () => import('./generate.ts')
	},
	ingest: {
		summary: 'turn files into LLM-ready records, with a report of what was dropped and why',
		load: () => import('./ingest.ts')
	},
	train: {
		summary: 'fine-tune a LoRA adapter on records.jsonl files and write it as a PEFT folder with a model card',
		load: () => import('./train.ts')
	},
	attribute: {
		summary: 'trace an answer of an adapter to the contributions it was trained on (spans + gradients, integers)',
		load: () => import('./attribute.ts')
	},
	verify: {
		summary: 'verify a paid answer: fetch its evidence, recompute its attribution, say whether it matches the record',
		load: () => import('./verify.ts')
	},
	'make-model': { summary: 'build the default model and its demo LoRA adapters', load: () => import('./makeModel.ts') },
	'make-demo-data': {
		summary: 'write the demo datanet (Moonbell Island) with its planted questions, through the ingest pipeline',
		load: () => import('./makeDemoData.ts')
	},
	bench: {
		summary: 'run the benchmarks: print a table per suite and write bench-results/<suite>.json',
		load: () => import('./bench.ts')
	}
} satisfies Record<string, CommandEntry>;

export type CommandName = keyof typeof commands;
