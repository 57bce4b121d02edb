// A minimal ONNX protobuf writer: the few messages of onnx.proto a generated inference graph needs, declared
// with protobufjs reflection in code (so nothing has to load a .proto file at runtime, in a worker or in Node),
// plus a small graph builder that names intermediate values automatically. Field numbers are onnx.proto's.
import protobuf from 'protobufjs';
import { ProvenaError } from '../../shared/errors/ProvenaError.ts';

/** An ONNX graph could not be built or serialised as asked. */
export class OnnxGraphError extends ProvenaError {
	override name = 'OnnxGraphError';
}

/** TensorProto.DataType values used here. */
export const OnnxDataType = { FLOAT: 1, INT32: 6, INT64: 7, BOOL: 9, DOUBLE: 11 } as const;
export type OnnxDataTypeValue = (typeof OnnxDataType)[keyof typeof OnnxDataType];

/** AttributeProto.AttributeType values. */
const AttributeType = { FLOAT: 1, INT: 2, STRING: 3, TENSOR: 4, FLOATS: 6, INTS: 7 } as const;

type FieldSpec = [name: string, id: number, type: string, rule?: 'repeated', packed?: boolean];

function messageType(name: string, fields: FieldSpec[], oneofs: Record<string, string[]> = {}): protobuf.Type {
	const type = new protobuf.Type(name);
	for (const [fieldName, id, fieldType, rule, packed] of fields) {
		// onnx.proto is proto2: repeated scalars are unpacked unless it says [packed = true], as it does for
		// float_data / int64_data. Parsers accept both, but matching the schema keeps files byte-comparable.
		const options = rule === 'repeated' && packed !== undefined ? { packed } : undefined;
		type.add(new protobuf.Field(fieldName, id, fieldType, rule, undefined, options));
	}
	for (const [oneofName, members] of Object.entries(oneofs)) type.add(new protobuf.OneOf(oneofName, members));
	return type;
}

let cachedRoot: protobuf.Root | undefined;

/** The onnx.proto subset as a protobufjs Root, built once. */
function onnxRoot(): protobuf.Root {
	if (cachedRoot) return cachedRoot;
	const root = new protobuf.Root();
	const dimension = messageType(
		'Dimension',
		[
			['dim_value', 1, 'int64'],
			['dim_param', 2, 'string'],
			['denotation', 3, 'string']
		],
		{ value: ['dim_value', 'dim_param'] }
	);
	const shape = messageType('TensorShapeProto', [['dim', 1, 'Dimension', 'repeated']]);
	shape.add(dimension);
	const tensorType = messageType('Tensor', [
		['elem_type', 1, 'int32'],
		['shape', 2, 'TensorShapeProto']
	]);
	const typeProto = messageType('TypeProto', [['tensor_type', 1, 'Tensor']], { value: ['tensor_type'] });
	typeProto.add(tensorType);
	root.add(shape);
	root.add(typeProto);
	root.add(
		messageType('TensorProto', [
			['dims', 1, 'int64', 'repeated', false],
			['data_type', 2, 'int32'],
			['float_data', 4, 'float', 'repeated', true],
			['int32_data', 5, 'int32', 'repeated', true],
			['int64_data', 7, 'int64', 'repeated', true],
			['name', 8, 'string'],
			['raw_data', 9, 'bytes'],
			['doc_string', 12, 'string']
		])
	);
	root.add(
		messageType('ValueInfoProto', [
			['name', 1, 'string'],
			['type', 2, 'TypeProto'],
			['doc_string', 3, 'string']
		])
	);
	root.add(
		messageType('AttributeProto', [
			['name', 1, 'string'],
			['f', 2, 'float'],
			['i', 3, 'int64'],
			['s', 4, 'bytes'],
			['t', 5, 'TensorProto'],
			['floats', 7, 'float', 'repeated', false],
			['ints', 8, 'int64', 'repeated', false],
			['type', 20, 'int32']
		])
	);
	root.add(
		messageType('NodeProto', [
			['input', 1, 'string', 'repeated'],
			['output', 2, 'string', 'repeated'],
			['name', 3, 'string'],
			['op_type', 4, 'string'],
			['attribute', 5, 'AttributeProto', 'repeated'],
			['doc_string', 6, 'string'],
			['domain', 7, 'string']
		])
	);
	root.add(
		messageType('GraphProto', [
			['node', 1, 'NodeProto', 'repeated'],
			['name', 2, 'string'],
			['initializer', 5, 'TensorProto', 'repeated'],
			['doc_string', 10, 'string'],
			['input', 11, 'ValueInfoProto', 'repeated'],
			['output', 12, 'ValueInfoProto', 'repeated'],
			['value_info', 13, 'ValueInfoProto', 'repeated']
		])
	);
	root.add(
		messageType('OperatorSetIdProto', [
			['domain', 1, 'string'],
			['version', 2, 'int64']
		])
	);
	root.add(
		messageType('ModelProto', [
			['ir_version', 1, 'int64'],
			['producer_name', 2, 'string'],
			['producer_version', 3, 'string'],
			['domain', 4, 'string'],
			['model_version', 5, 'int64'],
			['doc_string', 6, 'string'],
			['graph', 7, 'GraphProto'],
			['opset_import', 8, 'OperatorSetIdProto', 'repeated']
		])
	);
	root.resolveAll();
	cachedRoot = root;
	return root;
}

