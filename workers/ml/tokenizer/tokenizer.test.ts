import { describe, expect, it } from 'vitest';
import {
	BYTE_TO_UNICODE,
	TokenizerError,
	UNICODE_TO_BYTE,
	fromByteLevel,
	splitGpt2,
	splitOnSpecialTokens,
	toByteLevel
} from './byteLevel.ts';
import { trainBpe } from './trainBpe.ts';
import { BpeTokenizer } from './bpeTokenizer.ts';
import { CHATML_CHAT_TEMPLATE, tokenizerJson } from './tokenizerJson.ts';
import { ProvenaError } from '../../shared/errors/ProvenaError.ts';

const SPECIAL = ['<|endoftext|>', '<|im_start|>', '<|im_end|>'];

const CORPUS = [
	'The quick brown fox jumps over the lazy dog. The dog sleeps; the fox runs.',
	"It's a sunny day, isn't it? We'll see what they've done.",
	'Café, naïve, résumé — déjà vu. 日本語のテキスト。Emoji: 🦊🐶 🎉',
	'Numbers 12345 and 3.14159, code: const x = a + b;\n\tindented\n\n  spaces   here',
	'<|im_start|>user\nHello there<|im_end|>\n<|im_start|>assistant\nHi!<|im_end|>'
];

function train(vocabSize = 400, texts: string[] = CORPUS) {
	return trainBpe(texts, { vocabSize, specialTokens: SPECIAL, minFrequency: 1 });
}

describe('byteLevel', () => {
	it('matches GPT-2 bytes_to_unicode', () => {
		expect(BYTE_TO_UNICODE).toHaveLength(256);
		expect(new Set(BYTE_TO_UNICODE).size).toBe(256);
		expect(BYTE_TO_UNICODE[0x21]).toBe('!');
		expect(BYTE_TO_UNICODE[0x41]).toBe('A');
		expect(BYTE_TO_UNICODE[0x00]).toBe('Ā');
		expect(BYTE_TO_UNICODE[0x20]).toBe('Ġ');
		expect(BYTE_TO_UNICODE[0x0a]).toBe('Ċ');
		expect(BYTE_TO_UNICODE[0xad]).toBe('Ń');
		expect(BYTE_TO_UNICODE[0xff]).toBe('ÿ');
		expect(UNICODE_TO_BYTE.get('Ġ')).toBe(0x20);
	});

	it('round-trips bytes through symbols', () => {
		const text = 'héllo 日本 🦊\n';
		expect(toByteLevel(' é')).toBe('ĠÃ©');
		expect(new TextDecoder().decode(fromByteLevel(toByteLevel(text)))).toBe(text);
		expect(() => fromByteLevel(' ')).toThrow(TokenizerError);
	});

	it('splits like the GPT-2 regex', () => {
		expect(splitGpt2("Hello  world! It's 2024\n\nok")).toEqual([
			'Hello',
			' ',
			' world',
			'!',
			' It',
			"'s",
			' 2024',
			// \s+(?!\S) backs off one character before a word, as in GPT-2.
			'\n',
			'\n',
			'ok'
		]);
		expect(splitGpt2('a   ')).toEqual(['a', '   ']);
		expect(splitGpt2('')).toEqual([]);
	});

	it('cuts special tokens out whole', () => {
		expect(splitOnSpecialTokens('a<|im_end|>b<|im_end|>', SPECIAL)).toEqual([
			{ text: 'a', special: false },
			{ text: '<|im_end|>', special: true },
			{ text: 'b', special: false },
			{ text: '<|im_end|>', special: true }
		]);
	});
});

