/**
 * The MIS import health light: its colour, its name and what it means in a sentence ("Last successful
 * import 3 hours ago"), and, when the most recent run failed after the last success, that too.
 */
import type { ImportHealth } from '../api/mis-imports';
import { formatUkDateTime } from '../formatting/uk-date-time';
import { failureSentence, healthHeadline, LIGHT_WORDS } from './import-words';
import './imports.css';

export function HealthLight({ health, now = new Date() }: { health: ImportHealth; now?: Date }) {
  const failure = failureSentence(health, now);
  return (
    <div className={`health-light health-light--${health.light}`} data-testid="mis-health-light">
      <span className="health-light__lamp" aria-hidden="true" />
      <div className="health-light__body">
        <p>
          <span className="health-light__name">{LIGHT_WORDS[health.light]}:</span>{' '}
          {health.lastSuccessAt ? (
            <time dateTime={health.lastSuccessAt} title={formatUkDateTime(health.lastSuccessAt)}>
              {healthHeadline(health, now)}
            </time>
          ) : (
            healthHeadline(health, now)
          )}
          .
        </p>
        {failure && <p>{failure}</p>}
      </div>
    </div>
  );
}
