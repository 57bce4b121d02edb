// Gas a vote-moving call may need beyond its estimate. OpenVotes keeps one checkpoint per account per second: a call
// estimated in the same second as the last change of those votes only updates a slot, but mined a second later it
// writes fresh ones (about 22k gas each). Measured: 65k estimated against 110k used for a stake delegation.

/** Two fresh checkpoint slots (sender's side and receiver's side, or a delegate and the total supply) and their bookkeeping. */
export const voteCheckpointGas = 50_000n;