describe('trainBpe', () => {
	it('gives the hand-checked first merges for "aaab aaab"', () => {
		const { vocab, merges } = trainBpe(['aaab aaab'], { vocabSize: 300, specialTokens: SPECIAL });
		// (a,a) occurs 4 times; then (aa,a) and (a,b) tie at 2 and 'a' < 'aa' picks (a,b); then (aa,ab) at 2.
		// (Ġ,aaab) occurs once, under the default minFrequency of 2.
		expect(merges).toEqual([
			['a', 'a'],
			['a', 'b'],
			['aa', 'ab']
		]);
		expect(vocab.get('aaab')).toBe(3 + 256 + 2);
		const withSingles = trainBpe(['aaab aaab'], { vocabSize: 300, specialTokens: SPECIAL, minFrequency: 1 });
		expect(withSingles.merges.at(-1)).toEqual(['Ġ', 'aaab']);
	});

	it('puts special tokens first, then the 256 bytes in byte order', () => {
		const { vocab } = train();
		SPECIAL.forEach((token, id) => expect(vocab.get(token)).toBe(id));
		BYTE_TO_UNICODE.forEach((symbol, byte) => expect(vocab.get(symbol)).toBe(SPECIAL.length + byte));
		// Special tokens in the corpus are not learned from: no merge spells part of one.
		expect([...vocab.keys()].some((t) => t.includes('im_') && !SPECIAL.includes(t))).toBe(false);
	});

	it('is deterministic and independent of text order', () => {
		const a = train();
		const b = train();
		const c = train(400, [...CORPUS].reverse());
		expect([...a.vocab]).toEqual([...b.vocab]);
		expect(a.merges).toEqual(b.merges);
		expect(a.merges).toEqual(c.merges);
		const json = (t: typeof a) => JSON.stringify(tokenizerJson(t, { specialTokens: SPECIAL }));
		expect(json(a)).toBe(json(b));
	});

	it('respects vocabSize and keeps ids dense', () => {
		for (const size of [259, 300, 350]) {
			const { vocab, merges } = train(size);
			expect(vocab.size).toBeLessThanOrEqual(size);
			expect([...vocab.values()].sort((x, y) => x - y)).toEqual([...Array(vocab.size).keys()]);
			expect(merges.length).toBeGreaterThanOrEqual(vocab.size - 259);
		}
		expect(train(350).vocab.size).toBe(350);
	});

	it('stops when pairs run out', () => {
		const { vocab, merges } = trainBpe(['ab'], { vocabSize: 1000, specialTokens: SPECIAL, minFrequency: 1 });
		expect(merges).toEqual([['a', 'b']]);
		expect(vocab.size).toBe(260);
	});

	it('makes the most frequent word a single token', () => {
		const text = Array.from({ length: 200 }, (_, i) => `tokenizer ${i % 7 === 0 ? 'rare' : 'common'}`).join(' ');
		const { vocab, merges } = trainBpe([text], { vocabSize: 300, specialTokens: SPECIAL });
		expect(vocab.has('Ġtokenizer')).toBe(true);
		const tokenizer = new BpeTokenizer({ vocab, merges, specialTokens: SPECIAL });
		expect(tokenizer.encode(' tokenizer')).toEqual([vocab.get('Ġtokenizer')]);
	});

	it('rejects bad options with TokenizerError', () => {
		expect(() => trainBpe([], { vocabSize: 100, specialTokens: SPECIAL })).toThrow(TokenizerError);
		expect(() => trainBpe([], { vocabSize: 300, specialTokens: ['<a>', '<a>'] })).toThrow(ProvenaError);
		expect(() => trainBpe([], { vocabSize: 300, specialTokens: [''] })).toThrow(TokenizerError);
		expect(() => trainBpe([], { vocabSize: 300.5, specialTokens: [] })).toThrow(TokenizerError);
	});
});

describe('BpeTokenizer', () => {
	const trained = train(500);
	const tokenizer = new BpeTokenizer({ ...trained, specialTokens: SPECIAL });

	it.each([
		['ASCII', 'The quick brown fox jumps over the lazy dog.'],
		['unseen ASCII', 'Zebras xylophone QQQ ~~~ {}[]'],
		['accents', 'Café naïve résumé é'],
		['CJK', '日本語のテキスト、中文'],
		['emoji', '🦊🐶🎉 👩‍👩‍👧 flags 🇫🇷'],
		['whitespace runs', 'a    b\t\t c   \n\n\n  d  '],
		['newlines only', '\n\r\n\n'],
		['control bytes', '\u0000\u0001\u007f\u00ad'],
		['empty', ''],
		['specials mixed', '<|im_start|>user\nhé<|im_end|><|endoftext|>x']
	])('round-trips %s', (_, text) => {
		expect(tokenizer.decode(tokenizer.encode(text))).toBe(text);
	});

	it('encodes special tokens as their ids and never splits them', () => {
		expect(tokenizer.encode('<|endoftext|>')).toEqual([0]);
		expect(tokenizer.encode('<|im_start|><|im_end|>')).toEqual([1, 2]);
		const ids = tokenizer.encode('hi<|im_end|>there');
		expect(ids.filter((id) => id < 3)).toEqual([2]);
		expect(tokenizer.decode([2])).toBe('<|im_end|>');
		// A partial special token is ordinary text.
		expect(tokenizer.encode('<|im_end').includes(2)).toBe(false);
	});

	it('applies merges by rank', () => {
		const { vocab, merges } = trainBpe(['aaab aaab'], { vocabSize: 300, specialTokens: SPECIAL });
		const small = new BpeTokenizer({ vocab, merges, specialTokens: SPECIAL });
		expect(small.encode('aaab')).toEqual([vocab.get('aaab')]);
		// 'aaaa' → (a,a) twice → [aa, aa]; no merge joins them.
		expect(small.encode('aaaa')).toEqual([vocab.get('aa'), vocab.get('aa')]);
		expect(small.encode('ab')).toEqual([vocab.get('ab')]);
	});

	it('decodes a split character to U+FFFD and rejects unknown ids', () => {
		const bytes = tokenizer.encode('é').flatMap((id) => {
			const token = [...trained.vocab].find(([, v]) => v === id)![0];
			return Array.from(token, (char) => trained.vocab.get(char)!);
		});
		expect(tokenizer.decode(bytes.slice(0, 1))).toBe('\uFFFD');
		expect(() => tokenizer.decode([999999])).toThrow(TokenizerError);
	});

	it('reloads from its own tokenizer.json', () => {
		const { tokenizerJson: json } = tokenizerJson(trained, { specialTokens: SPECIAL });
		const reloaded = BpeTokenizer.fromTokenizerJson(JSON.parse(JSON.stringify(json)));
		for (const text of CORPUS) expect(reloaded.encode(text)).toEqual(tokenizer.encode(text));
	});
});

