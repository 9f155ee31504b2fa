/** What each status and direction means, as the incumbent's guide defines them, under the list. */
import { TRANSFER_DIRECTIONS, TRANSFER_STATUSES } from './transfers-api';
import { DIRECTION_MEANINGS, DIRECTION_WORDS, STATUS_MEANINGS } from './transfer-words';

export function TransferKey() {
  return (
    <section className="admin-section" aria-labelledby="transfer-key-heading">
      <h2 className="section-title" id="transfer-key-heading">
        What the statuses and directions mean
      </h2>
      <dl className="summary-list transfer-key">
        {TRANSFER_STATUSES.map((status) => (
          <div className="summary-list__row" key={status}>
            <dt>{status}</dt>
            <dd>{STATUS_MEANINGS[status]}</dd>
          </div>
        ))}
        {TRANSFER_DIRECTIONS.map((direction) => (
          <div className="summary-list__row" key={direction}>
            <dt>{DIRECTION_WORDS[direction]}</dt>
            <dd>{DIRECTION_MEANINGS[direction]}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
