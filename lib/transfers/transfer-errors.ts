/** What a transfer operation can refuse, in domain terms; the transfers handler maps each to problem+json. */

/** No such transfer for this school: the same answer whether it does not exist or belongs to others. */
export class TransferNotFoundError extends Error {
  constructor() {
    super('No such transfer for this school.');
    this.name = 'TransferNotFoundError';
  }
}

/** The decision does not fit the transfer's state or the school's side; nothing was changed. */
export class TransferConflictError extends Error {
  constructor(
    detail: string,
    readonly field?: string,
    readonly status: 400 | 409 = 409,
  ) {
    super(detail);
    this.name = 'TransferConflictError';
  }
}