/** Tensor contents accepted by {@link GraphBuilder.initializer}: float32, int64 (as BigInt64Array) or int32. */
export type TensorValues = Float32Array | BigInt64Array | Int32Array;

/** An attribute of a node, tagged by its ONNX type (a bare number would not say whether it is INT or FLOAT). */
export type AttributeValue =
	| { int: number }
	| { ints: readonly number[] }
	| { float: number }
	| { floats: readonly number[] }
	| { string: string }
	| { tensor: { dataType: OnnxDataTypeValue; dims: readonly number[]; values: TensorValues } };

/** A dimension of a graph input or output: a fixed size or a symbolic name such as 'batch'. */
export type OnnxDim = number | string;

type TensorMessage = { name?: string; dims: number[]; data_type: number; raw_data: Uint8Array };

function tensorMessage(
	name: string | undefined,
	dataType: OnnxDataTypeValue,
	dims: readonly number[],
	values: TensorValues
): TensorMessage {
	const expected = dims.reduce((a, b) => a * b, 1);
	if (values.length !== expected) {
		throw new OnnxGraphError(
			`Tensor ${name ?? '(attribute)'} has ${values.length} values; its dims [${dims.join(', ')}] need ${expected}.`
		);
	}
	const bytesPerValue =
		dataType === OnnxDataType.INT64 || dataType === OnnxDataType.DOUBLE ? 8 : dataType === OnnxDataType.BOOL ? 1 : 4;
	if (values.BYTES_PER_ELEMENT !== bytesPerValue) {
		throw new OnnxGraphError(
			`Tensor ${name ?? '(attribute)'}: data type ${dataType} does not match a ${values.constructor.name}.`
		);
	}
	// raw_data is little-endian; every platform ORT and browsers run on is little-endian, so the typed array's
	// own bytes are the wire format and no per-value encoding is needed (that matters for large weights).
	const raw = new Uint8Array(values.buffer, values.byteOffset, values.byteLength);
	const message: TensorMessage = { dims: [...dims], data_type: dataType, raw_data: raw };
	if (name !== undefined) message.name = name;
	return message;
}

function valueInfo(name: string, elemType: OnnxDataTypeValue, dims: readonly OnnxDim[]) {
	return {
		name,
		type: {
			tensor_type: {
				elem_type: elemType,
				shape: { dim: dims.map((dim) => (typeof dim === 'number' ? { dim_value: dim } : { dim_param: dim })) }
			}
		}
	};
}

function attributeMessage(name: string, value: AttributeValue) {
	if ('int' in value) return { name, type: AttributeType.INT, i: value.int };
	if ('ints' in value) return { name, type: AttributeType.INTS, ints: [...value.ints] };
	if ('float' in value) return { name, type: AttributeType.FLOAT, f: value.float };
	if ('floats' in value) return { name, type: AttributeType.FLOATS, floats: [...value.floats] };
	if ('string' in value) return { name, type: AttributeType.STRING, s: new TextEncoder().encode(value.string) };
	const { dataType, dims, values } = value.tensor;
	return { name, type: AttributeType.TENSOR, t: tensorMessage(undefined, dataType, dims, values) };
}

/** Options of {@link GraphBuilder.node}. */
export type NodeOptions = {
	/** How many outputs the node has (default 1); they are named automatically. */
	outputs?: number;
	/** Explicit output names, e.g. graph outputs; overrides `outputs`. */
	outputNames?: readonly string[];
	/** Operator domain; '' (the default) is standard ONNX, 'com.microsoft' ORT's contrib ops. */
	domain?: string;
};

/** Options of {@link GraphBuilder.serialize}. */
export type SerializeOptions = {
	/** Default opset version (17 unless given). */
	opset?: number;
	/** Extra opset imports, e.g. { 'com.microsoft': 1 }. */
	extraOpsets?: Record<string, number>;
	graphName?: string;
	producerName?: string;
};

