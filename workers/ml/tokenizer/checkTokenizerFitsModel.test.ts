import { describe, expect, it } from 'vitest';
import type { ModelConfig } from '../core/modelConfig.ts';
import { checkTokenizerFitsModel, TokenizerMismatchError } from './checkTokenizerFitsModel.ts';
import { tokenizerJson } from './tokenizerJson.ts';
import { trainBpe } from './trainBpe.ts';
import { tinyLlamaConfig } from '../model/fixtureModels.ts';

const specialTokens = ['<|endoftext|>', '<|im_start|>', '<|im_end|>'];
const trained = trainBpe(['the cat sat on the mat. the dog sat on the log.'], { vocabSize: 280, specialTokens });
const files = tokenizerJson(trained, { specialTokens, bosToken: '<|im_start|>', eosToken: '<|im_end|>' });
const config: ModelConfig = {
	...tinyLlamaConfig,
	vocabSize: trained.vocab.size,
	numLayers: 1,
	maxPositionEmbeddings: 64,
	bosTokenId: 1
};

function failure(run: () => void): TokenizerMismatchError {
	try {
		run();
	} catch (error) {
		expect(error).toBeInstanceOf(TokenizerMismatchError);
		return error as TokenizerMismatchError;
	}
	throw new Error('expected a TokenizerMismatchError');
}

describe('checkTokenizerFitsModel', () => {
	it("accepts the model's own tokenizer, and a vocabulary padded past the tokenizer's ids", () => {
		expect(() => checkTokenizerFitsModel(config, files)).not.toThrow();
		expect(() => checkTokenizerFitsModel({ ...config, vocabSize: config.vocabSize + 64 }, files)).not.toThrow();
	});

	it('refuses ids past the vocabulary, naming both numbers', () => {
		const error = failure(() =>
			checkTokenizerFitsModel({ ...config, vocabSize: 200 }, { ...files, source: 'models/tiny' })
		);
		expect(error.field).toBe('vocab_size');
		expect(error.shortMessage).toContain(`token ids up to ${trained.vocab.size - 1}`);
		expect(error.shortMessage).toContain("the model's vocabulary has 200 ids (0…199");
		expect(error.shortMessage).toContain('Use the tokenizer.json and tokenizer_config.json that came with this model');
	});

	it('counts added tokens beyond model.vocab', () => {
		const json = structuredClone(files.tokenizerJson);
		(json['added_tokens'] as unknown[]).push({ id: config.vocabSize + 5, content: '<extra>', special: true });
		const error = failure(() => checkTokenizerFitsModel(config, { tokenizerJson: json }));
		expect(error.shortMessage).toContain(`token ids up to ${config.vocabSize + 5} ("<extra>")`);
	});

	it('refuses eos and bos ids that disagree with the config', () => {
		const eos = failure(() => checkTokenizerFitsModel({ ...config, eosTokenIds: [0] }, files));
		expect(eos.field).toBe('eos_token');
		expect(eos.shortMessage).toContain('eos_token "<|im_end|>" is id 2, but the model stops at id 0');
		// generation_config.json's eos ids are the model's too
		const merged = { ...files, generationConfig: { eos_token_id: [0, 2] } };
		expect(() => checkTokenizerFitsModel({ ...config, eosTokenIds: [0] }, merged)).not.toThrow();
		const bos = failure(() => checkTokenizerFitsModel({ ...config, bosTokenId: 0 }, files));
		expect(bos.shortMessage).toContain('bos_token "<|im_start|>" is id 1, but the model\'s bos_token_id is 0');
		const unknown = failure(() =>
			checkTokenizerFitsModel(config, { ...files, tokenizerConfig: { eos_token: { content: '</s>' } } })
		);
		expect(unknown.shortMessage).toContain('names eos_token "</s>", which tokenizer.json does not contain');
	});

	it('refuses a tokenizer that is not BPE, or has no vocabulary', () => {
		const unigram = { ...files.tokenizerJson, model: { type: 'Unigram', vocab: [['a', -1]] } };
		expect(failure(() => checkTokenizerFitsModel(config, { tokenizerJson: unigram })).shortMessage).toMatch(
			/is a Unigram tokenizer; Provena runs BPE/
		);
		const empty = failure(() => checkTokenizerFitsModel(config, { tokenizerJson: { model: { type: 'BPE' } } }));
		expect(empty.field).toBe('model.vocab');
	});
});
