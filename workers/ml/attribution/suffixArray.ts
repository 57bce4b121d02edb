// The suffix array of a token sequence, by SA-IS (Nong, Zhang & Chan 2009): linear time, and memory of a few
// integers a token, so the span index of a datanet version is built in a worker of the page. The sequence's
// suffixes are sorted by comparing token ids as integers, a shorter suffix before any it is a prefix of.

/**
 * The start positions of `tokens`' suffixes in sorted order. Every token must be an integer in [0, alphabetSize).
 *
 * @example
 * suffixArray([1, 0, 1, 0], 2); // Int32Array [3, 1, 2, 0]: "0" < "0 1 0" < "1 0" < "1 0 1 0"
 */
export function suffixArray(tokens: ArrayLike<number>, alphabetSize: number): Int32Array {
	const n = tokens.length;
	if (!Number.isInteger(alphabetSize) || alphabetSize < 1 || alphabetSize >= 2 ** 31 - 1)
		throw new RangeError(`The alphabet size must be a positive integer below 2^31 - 1; got ${alphabetSize}.`);
	if (n >= 2 ** 31 - 1) throw new RangeError(`A suffix array holds fewer than 2^31 - 1 tokens; got ${n}.`);
	// SA-IS wants a unique smallest symbol at the end: every token moves up by one and 0 is appended.
	const text = new Int32Array(n + 1);
	for (let i = 0; i < n; i++) {
		const token = tokens[i]!;
		if (!Number.isInteger(token) || token < 0 || token >= alphabetSize)
			throw new RangeError(`Token ${token} at position ${i} is outside [0, ${alphabetSize}).`);
		text[i] = token + 1;
	}
	// The sentinel's suffix comes first; the rest is the answer.
	return sais(text, alphabetSize + 1).subarray(1);
}

/** SA-IS over `s`, whose last symbol is a unique 0 and whose symbols are below `k`. */
function sais(s: Int32Array, k: number): Int32Array {
	const n = s.length;
	const sa = new Int32Array(n);
	if (n === 1) return sa;
	// S-type (1) suffixes are smaller than the suffix after them, L-type (0) larger.
	const sType = new Uint8Array(n);
	sType[n - 1] = 1;
	for (let i = n - 2; i >= 0; i--) sType[i] = s[i]! < s[i + 1]! || (s[i] === s[i + 1] && sType[i + 1] === 1) ? 1 : 0;
	const isLms = (i: number) => i > 0 && sType[i] === 1 && sType[i - 1] === 0;

	const counts = new Int32Array(k);
	for (let i = 0; i < n; i++) counts[s[i]!]!++;
	const bucket = new Int32Array(k);
	const bucketStarts = () => {
		for (let c = 0, sum = 0; c < k; c++) {
			bucket[c] = sum;
			sum += counts[c]!;
		}
	};
	const bucketEnds = () => {
		for (let c = 0, sum = 0; c < k; c++) {
			sum += counts[c]!;
			bucket[c] = sum;
		}
	};
	const induce = () => {
		bucketStarts();
		for (let i = 0; i < n; i++) {
			const j = sa[i]! - 1;
			if (j >= 0 && sType[j] === 0) sa[bucket[s[j]!]!++] = j;
		}
		bucketEnds();
		for (let i = n - 1; i >= 0; i--) {
			const j = sa[i]! - 1;
			if (j >= 0 && sType[j] === 1) sa[--bucket[s[j]!]!] = j;
		}
	};

	// 1. Sort the LMS substrings: seed their bucket ends, then induce.
	sa.fill(-1);
	bucketEnds();
	for (let i = 1; i < n; i++) if (isLms(i)) sa[--bucket[s[i]!]!] = i;
	induce();

	// 2. Name them in sorted order (equal substrings share a name), keeping the names in text order.
	let lmsCount = 0;
	for (let i = 0; i < n; i++) if (isLms(sa[i]!)) sa[lmsCount++] = sa[i]!;
	sa.fill(-1, lmsCount);
	let names = 0;
	let previous = -1;
	for (let i = 0; i < lmsCount; i++) {
		const position = sa[i]!;
		let differs = previous < 0;
		for (let d = 0; !differs; d++) {
			if (s[position + d] !== s[previous + d] || sType[position + d] !== sType[previous + d]) differs = true;
			else if (d > 0 && (isLms(position + d) || isLms(previous + d))) break;
		}
		if (differs) {
			names++;
			previous = position;
		}
		// LMS positions are at least two apart, so position / 2 gives each its own slot.
		sa[lmsCount + (position >> 1)] = names - 1;
	}
	const reduced = new Int32Array(lmsCount);
	for (let i = lmsCount, j = 0; i < n; i++) if (sa[i]! >= 0) reduced[j++] = sa[i]!;

	// 3. Sort the LMS suffixes: recursively while names repeat, else the names are their ranks.
	let reducedOrder: Int32Array;
	if (names < lmsCount) reducedOrder = sais(reduced, names);
	else {
		reducedOrder = new Int32Array(lmsCount);
		for (let i = 0; i < lmsCount; i++) reducedOrder[reduced[i]!] = i;
	}

	// 4. Seed the sorted LMS suffixes at their bucket ends, then induce the whole array.
	const lmsPositions = new Int32Array(lmsCount);
	for (let i = 1, j = 0; i < n; i++) if (isLms(i)) lmsPositions[j++] = i;
	sa.fill(-1);
	bucketEnds();
	for (let i = lmsCount - 1; i >= 0; i--) {
		const position = lmsPositions[reducedOrder[i]!]!;
		sa[--bucket[s[position]!]!] = position;
	}
	induce();
	return sa;
}
