import { describe, expect, it } from 'vitest';
import * as ort from 'onnxruntime-node';
import { GraphBuilder, OnnxDataType, OnnxGraphError } from './onnxProto.ts';

describe('GraphBuilder', () => {
	it('writes a model onnxruntime runs: initializers, attributes, symbolic dims, multi-output nodes', async () => {
		const g = new GraphBuilder();
		g.input('x', OnnxDataType.FLOAT, ['batch', 4]);
		const w = g.initializer('w', OnnxDataType.FLOAT, [4, 2], Float32Array.from([1, 0, 0, 1, 1, 0, 0, 1]));
		const shift = g.constFloat([0.5], []);
		const y = g.op('Add', [g.op('MatMul', ['x', w]), shift]); // [batch, 2]
		const [left, right] = g.node('Split', [y, g.constInt64([1, 1])], { axis: { int: 1 } }, { outputs: 2 });
		const swapped = g.op('Concat', [right!, left!], { axis: { int: -1 } });
		g.output(swapped, 'swapped', OnnxDataType.FLOAT, ['batch', 2]);
		g.output(g.op('Softmax', [y], { axis: { int: -1 } }), 'probabilities', OnnxDataType.FLOAT, ['batch', 2]);

		const session = await ort.InferenceSession.create(g.serialize());
		expect(session.inputNames).toEqual(['x']);
		expect(session.outputNames).toEqual(['swapped', 'probabilities']);
		const x = new ort.Tensor('float32', Float32Array.from([1, 2, 3, 4, 0, 0, 0, 0]), [2, 4]);
		const results = await session.run({ x });
		// y = [1 + 3, 2 + 4] + 0.5 = [4.5, 6.5] and [0.5, 0.5]; swapped reverses the columns.
		expect(Array.from(results.swapped!.data as Float32Array)).toEqual([6.5, 4.5, 0.5, 0.5]);
		const p = results.probabilities!.data as Float32Array;
		expect(p[0]).toBeCloseTo(1 / (1 + Math.exp(2)), 6);
		expect(p[2]).toBeCloseTo(0.5, 6);
	});

	it('refuses reused names and tensors whose data does not fit their dims', () => {
		const g = new GraphBuilder();
		g.input('x', OnnxDataType.FLOAT, [2]);
		expect(() => g.initializer('x', OnnxDataType.FLOAT, [2], new Float32Array(2))).toThrow(OnnxGraphError);
		expect(() => g.initializer('w', OnnxDataType.FLOAT, [3], new Float32Array(2))).toThrow(/need 3/);
		expect(() => g.initializer('v', OnnxDataType.INT64, [2], new Float32Array(2))).toThrow(/does not match/);
	});
});