describe('tokenizerJson', () => {
	const trained = train(400);
	const { tokenizerJson: json, tokenizerConfig: config } = tokenizerJson(trained, {
		specialTokens: SPECIAL,
		chatTemplate: CHATML_CHAT_TEMPLATE,
		eosToken: '<|im_end|>'
	});
	const byteLevel = { type: 'ByteLevel', add_prefix_space: false, trim_offsets: true, use_regex: true };

	it('writes the Hugging Face tokenizer.json fields', () => {
		expect(json.version).toBe('1.0');
		expect(json.truncation).toBeNull();
		expect(json.padding).toBeNull();
		expect(json.normalizer).toBeNull();
		expect(json.added_tokens).toEqual(
			SPECIAL.map((content, id) => ({
				id,
				content,
				single_word: false,
				lstrip: false,
				rstrip: false,
				normalized: false,
				special: true
			}))
		);
		expect(json.pre_tokenizer).toEqual(byteLevel);
		expect(json.post_processor).toEqual({ ...byteLevel, trim_offsets: false });
		expect(json.decoder).toEqual(byteLevel);
		const model = json.model as Record<string, unknown>;
		expect(model).toMatchObject({
			type: 'BPE',
			dropout: null,
			unk_token: null,
			continuing_subword_prefix: null,
			end_of_word_suffix: null,
			fuse_unk: false,
			byte_fallback: false,
			ignore_merges: false
		});
		expect(model.vocab).toEqual(Object.fromEntries(trained.vocab));
		expect(model.merges).toEqual(trained.merges.map(([a, b]) => `${a} ${b}`));
		expect((model.merges as string[]).every((m) => m.split(' ').length === 2)).toBe(true);
	});

	it('writes tokenizer_config.json', () => {
		expect(config).toMatchObject({
			tokenizer_class: 'PreTrainedTokenizerFast',
			bos_token: '<|endoftext|>',
			eos_token: '<|im_end|>',
			pad_token: '<|endoftext|>',
			model_max_length: 2048,
			chat_template: CHATML_CHAT_TEMPLATE
		});
		expect(config.added_tokens_decoder).toEqual({
			'0': expect.objectContaining({ content: '<|endoftext|>', special: true }),
			'1': expect.objectContaining({ content: '<|im_start|>', special: true }),
			'2': expect.objectContaining({ content: '<|im_end|>', special: true })
		});
		expect(tokenizerJson(trained, { specialTokens: SPECIAL }).tokenizerConfig).not.toHaveProperty('chat_template');
	});

	it('refuses inconsistent options', () => {
		expect(() => tokenizerJson(trained, { specialTokens: ['<nope>'] })).toThrow(TokenizerError);
		expect(() => tokenizerJson(trained, { specialTokens: SPECIAL, bosToken: 'x' })).toThrow(TokenizerError);
		const plain = trainBpe(['x'], { vocabSize: 300, specialTokens: ['<|endoftext|>'] });
		expect(() =>
			tokenizerJson(plain, { specialTokens: ['<|endoftext|>'], chatTemplate: CHATML_CHAT_TEMPLATE })
		).toThrow(TokenizerError);
	});
});