/**
 * Builds one ONNX graph node by node and serialises it to a ModelProto. Values are referred to by name;
 * `node` and `constant` return the generated names, so graphs read like straight-line code.
 *
 * @example
 * const g = new GraphBuilder();
 * g.input('x', OnnxDataType.FLOAT, ['batch', 4]);
 * const w = g.initializer('w', OnnxDataType.FLOAT, [4, 2], new Float32Array(8));
 * const [y] = g.node('MatMul', ['x', w]);
 * g.output(y!, 'y', OnnxDataType.FLOAT, ['batch', 2]);
 * const bytes = g.serialize();
 */
export class GraphBuilder {
	private readonly nodes: object[] = [];
	private readonly initializers: TensorMessage[] = [];
	private readonly inputs: object[] = [];
	private readonly outputs: object[] = [];
	private readonly usedNames = new Set<string>();
	private counter = 0;

	/** An unused value name with a readable prefix (claimed once a node, input or initializer takes it). */
	fresh(prefix: string): string {
		let name: string;
		do name = `${prefix}_${this.counter++}`;
		while (this.usedNames.has(name));
		return name;
	}

	private claim(name: string): string {
		if (this.usedNames.has(name)) throw new OnnxGraphError(`The value name ${name} is used twice in the graph.`);
		this.usedNames.add(name);
		return name;
	}

	/** Declares a graph input. */
	input(name: string, elemType: OnnxDataTypeValue, dims: readonly OnnxDim[]): string {
		this.inputs.push(valueInfo(this.claim(name), elemType, dims));
		return name;
	}

	/** Declares `value` a graph output named `name` (an Identity node renames it where the names differ). */
	output(value: string, name: string, elemType: OnnxDataTypeValue, dims: readonly OnnxDim[]): string {
		if (value !== name) this.node('Identity', [value], {}, { outputNames: [name] });
		this.outputs.push(valueInfo(name, elemType, dims));
		return name;
	}

	/** Adds a named initializer (a weight); returns its name. */
	initializer(name: string, dataType: OnnxDataTypeValue, dims: readonly number[], values: TensorValues): string {
		this.initializers.push(tensorMessage(this.claim(name), dataType, dims, values));
		return name;
	}

	/** A float32 constant (an auto-named initializer); dims default to a 1-D tensor, [] gives a scalar. */
	constFloat(values: readonly number[], dims: readonly number[] = [values.length]): string {
		return this.initializer(this.fresh('const_f'), OnnxDataType.FLOAT, dims, Float32Array.from(values));
	}

	/** An int64 constant (an auto-named initializer); dims default to a 1-D tensor, [] gives a scalar. */
	constInt64(values: readonly number[], dims: readonly number[] = [values.length]): string {
		return this.initializer(
			this.fresh('const_i'),
			OnnxDataType.INT64,
			dims,
			BigInt64Array.from(values, (v) => BigInt(v))
		);
	}

	/** Adds a node; returns its output names (auto-named after the op unless `outputNames` is given). */
	node(
		opType: string,
		inputs: readonly string[],
		attributes: Record<string, AttributeValue> = {},
		options: NodeOptions = {}
	): string[] {
		const outputs = options.outputNames
			? options.outputNames.map((name) => this.claim(name))
			: Array.from({ length: options.outputs ?? 1 }, () => this.claim(this.fresh(opType)));
		this.nodes.push({
			input: [...inputs],
			output: outputs,
			name: `${opType}_node_${this.nodes.length}`,
			op_type: opType,
			domain: options.domain ?? '',
			attribute: Object.entries(attributes).map(([name, value]) => attributeMessage(name, value))
		});
		return outputs;
	}

	/** Shorthand for a single-output node. */
	op(opType: string, inputs: readonly string[], attributes: Record<string, AttributeValue> = {}): string {
		return this.node(opType, inputs, attributes)[0]!;
	}

	/** The serialised ModelProto (IR version 8, default opset 17 unless given). */
	serialize(options: SerializeOptions = {}): Uint8Array {
		const root = onnxRoot();
		const modelType = root.lookupType('ModelProto');
		const opsetImport = [{ domain: '', version: options.opset ?? 17 }];
		for (const [domain, version] of Object.entries(options.extraOpsets ?? {})) opsetImport.push({ domain, version });
		const model = {
			ir_version: 8,
			producer_name: options.producerName ?? 'provena',
			opset_import: opsetImport,
			graph: {
				name: options.graphName ?? 'graph',
				node: this.nodes,
				initializer: this.initializers,
				input: this.inputs,
				output: this.outputs
			}
		};
		const problem = modelType.verify(model);
		if (problem) throw new OnnxGraphError('The ONNX model does not fit the schema.', { details: problem });
		return modelType.encode(modelType.fromObject(model)).finish();
	}
}
