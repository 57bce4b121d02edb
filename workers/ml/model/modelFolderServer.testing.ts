// For the download tests: a real model folder written with the project's own helpers, and a real node:http
// server over it that counts the bytes it hands to each response, so a test can prove what was (not) sent.
// Range support, truncated bodies and failures are switches.
import { readFile, writeFile } from 'node:fs/promises';
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { writeSafetensors, type SafetensorsDtype } from '../formats/safetensors.ts';
import { tokenizerJson } from '../tokenizer/tokenizerJson.ts';
import { trainBpe } from '../tokenizer/trainBpe.ts';
import type { HostTensor } from '../core/hostTensor.ts';
import { initializeWeights } from './initializeWeights.ts';
import type { ModelConfig } from '../core/modelConfig.ts';
import { writeModelConfig } from './writeModelConfig.ts';
import { tinyLlamaConfig } from './fixtureModels.ts';

const TEXT = 'the cat sat on the mat. the dog sat on the log. a cat and a dog met on a mat by the log.';

/** What {@link writeModelFolder} wrote. */
export type ModelFolder = { config: ModelConfig; weights: Map<string, HostTensor>; files: string[] };

/**
 * Writes config.json, model.safetensors, tokenizer.json and tokenizer_config.json of a tiny Llama into `dir`.
 * `vocabSize` beyond the tokenizer's pads the embedding (as real models do) to make the file as large as wanted.
 *
 * @example
 * const { config, weights } = await writeModelFolder(dir, { vocabSize: 65_536, hiddenSize: 64 });
 */
export async function writeModelFolder(
	dir: string,
	options: { vocabSize?: number; hiddenSize?: number; dtype?: SafetensorsDtype; seed?: number } = {}
): Promise<ModelFolder> {
	const specialTokens = ['<|endoftext|>', '<|im_start|>', '<|im_end|>'];
	const trained = trainBpe([TEXT], { vocabSize: 300, specialTokens });
	const tokenizer = tokenizerJson(trained, { specialTokens, eosToken: '<|endoftext|>' });
	const hiddenSize = options.hiddenSize ?? 32;
	const config: ModelConfig = {
		...tinyLlamaConfig,
		vocabSize: Math.max(options.vocabSize ?? 0, trained.vocab.size),
		hiddenSize,
		numKeyValueHeads: 2,
		headDim: hiddenSize / 4,
		tieWordEmbeddings: false,
		eosTokenIds: [0]
	};
	const weights = initializeWeights(config, { seed: options.seed ?? 5 });
	const json = (value: unknown) => JSON.stringify(value, null, 1);
	await writeFile(join(dir, 'config.json'), json({ ...writeModelConfig(config), _name_or_path: 'test/tiny' }));
	await writeFile(join(dir, 'model.safetensors'), writeSafetensors(weights, { dtype: options.dtype ?? 'F32' }));
	await writeFile(join(dir, 'tokenizer.json'), json(tokenizer.tokenizerJson));
	await writeFile(join(dir, 'tokenizer_config.json'), json(tokenizer.tokenizerConfig));
	return { config, weights, files: ['config.json', 'model.safetensors', 'tokenizer.json', 'tokenizer_config.json'] };
}

export type ModelFolderServerOptions = {
	/** Answer `Range: bytes=a-b` with 206 (default true); false sends the whole file with 200, as some hosts do. */
	range?: boolean;
	/** Files whose body stops after this many bytes (Content-Length still announces the whole file). */
	truncate?: Record<string, number>;
	/** Files answered with this status instead. */
	status?: Record<string, number>;
	/** Write size (default 64 KiB). */
	chunkBytes?: number;
};

export type ModelFolderServer = {
	/** The folder's URL, ending in '/'. */
	url: string;
	/** Bytes handed to the socket per file, over all requests. */
	sent: Map<string, number>;
	/** The Range header of each request per file ('' without one). */
	ranges: Map<string, string[]>;
	/** Resolves when every response so far has finished or been closed. */
	settled(): Promise<void>;
	close(): Promise<void>;
};

/**
 * Serves `dir` at http://127.0.0.1:<free port>/.
 *
 * @example
 * const server = await serveModelFolder(dir, { range: false });
 */
export async function serveModelFolder(
	dir: string,
	options: ModelFolderServerOptions = {}
): Promise<ModelFolderServer> {
	const sent = new Map<string, number>();
	const ranges = new Map<string, string[]>();
	const pending: Promise<void>[] = [];
	const chunkBytes = options.chunkBytes ?? 64 * 1024;
	const server = createServer((req, res) => {
		const name = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname.slice(1));
		ranges.set(name, [...(ranges.get(name) ?? []), req.headers.range ?? '']);
		const done = new Promise<void>((resolve) => res.once('close', resolve));
		pending.push(done);
		void answer(name, req.headers.range, res);
	});
	async function answer(name: string, range: string | undefined, res: ServerResponse) {
		const status = options.status?.[name];
		if (status) return void res.writeHead(status, { 'Content-Type': 'text/plain' }).end(`status ${status}`);
		let bytes: Uint8Array;
		try {
			bytes = new Uint8Array(await readFile(join(dir, name)));
		} catch {
			return void res.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found');
		}
		let start = 0;
		let end = bytes.length;
		const match = options.range !== false ? range?.match(/^bytes=(\d+)-(\d+)$/) : null;
		if (match) {
			start = Number(match[1]);
			end = Math.min(bytes.length, Number(match[2]) + 1);
			if (start >= bytes.length) return void res.writeHead(416, { 'Content-Range': `bytes */${bytes.length}` }).end();
			res.writeHead(206, {
				'Content-Length': String(end - start),
				'Content-Range': `bytes ${start}-${end - 1}/${bytes.length}`
			});
		} else res.writeHead(200, { 'Content-Length': String(bytes.length), 'Accept-Ranges': 'none' });
		const stopAt = options.truncate?.[name] !== undefined ? start + options.truncate[name]! : end;
		for (let offset = start; offset < Math.min(end, stopAt) && !res.destroyed; offset += chunkBytes) {
			const piece = bytes.subarray(offset, Math.min(end, stopAt, offset + chunkBytes));
			sent.set(name, (sent.get(name) ?? 0) + piece.length);
			if (!res.write(piece))
				await new Promise<void>((resolve) => {
					const go = () => {
						res.off('drain', go).off('close', go);
						resolve();
					};
					res.on('drain', go).on('close', go);
				});
		}
		if (stopAt < end) res.socket?.destroy();
		else res.end();
	}
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	return {
		url: `http://127.0.0.1:${port}/`,
		sent,
		ranges,
		settled: async () => void (await Promise.all(pending)),
		close: () =>
			new Promise<void>((resolve) => {
				server.closeAllConnections();
				server.close(() => resolve());
			})
	};
}
