// Paragraphs on one topic (contract law) for the dedupe tests: same vocabulary and style, different text, which is
// what a datanet's unrelated-but-similar records look like and what must not be flagged as near-duplicates.

export const CONTRACT_LAW = [
	'A contract is formed when one party makes an offer that the other party accepts, each side gives something of value, and both intend to create legal relations. The offer must be definite enough that a court can tell what was promised, and the acceptance must mirror its terms; an answer that changes the terms is a counter-offer that rejects the original. Silence is rarely acceptance, although a course of dealing between merchants can make it so. Once accepted, the promise binds both parties, and either may sue for damages if the other fails to perform as agreed.',
	'Consideration is the price paid for a promise, and without it most promises cannot be enforced in court. The value exchanged need not be fair or equal, since judges do not weigh the wisdom of a bargain, but it must be real and not merely a past favour or a duty the promisor already owed. A promise to pay more for work that a builder was already bound to finish is usually unenforceable, unless the builder took on some new obligation. Deeds are the classic exception, binding a party without any exchange because of the formality of their execution.',
	'When a party breaks a contract, the usual remedy is an award of damages meant to put the innocent party where it would have been had the promise been kept. Losses that were not reasonably foreseeable when the contract was made cannot be recovered, and the claimant must take sensible steps to limit its loss rather than let it grow. Specific performance, an order to do what was promised, is reserved for cases where money would be an inadequate remedy, such as the sale of land or of a unique painting. Penalty clauses that punish rather than compensate are struck down.',
	'Some contracts can be set aside because the consent behind them was flawed. A misrepresentation of fact that induced the agreement allows the deceived party to rescind, and fraud adds a claim in tort for the losses it caused. Duress, whether by threats to the person or by illegitimate economic pressure, and undue influence, where one party exploits the trust of another, have the same effect. A shared mistake about a fundamental matter, such as the existence of the goods being sold, can make the contract void from the start, while a mistake by only one side rarely does.'
];

/** `text` with the words at `positions` (0-based word indexes) replaced by `replacement`. */
export function replaceWords(text: string, positions: number[], replacement = 'zebra'): string {
	const words = text.split(' ');
	for (const position of positions) words[position] = replacement;
	return words.join(' ');
}
